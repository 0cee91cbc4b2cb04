"""Faults: a writer killed at every step, hand-edited or corrupted archive files, concurrent writers,
a read-only archive, a full disk and no git. Real archives in tmp_path; the CLI as a user runs it
(CliRunner, or a real subprocess where a process must die or several must race). Received archives,
git killed at its own lock steps, repair and readers during a write: test_recovery.py."""

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
from archive_helpers import (
    NAME,
    REAL_GIT,
    SOURCE_PATH,
    XML_PATH,
    assert_sound,
    git,
    one_line_error,
    run,
    run_process,
    state,
)
from click.testing import Result

from policydiff import parse_report
from policydiff.versions.archive import files as files_module
from policydiff.versions.archive import store as archive_module
from policydiff.versions.archive.store import FAULT_ENV, FAULT_POINTS, LOCK_NAME, Archive
from policydiff.versions.model.errors import ArchiveError
from policydiff.versions.readers.parse_text import PARSER_VERSION
from policydiff.versions.xml import edition_to_xml

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
    assert f"{XML_PATH}: differs from what parser {PARSER_VERSION} makes of {SOURCE_PATH} (edited by hand?)" in checked.stdout

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
