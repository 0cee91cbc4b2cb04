"""The archive: a plain git repository of report editions that a user can also read with git.

Layout: `reports/<document>/<edition>.xml` (normalized XML), `sources/<document>/<edition>.<ext>`
(original bytes), one commit per ingest and an annotated tag `<document>/<edition>` on the commit that
last wrote the edition. The tag message repeats the edition record (source, sha256, parser) so that a
reparse commit touching many editions still leaves each record one `git show <tag>` away.

Every write builds the commit with plumbing (write-tree, commit-tree, mktag) and publishes the branch
and all tags in one `git update-ref --stdin` transaction, so a failure leaves no partial commit.
This module is the facade: the lock is in archive_lock, git plumbing in gitstore, names and records in
archive_records, and the checks of `verify` in verification.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..model.errors import ArchiveError, PolicydiffError
from . import git_locks, gitstore, recovery, trust, verification
from .files import write_atomic
from .gitstore import AUTHOR
from .lock import LOCK_NAME, STALE_GUARD_AGE, locked
from .record_files import RECORD_DIRS, RecordFiles
from .records import (
    COUNT_KEY_RE,
    EXT_RE,
    NAME_RE,
    RECORD_KEYS,
    WINDOWS_RESERVED,
    StoredEdition,
    check_name,
    escape_field,
    extension,
    field,
    name_problem,
    parse_record,
    record_message,
    stem,
    unescape_field,
)
from .verification import Problem

__all__ = [
    "AUTHOR", "COUNT_KEY_RE", "EXT_RE", "FAULT_ENV", "FAULT_POINTS", "LOCK_NAME", "NAME_RE", "README",
    "README_MARKER", "RECORD_KEYS", "STALE_GUARD_AGE", "WINDOWS_RESERVED", "Archive", "IngestResult",
    "Problem", "StoredEdition", "check_name", "repair",
]  # fmt: skip

# Test hook (tests/test_faults.py): POLICYDIFF_FAULT=<point> kills the process with SIGKILL at that
# point of an ingest, as a crash or a power cut would. Unset, it does nothing.
FAULT_ENV = "POLICYDIFF_FAULT"
FAULT_POINTS = (
    "after-lock",  # the lock is taken, nothing written
    "after-temp-write",  # the XML's temp file is written, not renamed
    "after-rename",  # the XML is in place, the source not yet
    "before-commit",  # both files written and staged
    "after-commit-object",  # commit and tag objects exist, no ref points at them
    "after-commit",  # HEAD and the tag moved; the lock is still held
)
MAX_NAME = 4096  # characters in a source file name (a file system allows 255 bytes)
README_MARKER = "This is a policydiff archive"
README = f"""\
{README_MARKER}: a git repository of report editions.

reports/<document>/<edition>.xml   normalized XML of an edition (see policydiff's versions/FORMAT.md)
sources/<document>/<edition>.<ext> the original source file the XML was built from

Each ingest is one commit; the tag <document>/<edition> marks the commit that last wrote an edition and
its message records the source file name, its sha256 and the parser version.
Use `policydiff` to add editions; `git log` and `git show <tag>` to read the history.
"""


@dataclass(frozen=True)
class IngestResult:
    status: Literal["added", "replaced", "unchanged"]
    edition: StoredEdition


def _fault(point: str) -> None:
    if os.environ.get(FAULT_ENV) == point:
        os.kill(os.getpid(), signal.SIGKILL)


class Archive(RecordFiles):
    """A git archive of report editions at `path`; nothing is created until the first ingest."""

    def __init__(self, path: Path, lock_timeout: float = 30.0, rebuild: trust.Rebuild | None = None,
                 parser: str = "") -> None:
        """REBUILD(edition, source) -> XML, the parser of version PARSER: given, an edition's XML is read
        only once it is checked against its source (trust.py), as the command and the API do."""
        self.path = Path(os.path.abspath(path))
        self.lock_timeout = lock_timeout
        self.rebuild, self.parser = rebuild, parser

    def exists(self) -> bool:
        """A git repository with our README: rollbacks must never run `reset --hard` in someone's project."""
        with contextlib.suppress(OSError):
            readme = (self.path / "README.txt").read_text("utf-8")
            return readme.startswith(README_MARKER) and (self.path / ".git" / "HEAD").is_file()
        return False

    # -- public API ---------------------------------------------------------------------------------

    def ingest(
        self,
        document: str,
        edition: str,
        xml: bytes,
        source: bytes,
        source_name: str,
        parser_version: str,
        counts: dict[str, int],
        replace: bool = False,
    ) -> IngestResult:
        check_name(document, "document id")
        check_name(edition, "edition label")
        for key, value in counts.items():
            if not COUNT_KEY_RE.fullmatch(key) or key in RECORD_KEYS or type(value) is not int:
                raise ArchiveError(f"invalid count {key!r}: {value!r}")
        source_name = Path(source_name).name or "source"  # the name parse_report puts in the XML
        if len(source_name) > MAX_NAME:
            raise ArchiveError(f"source file name of {len(source_name):,} characters; the limit is {MAX_NAME:,}")
        parser, digest = field(parser_version), hashlib.sha256(source).hexdigest()
        name = f"{document}/{edition}"
        xml_path, src_path = f"reports/{name}.xml", f"sources/{name}.{extension(source_name)}"
        if not self.exists():
            git_locks.remove_init_leftovers(self.path)
            gitstore.create_repo(self.path, README, self.exists)
        with self._repo() as repo, self._locked() as since:
            _fault("after-lock")
            head = self._recover(repo, since)
            old_sources = [p for p in gitstore.tree(repo, "HEAD", f"sources/{document}/") if stem(p) == edition]
            status: Literal["added", "replaced"] = "added"
            if old_sources:
                old_digest = hashlib.sha256(self._read_at(repo, "HEAD", old_sources[0])).hexdigest()
                if old_digest == digest:
                    fallback = StoredEdition(document, edition, xml_path, old_sources[0], digest, head, "",
                                             source_name, parser)  # fmt: skip
                    return IngestResult("unchanged", self._editions(repo).get(name) or fallback)
                if not replace:
                    raise ArchiveError(
                        f"{name} is already in the archive from a different source "
                        f"(sha256 {old_digest[:12]}); pass --replace to replace it"
                    )
                status = "replaced"
            message = record_message(f"ingest {name}", escape_field(source_name), digest, parser, counts)
            for path in (xml_path, src_path):
                gitstore.check_no_link(self.path, path)
            with self._rolled_back_on_error(repo, head):
                write_atomic(self.path / xml_path, xml, lambda: _fault("after-temp-write"))
                _fault("after-rename")
                write_atomic(self.path / src_path, source)
                for old in old_sources:
                    if old != src_path:  # --replace with a source of another type
                        (self.path / old).unlink()
                repo.git.add("-A", "-f", "--", xml_path, src_path, *old_sources)
                _fault("before-commit")
                gitstore.publish(repo, head, message, {name: message}, _fault)
                _fault("after-commit")
            if self.rebuild is not None:  # the caller made this XML from this source just now
                trust.remember(trust.key(xml, source, self.parser))
            return IngestResult(status, self._editions(repo)[name])

    def editions(self) -> list[StoredEdition]:
        """The stored editions; none where no archive is yet. A directory holding something else (another
        project, or an archive whose repository is damaged) is refused: listing it as empty would hide it."""
        if not self.exists():
            if gitstore.occupied(self.path):
                raise ArchiveError(gitstore.not_an_archive(self.path))
            return []
        with self._repo() as repo:
            return sorted(self._editions(repo).values(), key=lambda ed: (ed.document, ed.edition))

    def resolve(self, name: str) -> StoredEdition:
        """Accept `document/edition`, or a bare edition label when only one document has it."""
        document, qualified, edition = name.partition("/")
        if qualified:
            check_name(document, "document id")
        check_name(edition if qualified else document, "edition label")
        found = [ed for ed in self.editions() if (ed.name if qualified else ed.edition) == name]
        if not found:
            raise ArchiveError(f"no edition {name} in archive {self.path}")
        if len(found) > 1:
            choices = ", ".join(ed.name for ed in found)
            raise ArchiveError(f"edition {name} is ambiguous in archive {self.path}: {choices}; name one")
        return found[0]

    def read_xml(self, ed: StoredEdition) -> bytes:
        with self._repo() as repo:
            return self._read_at(repo, ed.commit, ed.xml_path)

    def read_current_xml(self, ed: StoredEdition) -> bytes:
        """The XML of an edition as the archive holds it now: the version its tag marks, refused when a
        later commit changed the file. Every policydiff write moves the tag with the file, so a
        difference is a hand edit committed with plain git, and reading either version would be a guess."""
        with self._repo() as repo:
            tagged = gitstore.tree(repo, ed.commit, ed.xml_path).get(ed.xml_path)
            if tagged is None:
                raise ArchiveError(f"{ed.xml_path} is missing from commit {ed.commit[:12]} of archive {self.path}")
            if gitstore.tree(repo, "HEAD", ed.xml_path).get(ed.xml_path) != tagged and not self._settled(repo, ed, tagged):
                problem = recovery.head_problem(repo, self.path)
                if problem:
                    raise ArchiveError(problem)
                ahead = recovery.ahead_problem(repo, self._editions(repo))
                if ahead:
                    raise ArchiveError(f"{ed.xml_path} in archive {self.path}: {ahead}")
                if any(u.name == ed.name for u in recovery.untagged(repo, self._editions(repo))):
                    raise ArchiveError(
                        f"{ed.xml_path} in archive {self.path} was written by a policydiff write that was "
                        f"interrupted before it moved tag {ed.tag}; run policydiff repair"
                    )
                raise ArchiveError(
                    f"{ed.xml_path} in archive {self.path} was changed after commit {ed.commit[:12]} that "
                    f"tag {ed.tag} marks (edited by hand?); run policydiff verify, then revert the change "
                    "or ingest the source again with --replace"
                )
            xml = gitstore.blob(repo, self.path, tagged)
            if self.rebuild is not None:
                source = self._read_at(repo, ed.commit, ed.source_path)
                trust.check(ed, xml, source, self.rebuild, self.parser, self.path)
            return xml

    def _settled(self, repo: Any, ed: StoredEdition, tagged: str) -> bool:
        """Whether a difference between HEAD and the tagged XML was only a write in progress: once no
        writer holds the lock, either the tag has moved on (ED is the old edition, whole and readable as
        the caller resolved it) or HEAD agrees with the tag again. A writer moves HEAD and the tags in
        one transaction, but a reader can look between its two reads, or resolve before a write."""
        with self._locked(reading=True):
            now = repo.git.rev_parse("-q", "--verify", f"refs/tags/{ed.tag}^{{commit}}", with_exceptions=False)
            return now.strip() != ed.commit or gitstore.tree(repo, "HEAD", ed.xml_path).get(ed.xml_path) == tagged

    def read_source(self, ed: StoredEdition) -> bytes:
        with self._repo() as repo:
            return self._read_at(repo, ed.commit, ed.source_path)

    def verify(self, check_xml: verification.CheckXML,
               check_source: verification.CheckSource | None = None) -> list[Problem]:
        """Everything a user should know before trusting the archive; an empty list means sound.
        CHECK_SOURCE(edition, xml, source) may compare an edition's XML with its source; it runs for every
        edition whatever parser version the edition records (see verification.untrusting)."""
        with self._repo() as repo, self._locked(reading=True):
            problems = [Problem(".git", f"git fsck: {msg}") for msg in gitstore.fsck(repo)]
            problems += [Problem(lock, "git lock left by a git process that was killed (or still runs); the next "
                                       "write or policydiff repair removes it once no git process works here")
                         for lock in git_locks.git_lock_files(self.path)]  # fmt: skip
            head_problem = recovery.head_problem(repo, self.path)
            if head_problem:
                problems.append(Problem("HEAD", head_problem))
            status = repo.git.status("--porcelain", "-z", "--no-renames", "--untracked-files=all")
            for entry in status.split("\0"):
                if entry:
                    problems.append(Problem(entry[3:], "not committed (left by an interrupted write or "
                                                       "edited by hand); the next write rolls back reports/ and sources/"))
            files = gitstore.tree(repo, "HEAD")
            tags = self._editions(repo)
            links = gitstore.links(repo, "HEAD")
            problems += verification.check_links(links)
            problems += verification.check_layout(files, tags, frozenset(links))
            trusted_check = None if check_source is None else verification.untrusting(check_source)
            ahead = recovery.ahead_problem(repo, tags)
            if ahead:
                problems.append(Problem("refs/heads/main", ahead))
            problems += [Problem(f"tag {u.name}", f"commit {u.commit[:12]} ({u.subject}) has no tag: a write was "
                                                  "interrupted at the tag step; policydiff repair tags it")
                         for u in recovery.untagged(repo, tags)]  # fmt: skip
            for ed in tags.values():
                problems += verification.check_edition(repo, self.path, ed, files, check_xml, trusted_check)
            return problems

    def reparse(self, rebuild: Callable[[StoredEdition, bytes], bytes], parser_version: str) -> list[str]:
        """Rebuild every edition's XML from its stored source in one commit; return the changed names."""
        parser = field(parser_version)
        with self._repo() as repo, self._locked() as since:
            head = self._recover(repo, since)
            files = gitstore.tree(repo, "HEAD")
            changed: dict[StoredEdition, bytes] = {}
            trusted: list[str] = []  # what this parser makes of each source: what a read may now skip
            for ed in sorted(self._editions(repo).values(), key=lambda e: (e.document, e.edition)):
                source = self._read_at(repo, ed.commit, ed.source_path)
                try:
                    xml = rebuild(ed, source)
                except PolicydiffError as exc:
                    raise ArchiveError(f"cannot reparse {ed.name}: {gitstore.one_line(exc)}") from exc
                trusted.append(trust.key(xml, source, parser_version))
                if ed.xml_path not in files or xml != gitstore.blob(repo, self.path, files[ed.xml_path]):
                    changed[ed] = xml
            if not changed:
                for entry in trusted:
                    trust.remember(entry)
                return []
            names = [ed.name for ed in changed]
            message = f"reparse with parser {parser}\n\n" + "".join(f"edition: {n}\n" for n in names)
            for ed in changed:
                gitstore.check_no_link(self.path, ed.xml_path)
            with self._rolled_back_on_error(repo, head):
                for ed, xml in changed.items():
                    write_atomic(self.path / ed.xml_path, xml)
                repo.git.add("-A", "-f", "--", *(ed.xml_path for ed in changed))
                records = {ed.name: record_message(f"reparse {ed.name}", escape_field(ed.source_name), ed.sha256, parser, {})
                           for ed in changed}  # fmt: skip
                gitstore.publish(repo, head, message, records, _fault)
            for entry in trusted:
                trust.remember(entry)
            return names

    def files(self, prefix: str) -> list[str]:
        """The committed files under PREFIX at HEAD, sorted."""
        if not self.exists():
            return []
        with self._repo() as repo:
            return sorted(gitstore.tree(repo, "HEAD", prefix))

    # -- internals ----------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _repo(self) -> Iterator[Any]:
        gitstore.git_module()  # "git is not available" comes before "no archive"
        if not self.exists():
            raise ArchiveError(f"no archive at {self.path}")
        with gitstore.open_repo(self.path) as repo:
            yield repo

    @contextlib.contextmanager
    def _locked(self, reading: bool = False) -> Iterator[float | None]:
        with locked(self.path, self.lock_timeout, reading) as since:
            yield since

    def repair(self) -> list[str]:
        """Everything an interrupted write can leave, put back in order; what was done, one line each."""
        done = [f"removed {name}, left by a first ingest that was killed"
                for name in git_locks.remove_init_leftovers(self.path)]
        if done and not self.exists():
            return [*done, f"no archive at {self.path} yet: the next ingest creates it"]
        with self._repo() as repo, self._locked() as since:
            done += self._clear_git_locks(since)
            done += recovery.head_to_main(repo, self.path)
            done += recovery.branch_to_ahead(repo, self._editions(repo))
            if self._dirty(repo):
                gitstore.rollback(repo, "HEAD")
                done.append("rolled back uncommitted files in reports/ and sources/")
            editions = self._editions(repo)
            done += recovery.tag_untagged(repo, recovery.untagged(repo, editions), editions)
        return done

    def _clear_git_locks(self, since: float | None) -> list[str]:
        stale, kept = git_locks.stale_git_locks(self.path, since)
        for lock in stale:
            (self.path / lock).unlink(missing_ok=True)
        if kept:
            raise ArchiveError(
                f"archive {self.path} has git lock {', '.join(kept)} that may be in use: "
                f"{git_locks.why_kept(self.path, since)}; once no git process works there, "
                "run policydiff repair (or remove the lock)"
            )
        return [f"removed stale git lock {lock}" for lock in stale]

    def _dirty(self, repo: Any) -> bool:
        return bool(repo.git.status("--porcelain", "-z", "--no-renames", "--untracked-files=all", "--",
                                    "reports", "sources", *RECORD_DIRS))

    def _recover(self, repo: Any, since: float | None) -> str:
        """Recover from an interrupted earlier write (git locks, leftovers, a missing tag); return HEAD."""
        self._clear_git_locks(since)
        problem = recovery.head_problem(repo, self.path)
        if problem:
            raise ArchiveError(problem)
        recovery.branch_to_ahead(repo, self._editions(repo))
        if self._dirty(repo):
            gitstore.rollback(repo, "HEAD")
        editions = self._editions(repo)
        recovery.tag_untagged(repo, recovery.untagged(repo, editions), editions)
        return repo.git.rev_parse("HEAD")

    @contextlib.contextmanager
    def _rolled_back_on_error(self, repo: Any, head: str) -> Iterator[None]:
        try:
            yield
        except BaseException as exc:
            try:
                gitstore.rollback(repo, head)
            except Exception as second:
                raise ArchiveError(
                    f"write to {self.path} failed ({gitstore.one_line(exc)}) and so did the rollback "
                    f"({gitstore.one_line(second)}); the next write will retry it"
                ) from exc
            raise

    def _read_at(self, repo: Any, rev: str, path: str) -> bytes:
        return gitstore.read_at(repo, self.path, rev, path)

    def _editions(self, repo: Any) -> dict[str, StoredEdition]:
        """Editions are the tags named `<document>/<edition>`; their messages hold the record."""
        sources = {(p.split("/")[1], stem(p)): p for p in gitstore.tree(repo, "HEAD", "sources/") if p.count("/") == 2}
        found = {}
        for tag, commit, contents in gitstore.tag_refs(repo):
            document, _, edition = tag.partition("/")
            if name_problem(document) or name_problem(edition):
                continue  # a tag the user made for their own purposes
            record = parse_record(contents)
            source_path = sources.get((document, edition)) or f"sources/{tag}.{extension(record.get('source', ''))}"
            found[tag] = StoredEdition(document, edition, f"reports/{tag}.xml", source_path, record.get("sha256", ""),
                                       commit, tag, unescape_field(record.get("source", "")), record.get("parser", ""))
        return found


def repair(archive: Archive) -> list[str]:
    """`policydiff repair`: recover ARCHIVE from interrupted writes (see Archive.repair)."""
    return archive.repair()
