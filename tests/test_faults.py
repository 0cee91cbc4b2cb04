"""Faults: a writer killed at every step, hand-edited or corrupted archive files, concurrent writers,
a read-only archive, a full disk and no git. Real archives in tmp_path; the CLI as a user runs it
(CliRunner, or a real subprocess where a process must die or several must race)."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from policydiff import parse_report
from policydiff.cli import cli
from policydiff.versions import archive as archive_module
from policydiff.versions import files as files_module
from policydiff.versions.archive import FAULT_ENV, FAULT_POINTS, LOCK_NAME, Archive
from policydiff.versions.errors import ArchiveError
from policydiff.versions.parse_text import PARSER_VERSION
from policydiff.versions.xml import edition_to_xml

NAME = "iryokiki-kihonkeikaku/fy2024"
XML_PATH = "reports/iryokiki-kihonkeikaku/fy2024.xml"
SOURCE_PATH = "sources/iryokiki-kihonkeikaku/fy2024.txt"
REAL_GIT = shutil.which("git")


def run(archive: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--archive", str(archive), *args])


def run_process(archive: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The CLI in its own process, as a user runs it (python -m: the same entry point as the script)."""
    base = {k: v for k, v in os.environ.items() if k not in ("POLICYDIFF_ARCHIVE", FAULT_ENV)}
    return subprocess.run([sys.executable, "-m", "policydiff.cli", "--archive", str(archive), *args],
                          capture_output=True, text=True, env={**base, **(env or {})}, timeout=120)


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}  # fmt: skip
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env=env).stdout


def state(repo: Path) -> dict[str, object]:
    """What a failed write must leave as it was: refs, status, index, every work tree file."""
    return {
        "head": git(repo, "rev-parse", "HEAD"),
        "tags": git(repo, "show-ref", "--tags"),
        "status": git(repo, "status", "--porcelain", "--untracked-files=all"),
        "index": git(repo, "ls-files", "--stage"),
        "files": {str(p.relative_to(repo)): p.read_bytes() for p in sorted(repo.rglob("*"))
                  if p.is_file() and ".git" not in p.relative_to(repo).parts},
    }


def one_line_error(stderr: str, code: int, expected: int = 2) -> str:
    assert code == expected, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    return lines[0]


def assert_sound(archive: Path) -> None:
    """verify passes, nothing is left uncommitted or locked, and history is one line of commits."""
    result = run(archive, "verify")
    assert result.exit_code == 0, result.output
    assert git(archive, "status", "--porcelain", "--untracked-files=all") == ""
    assert not (archive / ".git" / LOCK_NAME).exists()
    parents = [line.split()[1:] for line in git(archive, "rev-list", "--parents", "HEAD").splitlines()]
    assert all(len(p) == 1 for p in parents[:-1]) and parents[-1] == []




@pytest.fixture(scope="module")
def edited_bytes(seed_bytes) -> bytes:
    edited = seed_bytes.replace("13億円".encode(), "31億円".encode(), 1)
    assert edited != seed_bytes
    return edited


# ---- a writer killed at every step ------------------------------------------------------------

# What verify says right after the kill, before any other write: the leftovers it names.
LEFTOVERS = {
    "after-lock": set(),
    "after-temp-write": {"tmp"},
    "after-rename": {"xml"},
    "before-commit": {"xml", "source"},
    "after-commit-object": {"xml", "source"},
    "after-commit": set(),
}


@pytest.mark.parametrize("mode", ["new-edition", "replace"])
@pytest.mark.parametrize("point", FAULT_POINTS)
def test_ingest_killed_at_each_step_leaves_all_or_nothing_and_the_next_write_recovers(
    seeded, tmp_path, edited_bytes, point, mode
):
    source = tmp_path / "edited.txt"
    source.write_bytes(edited_bytes)
    label = "fy2099" if mode == "new-edition" else "fy2024"
    args = ["ingest", str(source), *(["--edition", label] if mode == "new-edition" else ["--replace"])]
    name, xml_path = f"iryokiki-kihonkeikaku/{label}", f"reports/iryokiki-kihonkeikaku/{label}.xml"
    new_xml = edition_to_xml(parse_report(edited_bytes, source_name="edited.txt", edition=label))
    old_xml = (seeded / XML_PATH).read_bytes()
    before = state(seeded)

    killed = run_process(seeded, *args, env={FAULT_ENV: point})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (seeded / ".git" / LOCK_NAME).exists()  # held by a dead process

    # All or nothing: what show reads (the tagged commit) is the whole new edition or the old state.
    shown = run(seeded, "show", name, "--format", "xml")
    if point == "after-commit":
        assert shown.exit_code == 0 and shown.stdout_bytes == new_xml
        assert git(seeded, "show", f"{name}:sources/iryokiki-kihonkeikaku/{label}.txt") == edited_bytes.decode()
    else:
        assert (git(seeded, "rev-parse", "HEAD"), git(seeded, "show-ref", "--tags")) == (before["head"], before["tags"])
        if mode == "replace":
            assert shown.exit_code == 0 and shown.stdout_bytes == old_xml
        else:
            assert shown.exit_code == 2 and f"no edition {name}" in shown.stderr

    # verify clears the dead writer's lock and names exactly the leftovers, saying the next write rolls back.
    checked = run(seeded, "verify")
    names = {"tmp" if "/.pd-tmp-" in line else "xml" if line.startswith(xml_path) else "source"
             for line in checked.stdout.splitlines()}
    assert names == LEFTOVERS[point], checked.stdout
    assert checked.exit_code == (1 if LEFTOVERS[point] else 0)
    assert all("not committed" in line and "the next write rolls back" in line for line in checked.stdout.splitlines())
    assert not (seeded / ".git" / LOCK_NAME).exists()

    again = run(seeded, *args)
    assert again.exit_code == 0, again.output
    assert run(seeded, "show", name, "--format", "xml").stdout_bytes == new_xml
    assert_sound(seeded)
    subjects = git(seeded, "log", "--format=%s").splitlines()
    assert subjects.count(f"ingest {name}") == (2 if mode == "replace" else 1)


def test_a_lock_from_another_host_is_never_broken(seeded):
    lock = seeded / ".git" / LOCK_NAME
    lock.write_text("1 some-other-host\n")
    old = time.time() - 3600
    os.utime(lock, (old, old))  # however old: a process we cannot see may be writing
    busy = Archive(seeded, lock_timeout=0.3)
    with pytest.raises(ArchiveError, match=r"is busy: .*held by 1 some-other-host"):
        busy.verify(lambda xml: [])
    assert lock.read_text() == "1 some-other-host\n"


def test_an_empty_lock_is_broken_only_once_it_is_old(seeded):
    # A writer killed between creating the lock and writing its pid leaves it empty.
    lock = seeded / ".git" / LOCK_NAME
    lock.write_text("")
    with pytest.raises(ArchiveError, match="is busy"):
        Archive(seeded, lock_timeout=0.3).verify(lambda xml: [])
    assert lock.exists()  # fresh: its writer may be about to write the pid
    old = time.time() - archive_module.STALE_GUARD_AGE - 5
    os.utime(lock, (old, old))
    assert Archive(seeded, lock_timeout=5).verify(lambda xml: []) == []
    assert not lock.exists()


def test_a_break_guard_left_by_a_killed_waiter_is_removed_when_old(seeded):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock = seeded / ".git" / LOCK_NAME
    guard = lock.with_name(LOCK_NAME + ".break")
    lock.write_text(f"{dead.pid} {socket.gethostname()}\n")
    guard.write_text("")
    old = time.time() - archive_module.STALE_GUARD_AGE - 5
    os.utime(guard, (old, old))
    assert Archive(seeded, lock_timeout=5).verify(lambda xml: []) == []
    assert not lock.exists() and not guard.exists()


# ---- hand-edited and corrupted archive files --------------------------------------------------


def test_an_uncommitted_edit_of_the_xml_is_not_read_and_is_rolled_back_by_the_next_write(
    seeded, seed_edition, seed_path, tmp_path, edited_bytes
):
    # show and diff read the commit the tag marks, so the work tree's bytes never reach a report.
    (seeded / XML_PATH).write_bytes(b"<edition>broken by hand")
    shown = run(seeded, "show", "fy2024", "--format", "xml")
    assert shown.exit_code == 0 and shown.stdout_bytes == edition_to_xml(seed_edition)
    assert run(seeded, "diff", "fy2024", str(seed_path)).exit_code == 0
    checked = run(seeded, "verify")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        f"{XML_PATH}: not committed (left by an interrupted write or edited by hand); "
        "the next write rolls back reports/ and sources/"
    ]
    other = tmp_path / "edited.txt"
    other.write_bytes(edited_bytes)
    assert run(seeded, "ingest", str(other), "--edition", "fy2099").exit_code == 0
    assert (seeded / XML_PATH).read_bytes() == edition_to_xml(seed_edition)
    assert_sound(seeded)


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        pytest.param(lambda xml: b"<edition>broken by hand", "malformed XML", id="malformed"),
        pytest.param(lambda xml: xml.replace(b'yen="1300000000"', b'yen="abc"', 1), "yen", id="schema-invalid"),
        pytest.param(lambda xml: xml.replace(b'yen="1300000000"', b'yen="1400000000"', 1), None, id="valid-but-edited"),
    ],
)
def test_a_committed_hand_edit_of_the_xml_is_refused_by_show_and_diff_and_named_by_verify(
    seeded, seed_path, edit, problem
):
    before = state(seeded)["tags"]
    report = seeded / XML_PATH
    report.write_bytes(edit(report.read_bytes()))
    git(seeded, "commit", "-q", "-am", "hand edit")
    for args in (["show", "fy2024"], ["diff", "fy2024", str(seed_path)], ["diff", str(seed_path), NAME],
                 ["lineage"]):  # fmt: skip
        result = run(seeded, *args)
        line = one_line_error(result.stderr, result.exit_code)
        assert XML_PATH in line and "changed after commit" in line and "policydiff verify" in line, line
    checked = run(seeded, "verify")
    assert checked.exit_code == 1
    mine = [line for line in checked.stdout.splitlines() if line.startswith(f"{XML_PATH}: ")]
    assert any("changed after commit" in line for line in mine), checked.stdout
    if problem:
        assert any(problem in line for line in mine), checked.stdout
    assert state(seeded)["tags"] == before  # refusing changed nothing


def test_a_tag_moved_by_hand_onto_an_edited_xml_is_caught(seeded):
    # The most deliberate edit: schema-valid XML, committed, and the tag (with its record) moved onto it.
    report = seeded / XML_PATH
    report.write_bytes(report.read_bytes().replace(b'yen="1300000000"', b'yen="1400000000"', 1))
    git(seeded, "commit", "-q", "-am", "hand edit")
    record = git(seeded, "tag", "-l", "--format=%(contents)", NAME)
    git(seeded, "tag", "-f", "-a", "-m", record, NAME)
    checked = run(seeded, "verify")
    assert checked.exit_code == 1
    assert f"{XML_PATH}: differs from what parser 1 makes of {SOURCE_PATH} (edited by hand?)" in checked.stdout

    git(seeded, "tag", "-f", NAME)  # a lightweight tag: the record is gone
    line = one_line_error(*_stderr_code(run(seeded, "show", "fy2024")))
    assert "does not match the record of tag" in line and NAME in line


def _stderr_code(result: Result) -> tuple[str, int]:
    return result.stderr, result.exit_code


def test_a_corrupt_git_object_is_a_one_line_error_and_verify_names_the_file(seeded):
    blob = git(seeded, "rev-parse", f"HEAD:{XML_PATH}").strip()
    obj = seeded / ".git" / "objects" / blob[:2] / blob[2:]
    obj.chmod(0o644)
    obj.write_bytes(b"not a zlib stream")  # was exit 3: GitPython's ValueError went unmapped
    line = one_line_error(*_stderr_code(run(seeded, "show", "fy2024")))
    assert f"git object {blob[:12]} is missing or corrupt" in line
    checked = run(seeded, "verify")
    assert checked.exit_code == 1
    assert f"{XML_PATH}: git object {blob[:12]} is missing or corrupt" in checked.stdout
    assert ".git: git fsck:" in checked.stdout


# ---- several writers at once ------------------------------------------------------------------


def _spawn(archive: Path, *args: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("POLICYDIFF_ARCHIVE", FAULT_ENV)}
    return subprocess.Popen([sys.executable, "-m", "policydiff.cli", "--archive", str(archive), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_eight_cli_processes_ingesting_at_once_are_serialized_and_none_is_lost(tmp_path, seed_path):
    archive = tmp_path / "archive"  # absent: the eight also race to create it
    procs = [_spawn(archive, "ingest", str(seed_path), "--edition", f"p{i}") for i in range(8)]
    outputs = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert [code for code, _, _ in outputs] == [0] * 8, [err for _, _, err in outputs]
    assert all(out.startswith("ingested iryokiki-kihonkeikaku/p") for _, out, _ in outputs)
    assert git(archive, "tag", "--list").split() == [f"iryokiki-kihonkeikaku/p{i}" for i in range(8)]
    assert len(git(archive, "rev-list", "HEAD").split()) == 9  # creation + one commit each
    assert_sound(archive)
    assert [p.name for p in tmp_path.iterdir()] == ["archive"]  # the losers' init attempts are gone


def test_racing_ingests_of_one_edition_from_different_sources_let_exactly_one_win(seeded_template, tmp_path,
                                                                                  seed_bytes):
    archive = tmp_path / "archive"
    shutil.copytree(seeded_template, archive, symlinks=True)
    sources = []
    for i in range(4):
        path = tmp_path / f"variant{i}.txt"
        path.write_bytes(seed_bytes.replace("13億円".encode(), f"{20 + i}億円".encode(), 1))
        sources.append(path)
    procs = [_spawn(archive, "ingest", str(p), "--edition", "fy2030") for p in sources]
    outputs = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert sorted(code for code, _, _ in outputs) == [0, 2, 2, 2]
    for code, _, err in outputs:
        if code == 2:
            assert "already in the archive from a different source" in one_line_error(err, code)
    assert_sound(archive)


# ---- read-only archive, full disk, no git -----------------------------------------------------

FAKE_GIT = """#!/bin/sh
# git, failing for one subcommand as a full disk or a read-only object store makes it fail
for arg in "$@"; do
  if [ "$arg" = "{verb}" ]; then echo "{message}" >&2; exit 128; fi
done
exec {real} "$@"
"""


@pytest.mark.parametrize(
    ("verb", "message"),
    [
        ("add", "error: unable to create temporary file: No space left on device"),
        ("write-tree", "fatal: git-write-tree: error building trees"),
        ("commit-tree", "error: insufficient permission for adding an object to repository database .git/objects"),
        ("mktag", "fatal: unable to write tag file: No space left on device"),
        ("update-ref", "fatal: cannot lock ref 'HEAD': Unable to create '.git/HEAD.lock': Read-only file system"),
    ],
)
def test_git_failing_at_any_step_of_an_ingest_is_one_line_and_loses_nothing(
    seeded, tmp_path, monkeypatch, edited_bytes, verb, message
):
    assert REAL_GIT is not None
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "git"
    fake.write_text(FAKE_GIT.format(verb=verb, message=message, real=REAL_GIT))
    fake.chmod(0o755)
    source = tmp_path / "edited.txt"
    source.write_bytes(edited_bytes)
    before = state(seeded)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    result = run(seeded, "ingest", str(source), "--edition", "fy2099")
    line = one_line_error(result.stderr, result.exit_code)
    assert message.split(": ")[-1] in line or "error building trees" in line, line
    monkeypatch.undo()
    assert state(seeded) == before
    assert not (seeded / ".git" / LOCK_NAME).exists()
    assert run(seeded, "ingest", str(source), "--edition", "fy2099").exit_code == 0
    assert_sound(seeded)


@pytest.mark.parametrize("which", ["xml", "source"])
def test_a_full_disk_while_writing_a_file_is_one_line_and_loses_nothing(seeded, tmp_path, monkeypatch,
                                                                        edited_bytes, which):
    source = tmp_path / "edited.txt"
    source.write_bytes(edited_bytes)
    before = state(seeded)
    real_fsync, calls = os.fsync, []

    def full(fd):
        calls.append(fd)
        if len(calls) == (1 if which == "xml" else 3):  # the XML's temp file, its directory, the source's
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(files_module.os, "fsync", full)
    result = run(seeded, "ingest", str(source), "--edition", "fy2099")
    monkeypatch.undo()
    assert "No space left on device" in one_line_error(result.stderr, result.exit_code)
    assert state(seeded) == before  # no temp file, no half edition
    assert run(seeded, "ingest", str(source), "--edition", "fy2099").exit_code == 0
    assert_sound(seeded)


def test_a_read_only_archive_refuses_writes_in_one_line_and_still_reads(seeded, tmp_path, monkeypatch,
                                                                        edited_bytes, seed_path):
    # Tests run as root, for whom chmod proves nothing: the file system's answer is injected instead.
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and str(path).startswith(str(seeded)):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    source = tmp_path / "edited.txt"
    source.write_bytes(edited_bytes)
    before = state(seeded)
    monkeypatch.setattr(archive_module.os, "open", read_only)
    result = run(seeded, "ingest", str(source), "--edition", "fy2099")
    assert "Read-only file system" in one_line_error(result.stderr, result.exit_code)
    for args in (["list"], ["show", "fy2024", "--summary"], ["diff", "fy2024", str(seed_path)], ["verify"]):
        assert run(seeded, *args).exit_code == 0, args
    monkeypatch.undo()
    assert state(seeded) == before


def test_without_git_archive_commands_fail_in_one_line_and_files_still_work(seeded, tmp_path, seed_path):
    empty = tmp_path / "no-git"
    empty.mkdir()
    before = state(seeded)
    for archive, args in ((seeded, ["ingest", str(seed_path), "--edition", "fy2099"]), (seeded, ["list"]),
                          (seeded, ["show", "fy2024"]), (seeded, ["verify"]),
                          (tmp_path / "new", ["ingest", str(seed_path)])):  # fmt: skip
        done = run_process(archive, *args, env={"PATH": str(empty)})
        assert "git is not available" in one_line_error(done.stderr, done.returncode), args
    assert not (tmp_path / "new").exists()
    assert state(seeded) == before
    shown = run_process(seeded, "show", str(seed_path), "--summary", env={"PATH": str(empty)})
    assert shown.returncode == 0 and "59 measures" in shown.stdout


# ---- a received archive is untrusted ----------------------------------------------------------


def _mark_on_run(tmp_path: Path, name: str) -> tuple[Path, str]:
    """A shell command that leaves a marker file if git ever runs it."""
    marker = tmp_path / f"{name}-ran"
    return marker, f"touch {marker}; false"


def test_config_and_hooks_of_a_received_archive_never_run(seeded, tmp_path, edited_bytes, seed_path):
    fsmonitor, fsmonitor_cmd = _mark_on_run(tmp_path, "fsmonitor")
    hook, hook_cmd = _mark_on_run(tmp_path, "hook")
    pager, pager_cmd = _mark_on_run(tmp_path, "pager")
    git(seeded, "config", "core.fsmonitor", fsmonitor_cmd)
    git(seeded, "config", "core.pager", pager_cmd)
    git(seeded, "config", "core.sshCommand", pager_cmd)
    for name in ("reference-transaction", "pre-commit", "post-commit", "post-checkout", "pre-auto-gc"):
        script = seeded / ".git" / "hooks" / name
        script.write_text(f"#!/bin/sh\n{hook_cmd}\n")
        script.chmod(0o755)
    source = tmp_path / "edited.txt"
    source.write_bytes(edited_bytes)
    (seeded / XML_PATH).write_bytes(b"leftover")  # so that the next write rolls back (reset, clean)
    for args in (["verify"], ["ingest", str(source), "--edition", "fy2099"], ["list"], ["show", "fy2099"],
                 ["diff", "fy2024", "fy2099"], ["reparse"], ["repair"]):  # fmt: skip
        result = run(seeded, *args)
        assert result.exit_code in (0, 1), (args, result.output)
    assert not fsmonitor.exists() and not hook.exists() and not pager.exists()
    assert_sound(seeded)


def test_a_received_archive_with_a_filter_driver_is_refused_in_one_line(seeded, tmp_path, edited_bytes):
    marker, cmd = _mark_on_run(tmp_path, "filter")
    before = state(seeded)  # plain git would run the filter itself: look before it is configured
    git(seeded, "config", "filter.evil.clean", cmd)
    (seeded / ".git" / "info").mkdir(exist_ok=True)
    (seeded / ".git" / "info" / "attributes").write_text("* filter=evil\n")
    source = tmp_path / "edited.txt"
    source.write_bytes(edited_bytes)
    for args in (["ingest", str(source), "--edition", "fy2099"], ["verify"], ["list"]):
        result = run(seeded, *args)
        line = one_line_error(result.stderr, result.exit_code)
        assert "filter.evil.clean" in line and "runs a program" in line and "config --unset filter.evil.clean" in line, line
    assert not marker.exists()
    git(seeded, "config", "--unset", "filter.evil.clean")
    assert state(seeded) == before
    assert run(seeded, "ingest", str(source), "--edition", "fy2099").exit_code == 0


@pytest.mark.parametrize("where", ["sources", "reports"])
def test_a_committed_symlink_is_never_followed_out_of_the_archive(seeded, tmp_path, seed_path, where):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "fy2024.txt").write_text("precious")
    (seeded / where / "evil").symlink_to(outside)
    git(seeded, "add", f"{where}/evil")
    git(seeded, "commit", "-q", "-m", "received with a link")
    result = run(seeded, "ingest", str(seed_path), "--document", "evil")
    line = one_line_error(result.stderr, result.exit_code)
    assert f"{where}/evil" in line and "symbolic link" in line, line
    assert sorted(p.name for p in outside.iterdir()) == ["fy2024.txt"]
    assert (outside / "fy2024.txt").read_text() == "precious"
    checked = run(seeded, "verify")
    assert checked.exit_code == 1
    assert f"{where}/evil: symbolic link" in checked.stdout, checked.stdout


# ---- git killed at its own lock steps; repair ---------------------------------------------------

GIT_FAULTS = Path(__file__).resolve().parent / "data" / "git-faults" / "git"
# What each kill leaves in .git: git's own lock files, named by verify.
GIT_LOCKS = {
    "index-lock": {".git/index.lock"},
    "ref-locks": {".git/HEAD.lock", ".git/refs/heads/main.lock", ".git/refs/tags/iryokiki-kihonkeikaku/LABEL.lock"},
    "tag-step": {".git/refs/tags/iryokiki-kihonkeikaku/LABEL.lock"},
}


def _killed_in_git(archive: Path, point: str, *args: str) -> subprocess.CompletedProcess:
    assert REAL_GIT is not None
    return run_process(archive, *args, env={"GIT_PYTHON_GIT_EXECUTABLE": str(GIT_FAULTS),
                                            "POLICYDIFF_GIT_FAULT": point, "POLICYDIFF_REAL_GIT": REAL_GIT})


@pytest.mark.parametrize("recover", ["next-write", "repair"])
@pytest.mark.parametrize("mode", ["new-edition", "replace"])
@pytest.mark.parametrize("point", sorted(GIT_LOCKS))
def test_git_killed_at_its_own_lock_steps_is_named_by_verify_and_recovered_by_policydiff_alone(
    seeded, tmp_path, edited_bytes, point, mode, recover
):
    source = tmp_path / "edited.txt"
    source.write_bytes(edited_bytes)
    label = "fy2099" if mode == "new-edition" else "fy2024"
    args = ["ingest", str(source), *(["--edition", label] if mode == "new-edition" else ["--replace"])]
    name = f"iryokiki-kihonkeikaku/{label}"
    new_xml = edition_to_xml(parse_report(edited_bytes, source_name="edited.txt", edition=label))

    killed = _killed_in_git(seeded, point, *args)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    locks = {lock.replace("LABEL", label) for lock in GIT_LOCKS[point]}
    assert all((seeded / lock).exists() for lock in locks)

    checked = run(seeded, "verify")
    assert checked.exit_code == 1
    named = {line.split(": ")[0] for line in checked.stdout.splitlines() if "git lock" in line}
    assert named == locks, checked.stdout
    if point == "tag-step":  # the commit exists without its tag: a policydiff command puts it back
        assert "policydiff repair" in checked.stdout

    if recover == "repair":
        repaired = run(seeded, "repair")
        assert repaired.exit_code == 0, repaired.output
        assert all(lock in repaired.stdout for lock in locks), repaired.stdout
        if point == "tag-step":
            assert f"tagged {name}" in repaired.stdout
            assert run(seeded, "show", name, "--format", "xml").stdout_bytes == new_xml
    again = run(seeded, *args)
    assert again.exit_code == 0, again.output
    assert run(seeded, "show", name, "--format", "xml").stdout_bytes == new_xml
    assert not any((seeded / lock).exists() for lock in locks)
    assert_sound(seeded)


def test_a_git_lock_is_kept_while_a_git_process_works_in_the_archive(seeded, tmp_path):
    lock = seeded / ".git" / "index.lock"
    lock.write_text("")
    old = time.time() - 3600
    os.utime(lock, (old, old))
    busy_git = tmp_path / "bin" / "git"  # a person running plain git in the archive, here a long one
    busy_git.parent.mkdir()
    busy_git.write_text("#!/bin/sh\nwhile :; do sleep 0.1; done\n")  # its name, and so comm, is git
    busy_git.chmod(0o755)
    # Through sh, so that the git is not a child of this process (policydiff ignores its own children).
    person = subprocess.Popen(["sh", "-c", f"'{busy_git}'; :"], cwd=seeded / "reports", start_new_session=True)
    try:
        time.sleep(0.2)
        kept = run(seeded, "repair")
        assert kept.exit_code == 2 and ".git/index.lock" in kept.stderr and "git process" in kept.stderr, kept.output
        assert lock.exists()
    finally:
        os.killpg(person.pid, signal.SIGKILL)
        person.wait()
    repaired = run(seeded, "repair")
    assert repaired.exit_code == 0 and ".git/index.lock" in repaired.stdout
    assert not lock.exists()
    assert_sound(seeded)


def test_a_git_lock_newer_than_policydiffs_own_is_never_removed(seeded):
    from policydiff.versions import archive_git_locks

    lock = seeded / ".git" / "refs" / "heads" / "main.lock"
    lock.write_text("")
    since = lock.stat().st_mtime - 1  # policydiff's lock was taken before git made this one
    assert archive_git_locks.stale_git_locks(seeded, since) == ([], [".git/refs/heads/main.lock"])
    assert archive_git_locks.stale_git_locks(seeded, since + 10) == ([".git/refs/heads/main.lock"], [])


def test_an_ingest_on_a_detached_head_is_refused_and_repair_puts_head_back_on_main(seeded, tmp_path, edited_bytes):
    git(seeded, "checkout", "-q", "--detach", "HEAD~1")  # a person looking at an older state with git
    source = tmp_path / "edited.txt"
    source.write_bytes(edited_bytes)
    refused = run(seeded, "ingest", str(source), "--edition", "fy2099")
    line = one_line_error(refused.stderr, refused.exit_code)
    assert "not on branch main" in line and "policydiff repair" in line, line
    shown = run(seeded, "show", "fy2024")
    assert "not on branch main" in one_line_error(shown.stderr, shown.exit_code)
    repaired = run(seeded, "repair")
    assert repaired.exit_code == 0 and "HEAD back on main" in repaired.stdout, repaired.output
    assert git(seeded, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert run(seeded, "ingest", str(source), "--edition", "fy2099").exit_code == 0
    assert_sound(seeded)


def test_commits_made_on_a_detached_head_are_brought_back_onto_main_by_repair(seeded):
    main = git(seeded, "rev-parse", "main").strip()
    git(seeded, "checkout", "-q", "--detach")
    git(seeded, "commit", "-q", "--allow-empty", "-m", "work done on a detached HEAD")
    detached = git(seeded, "rev-parse", "HEAD").strip()
    repaired = run(seeded, "repair")
    assert repaired.exit_code == 0, repaired.output
    assert git(seeded, "rev-parse", "main").strip() == detached != main
    assert git(seeded, "symbolic-ref", "HEAD").strip() == "refs/heads/main"


def test_a_kill_while_creating_the_archive_leaves_a_folder_the_next_ingest_removes(tmp_path, seed_path):
    archive = tmp_path / "archive"
    killed = _killed_in_git(archive, "init", "ingest", str(seed_path))
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".archive.init-")]
    assert not archive.exists()
    assert run(archive, "ingest", str(seed_path)).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive"]
    assert_sound(archive)


# ---- verify trusts no field a hand edit can set --------------------------------------------------


def test_a_hand_edit_under_a_moved_tag_claiming_an_old_parser_is_still_caught(seeded):
    report = seeded / XML_PATH
    report.write_bytes(report.read_bytes().replace(b'yen="1300000000"', b'yen="1400000000"', 1))
    git(seeded, "commit", "-q", "-am", "hand edit")
    record = git(seeded, "tag", "-l", "--format=%(contents)", NAME).replace(f"parser: {PARSER_VERSION}", "parser: 0")
    assert "parser: 0" in record
    git(seeded, "tag", "-f", "-a", "-m", record, NAME)  # was: verify skipped the re-parse, exit 0
    checked = run(seeded, "verify")
    assert checked.exit_code == 1, checked.output
    line = next(line for line in checked.stdout.splitlines() if line.startswith(f"{XML_PATH}: "))
    assert "edited by hand?" in line and "records parser 0" in line, line


def test_a_real_parser_upgrade_is_reported_with_both_versions_and_reparse_fixes_it(seeded, seed_edition, seed_bytes):
    # An edition as an older parser stored it: its XML and its record say parser 0, and its XML differs.
    from dataclasses import replace

    old = replace(seed_edition, parser_version="0", warnings=())
    assert old.warnings != seed_edition.warnings
    Archive(seeded).ingest("iryokiki-kihonkeikaku", "fy2023", edition_to_xml(replace(old, edition="fy2023")),
                           seed_bytes, "iryokiki-kihonkeikaku_fy2024.txt", "0", {})
    checked = run(seeded, "verify")
    assert checked.exit_code == 1
    (line,) = checked.stdout.splitlines()
    assert line.startswith("reports/iryokiki-kihonkeikaku/fy2023.xml: ")
    assert f"made by parser 0; this is parser {PARSER_VERSION}" in line and "policydiff reparse" in line, line
    assert "reparsed: 1 edition(s) changed" in run(seeded, "reparse").stdout
    assert_sound(seeded)


# ---- readers while a writer replaces an edition -------------------------------------------------


def test_readers_during_ingest_replace_see_the_old_edition_or_the_new_never_an_error(seeded, seed_bytes,
                                                                                     edited_bytes):
    import threading

    from policydiff.versions.load import load_archived

    sources = [edited_bytes, seed_bytes]
    digests = {__import__("hashlib").sha256(s).hexdigest() for s in sources}
    xmls = [edition_to_xml(parse_report(s, source_name="fy2024.txt")) for s in sources]
    done, errors, reads = threading.Event(), [], []

    def writer() -> None:
        try:
            for i in range(12):  # bounded: twelve replacements, alternating the two sources
                Archive(seeded).ingest("iryokiki-kihonkeikaku", "fy2024", xmls[i % 2], sources[i % 2],
                                       "fy2024.txt", PARSER_VERSION, {}, replace=True)
        finally:
            done.set()

    def reader() -> None:
        while not done.is_set():
            archive = Archive(seeded)
            try:
                ed = load_archived(archive, archive.resolve(NAME))
            except ArchiveError as exc:
                errors.append(str(exc))
            else:
                reads.append(ed.source.sha256)

    threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == [], f"{len(errors)} of {len(errors) + len(reads)} reads failed: {errors[0]}"
    assert reads and set(reads) <= digests
    assert_sound(seeded)
