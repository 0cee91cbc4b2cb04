"""The git archive of editions: real repositories in tmp_path, read back with plain git as a user would."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from policydiff.versions.archive import gitstore
from policydiff.versions.archive import store as archive_module
from policydiff.versions.archive.store import Archive, StoredEdition
from policydiff.versions.model.errors import ArchiveError

XML_A = b"<edition><measure>A</measure></edition>\n"
XML_B = b"<edition><measure>B</measure></edition>\n"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}  # fmt: skip
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env=env
    )
    return done.stdout


def snapshot(repo: Path) -> dict[str, object]:
    """Everything a failed write must leave untouched: HEAD, tags, status and every work tree file."""
    files = {
        str(p.relative_to(repo)): p.read_bytes()
        for p in sorted(repo.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(repo).parts
    }
    return {
        "head": git(repo, "rev-parse", "HEAD"),
        "tags": git(repo, "show-ref", "--tags"),
        "status": git(repo, "status", "--porcelain", "--untracked-files=all"),
        "index": git(repo, "ls-files", "--stage"),
        "files": files,
    }


def ingest(archive: Archive, name: str, xml: bytes = XML_A, source: bytes = b"source", **kw: object):
    document, edition = name.split("/")
    kw.setdefault("source_name", f"{edition}.txt")
    kw.setdefault("parser_version", "1.0")
    kw.setdefault("counts", {"measures": 1})
    return archive.ingest(document, edition, xml, source, **kw)


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return Archive(tmp_path / "archive")


@pytest.fixture
def two(archive: Archive) -> Archive:
    ingest(archive, "gyokaku/r6", XML_A, b"source r6", counts={"measures": 2, "budgets": 1})
    ingest(archive, "gyokaku/r5", XML_B, b"source r5", source_name="report r5.PDF")
    return archive


def test_archive_is_created_on_first_ingest_as_a_plain_git_repository(
    archive: Archive, tmp_path, monkeypatch
):
    # No git identity anywhere and a hostile GIT_DIR: the archive must not depend on either.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere"))
    assert not archive.exists() and archive.editions() == []
    assert not archive.path.exists()
    result = ingest(archive, "gyokaku/r6", counts={"measures": 3, "budgets": 2})
    monkeypatch.delenv("GIT_DIR")
    assert result.status == "added" and archive.exists()
    assert git(archive.path, "branch", "--show-current").strip() == "main"
    assert "policydiff archive" in (archive.path / "README.txt").read_text()
    assert git(archive.path, "log", "--format=%s").splitlines() == [
        "ingest gyokaku/r6",
        "create policydiff archive",
    ]
    body = git(archive.path, "log", "-1", "--format=%b").strip().splitlines()
    sha = hashlib.sha256(b"source").hexdigest()
    assert body == ["source: r6.txt", f"sha256: {sha}", "parser: 1.0", "budgets: 2", "measures: 3"]
    assert git(archive.path, "log", "-1", "--format=%an <%ae>|%cn <%ce>").strip() == (
        "policydiff <policydiff@localhost>|policydiff <policydiff@localhost>"
    )
    assert (archive.path / "reports/gyokaku/r6.xml").read_bytes() == XML_A
    assert (archive.path / "sources/gyokaku/r6.txt").read_bytes() == b"source"
    assert git(archive.path, "rev-parse", "gyokaku/r6^{commit}").strip() == result.edition.commit
    assert git(archive.path, "status", "--porcelain").strip() == ""
    assert archive.verify(lambda xml: []) == []


def test_two_editions_are_listed_sorted_with_their_records(two: Archive):
    editions = two.editions()
    assert [ed.name for ed in editions] == ["gyokaku/r5", "gyokaku/r6"]
    r5 = editions[0]
    assert r5 == StoredEdition(
        "gyokaku", "r5", "reports/gyokaku/r5.xml", "sources/gyokaku/r5.pdf", hashlib.sha256(b"source r5").hexdigest(),
        r5.commit, "gyokaku/r5", "report r5.PDF", "1.0",
    )  # fmt: skip
    assert two.read_xml(r5) == XML_B and two.read_source(r5) == b"source r5"
    assert two.read_xml(editions[1]) == XML_A


def test_resolve_accepts_qualified_and_unique_bare_names(two: Archive):
    ingest(two, "hakusho/r6", XML_B, b"other")
    assert two.resolve("gyokaku/r6").name == "gyokaku/r6"
    assert two.resolve("r5").name == "gyokaku/r5"
    with pytest.raises(ArchiveError, match=r"ambiguous.*gyokaku/r6, hakusho/r6"):
        two.resolve("r6")
    with pytest.raises(ArchiveError, match=r"no edition r4 in archive .*archive"):
        two.resolve("r4")
    with pytest.raises(ArchiveError, match="no edition hakusho/r5"):
        two.resolve("hakusho/r5")
    with pytest.raises(ArchiveError, match="invalid"):
        two.resolve("../r5")


def test_reingesting_identical_source_is_unchanged_and_makes_no_commit(two: Archive):
    before = snapshot(two.path)
    result = ingest(two, "gyokaku/r6", XML_B, b"source r6")
    assert result.status == "unchanged" and result.edition.name == "gyokaku/r6"
    assert snapshot(two.path) == before


def test_different_source_without_replace_is_refused(two: Archive):
    before = snapshot(two.path)
    with pytest.raises(ArchiveError, match="--replace"):
        ingest(two, "gyokaku/r6", XML_B, b"corrected source")
    assert snapshot(two.path) == before


def test_replace_moves_the_tag_and_keeps_the_old_edition_in_history(two: Archive):
    old = two.resolve("gyokaku/r6")
    result = ingest(two, "gyokaku/r6", XML_B, b"corrected", source_name="r6.pdf", replace=True)
    new = result.edition
    assert result.status == "replaced" and new.commit != old.commit
    assert git(two.path, "rev-parse", "gyokaku/r6^{commit}").strip() == new.commit
    assert two.read_xml(new) == XML_B and two.read_source(new) == b"corrected"
    assert two.read_xml(old) == XML_A and two.read_source(old) == b"source r6"  # old commit still readable
    assert git(two.path, "merge-base", "--is-ancestor", old.commit, "HEAD") == ""
    assert not (two.path / "sources/gyokaku/r6.txt").exists()  # the source type changed
    assert git(two.path, "show", f"{old.commit}:sources/gyokaku/r6.txt") == "source r6"
    assert two.verify(lambda xml: []) == []


@pytest.mark.parametrize("bad", ["../x", "/abs", "a\x00b", "con", "com1.txt", "Upper", "", "a..b", "x.lock",
                                 "a/b", "x.", "r6\n", "a" * 65])  # fmt: skip
def test_names_that_could_escape_or_break_the_archive_are_refused(archive: Archive, bad: str):
    with pytest.raises(ArchiveError, match="invalid document id"):
        archive.ingest(bad, "r6", XML_A, b"s", "s.txt", "1.0", {})
    with pytest.raises(ArchiveError, match="invalid edition label"):
        archive.ingest("gyokaku", bad, XML_A, b"s", "s.txt", "1.0", {})
    assert not archive.path.exists()  # refused before touching disk


def _fail_second_replace(monkeypatch):
    real, calls = os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(dst))
        real(src, dst)

    monkeypatch.setattr(archive_module.os, "replace", flaky)


def _fail_ref_update(monkeypatch):
    real = gitstore.git_stdin

    def flaky(repo, data, *args):
        if args[0] == "update-ref":  # the commit and tag objects exist; publishing them fails
            raise OSError(30, "Read-only file system", "refs")
        return real(repo, data, *args)

    monkeypatch.setattr(gitstore, "git_stdin", flaky)


@pytest.mark.parametrize("inject", [_fail_second_replace, _fail_ref_update])
@pytest.mark.parametrize("replace", [False, True])
def test_failure_mid_ingest_leaves_the_archive_exactly_as_before(two: Archive, monkeypatch, inject, replace):
    before = snapshot(two.path)
    inject(monkeypatch)
    name = "gyokaku/r6" if replace else "gyokaku/r7"
    with pytest.raises(ArchiveError, match="cannot use archive .*(No space|Read-only)"):
        ingest(two, name, XML_B, b"new source", source_name="new.pdf", replace=replace)
    monkeypatch.undo()
    assert snapshot(two.path) == before
    assert not (two.path / ".git" / archive_module.LOCK_NAME).exists()
    assert ingest(two, name, XML_B, b"new source", replace=replace).status == (
        "replaced" if replace else "added"
    )


def test_leftovers_of_an_interrupted_run_are_reported_then_rolled_back(two: Archive):
    before = snapshot(two.path)
    (two.path / "reports/gyokaku/r6.xml").write_bytes(b"half written")
    (two.path / "sources/gyokaku/.pd-tmp-abc123").write_bytes(b"temp")
    (two.path / "reports/gyokaku/r9.xml").write_bytes(XML_A)
    git(two.path, "add", "reports/gyokaku/r9.xml")
    problems = {p.path for p in two.verify(lambda xml: [])}
    assert {"reports/gyokaku/r6.xml", "sources/gyokaku/.pd-tmp-abc123", "reports/gyokaku/r9.xml"} <= problems
    assert ingest(two, "gyokaku/r6", XML_B, b"source r6").status == "unchanged"
    assert snapshot(two.path) == before


def test_stale_lock_of_a_dead_process_is_cleared(two: Archive):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock = two.path / ".git" / archive_module.LOCK_NAME
    lock.write_text(f"{dead.pid} {socket.gethostname()}\n")
    two.lock_timeout = 5
    assert ingest(two, "gyokaku/r7").status == "added"
    assert not lock.exists()


def test_lock_held_by_a_live_process_times_out_with_a_clear_message(two: Archive):
    lock = two.path / ".git" / archive_module.LOCK_NAME
    lock.write_text(f"{os.getpid()} {socket.gethostname()}\n")
    busy = Archive(two.path, lock_timeout=0.3)
    with pytest.raises(ArchiveError, match=r"is busy: .*policydiff.lock held by \d+"):
        ingest(busy, "gyokaku/r7")
    assert lock.exists()
    lock.unlink()


def test_verify_passes_on_a_sound_archive_and_checks_every_xml(two: Archive):
    seen: list[bytes] = []
    assert two.verify(lambda xml: seen.append(xml) or []) == []
    assert sorted(seen) == sorted([XML_A, XML_B])


def test_verify_finds_a_tampered_source(two: Archive):
    (two.path / "sources/gyokaku/r6.txt").write_bytes(b"tampered")
    git(two.path, "commit", "-qam", "tamper")
    messages = [p.message for p in two.verify(lambda xml: []) if p.path == "sources/gyokaku/r6.txt"]
    assert any("does not match the recorded" in m for m in messages)


def test_verify_reports_what_check_xml_says_about_a_hand_edited_xml(two: Archive):
    (two.path / "reports/gyokaku/r5.xml").write_bytes(b"<edition>hand edit")
    git(two.path, "commit", "-qam", "hand edit")
    problems = two.verify(lambda xml: [] if xml.endswith(b">\n") else ["not well-formed"])
    assert ("reports/gyokaku/r5.xml", "not well-formed") in [(p.path, p.message) for p in problems]
    assert any("changed after commit" in p.message for p in problems)


def test_verify_finds_a_missing_tag_and_stray_files(two: Archive):
    git(two.path, "tag", "-d", "gyokaku/r5")
    (two.path / "reports/notes.txt").write_text("mine")
    git(two.path, "add", "reports/notes.txt")
    git(two.path, "commit", "-qm", "notes")
    problems = [(p.path, p.message) for p in two.verify(lambda xml: [])]
    assert ("reports/gyokaku/r5.xml", "missing tag gyokaku/r5") in problems
    assert ("reports/notes.txt", "stray file: not part of the archive layout") in problems


def test_reparse_rebuilds_changed_editions_in_one_commit_and_moves_their_tags(two: Archive):
    ingest(two, "hakusho/r1", b"<kept/>", b"kept")
    kept = two.resolve("hakusho/r1")
    head = git(two.path, "rev-parse", "HEAD").strip()
    rebuilt = {}

    def rebuild(ed: StoredEdition, source: bytes) -> bytes:
        rebuilt[ed.name] = source
        return b"<kept/>" if ed.document == "hakusho" else b"<v2>" + source + b"</v2>"

    assert two.reparse(rebuild, "2.0") == ["gyokaku/r5", "gyokaku/r6"]
    assert rebuilt == {"gyokaku/r5": b"source r5", "gyokaku/r6": b"source r6", "hakusho/r1": b"kept"}
    assert git(two.path, "rev-list", "--count", f"{head}..HEAD").strip() == "1"
    assert git(two.path, "log", "-1", "--format=%s").strip() == "reparse with parser 2.0"
    r6 = two.resolve("gyokaku/r6")
    assert r6.commit == git(two.path, "rev-parse", "HEAD").strip() and r6.parser == "2.0"
    assert two.read_xml(r6) == b"<v2>source r6</v2>" and r6.sha256 == hashlib.sha256(b"source r6").hexdigest()
    assert two.resolve("hakusho/r1") == kept
    assert two.verify(lambda xml: []) == []
    assert two.reparse(rebuild, "2.0") == []  # nothing changed: no commit
    assert git(two.path, "rev-list", "--count", f"{head}..HEAD").strip() == "1"


def test_missing_git_becomes_an_archive_error(archive: Archive, monkeypatch):
    monkeypatch.setitem(sys.modules, "git", None)
    with pytest.raises(ArchiveError, match="git is not available"):
        ingest(archive, "gyokaku/r6")


@pytest.mark.slow  # eight interpreters started
def test_eight_processes_ingesting_at_once_all_land_in_a_linear_history(archive: Archive):
    jobs = [("gyokaku", f"r{i}", XML_A, f"source {i}".encode(), f"r{i}.txt", "1.0", {"measures": i})
            for i in range(8)]  # fmt: skip
    with multiprocessing.get_context("spawn").Pool(8) as pool:
        results = pool.starmap(archive.ingest, jobs)  # a bound method pickles by the importable class
    assert [r.status for r in results] == ["added"] * 8
    assert [ed.edition for ed in archive.editions()] == [f"r{i}" for i in range(8)]
    parents = [line.split()[1:] for line in git(archive.path, "rev-list", "--parents", "HEAD").splitlines()]
    assert len(parents) == 9 and all(len(p) == 1 for p in parents[:-1]) and parents[-1] == []
    assert archive.verify(lambda xml: []) == []
    assert [p.name for p in archive.path.parent.iterdir()] == ["archive"]  # losing init attempts cleaned up


def test_a_writer_killed_mid_ingest_leaves_leftovers_that_the_next_write_rolls_back(two: Archive):
    script = f"""
import os, signal
from pathlib import Path
from policydiff.versions.archive import store as archive
archive.gitstore.publish = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # files written and staged
archive.Archive(Path({str(two.path)!r})).ingest("gyokaku", "r7", b"<x/>", b"src", "r7.txt", "1.0", {{}})
"""
    assert subprocess.run([sys.executable, "-c", script]).returncode == -9
    assert (two.path / ".git" / archive_module.LOCK_NAME).exists()  # held by a dead pid
    leftovers = {p.path for p in two.verify(lambda xml: []) if "not committed" in p.message}
    assert leftovers == {"reports/gyokaku/r7.xml", "sources/gyokaku/r7.txt"}
    assert ingest(two, "gyokaku/r8").status == "added"
    assert [ed.edition for ed in two.editions()] == ["r5", "r6", "r8"]
    assert git(two.path, "status", "--porcelain", "--untracked-files=all") == ""
    assert not (two.path / "reports/gyokaku/r7.xml").exists()


def test_a_directory_that_is_not_an_archive_is_never_touched(tmp_path: Path):
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q")
    (project / "work.txt").write_text("uncommitted work")
    with pytest.raises(ArchiveError, match="exists and is not a policydiff archive"):
        ingest(Archive(project), "gyokaku/r6")
    with pytest.raises(ArchiveError, match="exists and is not a policydiff archive"):
        Archive(project).editions()  # never listed as an empty archive
    assert (project / "work.txt").read_text() == "uncommitted work"
    with pytest.raises(ArchiveError, match="no archive at"):
        Archive(project).verify(lambda xml: [])


# ---- source file names: stored as they are, compared the same way on both sides ------------------

ODD_NAMES = {
    "ideographic-space": "令和6年度\u3000報告.txt",
    "tab": "report\tfy2024.txt",
    "nbsp": "report\u00a0fy2024.txt",
    "bidi": "report\u202etxt.exe",
    "long": "r" * 220 + ".txt",
    "esc": "report\x1b[31mred.txt",
    "u-ffff": "report\uffff.txt",
    "edges": "\u3000 report.txt \u00a0",
    "forged-record": "x.txt\nsha256: 0000\nparser: 0",
    "backslash": "a\\b.txt",
    "undecodable": os.fsdecode(b"report\xff.txt"),
}


@pytest.mark.parametrize("kind", sorted(ODD_NAMES))
def test_an_odd_source_file_name_is_kept_verified_and_reparsed_unchanged(tmp_path, seed_bytes, kind):
    from click.testing import CliRunner

    from policydiff.cli import cli
    from policydiff.versions.xml import edition_from_xml

    name = ODD_NAMES[kind]
    source = tmp_path / name
    source.write_bytes(seed_bytes)
    archive = tmp_path / "archive"

    def run(*args: str):
        return CliRunner().invoke(cli, ["--archive", str(archive), *args])

    shown = run("show", str(source), "--format", "xml")
    assert shown.exit_code == 0, shown.output
    assert edition_from_xml(shown.stdout_bytes).source.name == name
    ingested = run("ingest", str(source))
    assert ingested.exit_code == 0, ingested.output
    (stored,) = Archive(archive).editions()
    assert stored.source_name == name
    assert stored.sha256 == hashlib.sha256(seed_bytes).hexdigest()  # the name forged no record key
    xml = run("show", stored.name, "--format", "xml")
    assert xml.exit_code == 0, xml.output
    assert edition_from_xml(xml.stdout_bytes).source.name == name
    checked = run("verify")
    assert checked.exit_code == 0, checked.output
    reparsed = run("reparse")
    assert reparsed.exit_code == 0 and "0 edition(s) changed" in reparsed.stdout, reparsed.output
    assert run("show", stored.name, "--format", "xml").stdout_bytes == xml.stdout_bytes


@pytest.mark.parametrize("kind", ["tab", "esc", "long", "edges"])
def test_a_reparse_that_rewrites_the_xml_keeps_the_odd_source_name_in_the_record(archive: Archive, kind):
    name = ODD_NAMES[kind]
    ingest(archive, "gyokaku/r6", source_name=name)
    assert archive.reparse(lambda ed, source: XML_B, "2.0") == ["gyokaku/r6"]
    (stored,) = archive.editions()
    assert (stored.source_name, stored.parser) == (name, "2.0")
