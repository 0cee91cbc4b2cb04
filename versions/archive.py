"""The archive: a plain git repository of report editions that a user can also read with git.

Layout: `reports/<document>/<edition>.xml` (normalized XML), `sources/<document>/<edition>.<ext>`
(original bytes), one commit per ingest and an annotated tag `<document>/<edition>` on the commit that
last wrote the edition. The tag message repeats the edition record (source, sha256, parser) so that a
reparse commit touching many editions still leaves each record one `git show <tag>` away.

Every write builds the commit with plumbing (write-tree, commit-tree, mktag) and publishes the branch
and all tags in one `git update-ref --stdin` transaction, so a failure leaves no partial commit.
GitPython is imported lazily: reading XML or diffing never needs git.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import random
import re
import shutil
import signal
import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from .errors import ArchiveError, PolicydiffError
from .files import write_atomic

NAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")  # document "gyoukaku", edition "r6-2024.1"
EXT_RE = re.compile(r"[a-z0-9]{1,10}")  # "pdf", "txt": anything else is stored as .txt
COUNT_KEY_RE = re.compile(r"[a-z][a-z0-9_]{0,31}")  # "measures", "budget_lines"
RECORD_KEYS = ("source", "sha256", "parser")
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{dev}{n}" for dev in ("com", "lpt") for n in range(1, 10)}
)
LOCK_NAME = "policydiff.lock"
STALE_GUARD_AGE = 10.0  # seconds after which an abandoned empty lock or break guard counts as stale
AUTHOR = ("policydiff", "policydiff@localhost")
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
class StoredEdition:
    document: str
    edition: str
    xml_path: str
    source_path: str
    sha256: str
    commit: str
    tag: str
    source_name: str
    parser: str

    @property
    def name(self) -> str:
        return f"{self.document}/{self.edition}"


@dataclass(frozen=True)
class IngestResult:
    status: Literal["added", "replaced", "unchanged"]
    edition: StoredEdition


@dataclass(frozen=True)
class Problem:
    path: str
    message: str


def _name_problem(value: object) -> str | None:
    if not isinstance(value, str) or not NAME_RE.fullmatch(value):
        return "use 1-64 characters a-z 0-9 . _ - starting with a lowercase letter or digit"
    if ".." in value or value.endswith((".", ".lock")):
        return "it may not contain '..' or end with '.' or '.lock'"  # git ref and Windows rules
    if value.split(".")[0] in WINDOWS_RESERVED:
        return "it is a reserved device name on Windows"
    return None


def check_name(value: str, what: str) -> str:
    """Refuse names that could escape the archive, clash on Windows or make an invalid git ref."""
    problem = _name_problem(value)
    if problem:
        raise ArchiveError(f"invalid {what} {value!r}: {problem}")
    return value


def _one_line(text: object, limit: int = 200) -> str:
    return next((ln.strip() for ln in str(text).splitlines() if ln.strip()), "")[:limit]


def _field(text: str) -> str:
    """Keep record values on one line so a crafted file name cannot forge record keys."""
    return "".join(ch if ch.isprintable() else "?" for ch in text).strip()[:200]


def _extension(source_name: str) -> str:
    ext = PurePosixPath(source_name).suffix.lower().lstrip(".")
    return ext if EXT_RE.fullmatch(ext) else "txt"


def _record_message(title: str, source_name: str, sha256: str, parser: str, counts: dict[str, int]) -> str:
    lines = [f"source: {source_name}", f"sha256: {sha256}", f"parser: {parser}"]
    lines += [f"{key}: {counts[key]}" for key in sorted(counts)]
    return f"{title}\n\n" + "\n".join(lines) + "\n"


def _parse_record(message: str) -> dict[str, str]:
    record: dict[str, str] = {}
    for line in message.splitlines()[1:]:
        key, sep, value = line.partition(": ")
        if sep and key not in record:
            record[key] = value.strip()
    return record


def _git_module() -> Any:
    try:
        import git
    except ImportError as exc:  # GitPython missing, or it found no git executable
        raise ArchiveError(f"git is not available: {_one_line(exc)}") from exc
    return git


def _git_detail(exc: Any) -> str:
    return _one_line(exc.stderr).removeprefix("stderr: ").strip("'") or f"exit status {exc.status}"


def _git_env(root: Path) -> dict[str, str]:
    """Pin the repository and identity: the user's GIT_DIR or missing git identity must not matter."""
    name, email = AUTHOR
    return {
        "GIT_DIR": str(root / ".git"),
        "GIT_WORK_TREE": str(root),
        "GIT_INDEX_FILE": str(root / ".git" / "index"),
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_TERMINAL_PROMPT": "0",
    }


def _git_stdin(repo: Any, data: str, *args: str) -> str:
    with tempfile.TemporaryFile() as stdin:  # Popen needs a real file descriptor
        stdin.write(data.encode("utf-8"))
        stdin.seek(0)
        return repo.git.execute(["git", *args], istream=stdin)


def _fault(point: str) -> None:
    if os.environ.get(FAULT_ENV) == point:
        os.kill(os.getpid(), signal.SIGKILL)


def _lock_holder_dead(lock: Path) -> bool:
    try:
        text = lock.read_text(encoding="utf-8", errors="replace").split()
        age = time.time() - lock.stat().st_mtime
    except FileNotFoundError:
        return False
    if len(text) != 2 or not text[0].isdigit():
        return age > STALE_GUARD_AGE  # a writer dies between O_EXCL and writing its pid
    if text[1] != socket.gethostname():
        return False  # cannot see processes on another host; the timeout message names the lock
    try:
        os.kill(int(text[0]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _break_stale_lock(lock: Path) -> None:
    """Only one waiter may judge and remove a stale lock, else two could delete a fresh one."""
    guard = lock.with_name(lock.name + ".break")
    try:
        fd = os.open(guard, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        with contextlib.suppress(FileNotFoundError):
            if time.time() - guard.stat().st_mtime > STALE_GUARD_AGE:
                guard.unlink()
        return
    try:
        if _lock_holder_dead(lock):
            lock.unlink(missing_ok=True)
    finally:
        os.close(fd)
        guard.unlink(missing_ok=True)


class Archive:
    """A git archive of report editions at `path`; nothing is created until the first ingest."""

    def __init__(self, path: Path, lock_timeout: float = 30.0) -> None:
        self.path = Path(os.path.abspath(path))
        self.lock_timeout = lock_timeout

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
        source_name = _field(re.split(r"[/\\]", source_name)[-1]) or "source"
        parser, digest = _field(parser_version), hashlib.sha256(source).hexdigest()
        name = f"{document}/{edition}"
        xml_path, src_path = f"reports/{name}.xml", f"sources/{name}.{_extension(source_name)}"
        if not self.exists():
            self._create()
        with self._repo() as repo, self._locked():
            _fault("after-lock")
            head = self._recover(repo)
            old_sources = [p for p in self._tree(repo, "HEAD", f"sources/{document}/") if _stem(p) == edition]
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
            message = _record_message(f"ingest {name}", source_name, digest, parser, counts)
            with self._rolled_back_on_error(repo, head):
                write_atomic(self.path / xml_path, xml, lambda: _fault("after-temp-write"))
                _fault("after-rename")
                write_atomic(self.path / src_path, source)
                for old in old_sources:
                    if old != src_path:  # --replace with a source of another type
                        (self.path / old).unlink()
                repo.git.add("-A", "-f", "--", xml_path, src_path, *old_sources)
                _fault("before-commit")
                self._publish(repo, head, message, {name: message})
                _fault("after-commit")
            return IngestResult(status, self._editions(repo)[name])

    def editions(self) -> list[StoredEdition]:
        if not self.exists():
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
            tagged = self._tree(repo, ed.commit, ed.xml_path).get(ed.xml_path)
            if tagged is None:
                raise ArchiveError(f"{ed.xml_path} is missing from commit {ed.commit[:12]} of archive {self.path}")
            if self._tree(repo, "HEAD", ed.xml_path).get(ed.xml_path) != tagged:
                raise ArchiveError(
                    f"{ed.xml_path} in archive {self.path} was changed after commit {ed.commit[:12]} that "
                    f"tag {ed.tag} marks (edited by hand?); run policydiff verify, then revert the change "
                    "or ingest the source again with --replace"
                )
            return self._blob(repo, tagged)

    def read_source(self, ed: StoredEdition) -> bytes:
        with self._repo() as repo:
            return self._read_at(repo, ed.commit, ed.source_path)

    def verify(self, check_xml: Callable[[bytes], list[str]],
               check_source: Callable[[StoredEdition, bytes, bytes], list[str]] | None = None) -> list[Problem]:
        """Everything a user should know before trusting the archive; an empty list means sound.
        CHECK_SOURCE(edition, xml, source) may compare an edition's XML with its source."""
        with self._repo() as repo, self._locked(reading=True):
            problems = [Problem(".git", f"git fsck: {msg}") for msg in self._fsck(repo)]
            for entry in repo.git.status("--porcelain", "-z", "--no-renames", "--untracked-files=all").split(
                "\0"
            ):
                if entry:
                    problems.append(
                        Problem(
                            entry[3:],
                            "not committed (left by an interrupted write or "
                            "edited by hand); the next write rolls back reports/ and sources/",
                        )
                    )
            files = self._tree(repo, "HEAD")
            tags = self._editions(repo)
            problems += self._check_layout(files, tags)
            for ed in tags.values():
                problems += self._check_edition(repo, ed, files, check_xml, check_source)
            return problems

    def reparse(self, rebuild: Callable[[StoredEdition, bytes], bytes], parser_version: str) -> list[str]:
        """Rebuild every edition's XML from its stored source in one commit; return the changed names."""
        parser = _field(parser_version)
        with self._repo() as repo, self._locked():
            head = self._recover(repo)
            files = self._tree(repo, "HEAD")
            changed: dict[StoredEdition, bytes] = {}
            for ed in sorted(self._editions(repo).values(), key=lambda e: (e.document, e.edition)):
                try:
                    xml = rebuild(ed, self._read_at(repo, ed.commit, ed.source_path))
                except PolicydiffError as exc:
                    raise ArchiveError(f"cannot reparse {ed.name}: {_one_line(exc)}") from exc
                if ed.xml_path not in files or xml != self._blob(repo, files[ed.xml_path]):
                    changed[ed] = xml
            if not changed:
                return []
            names = [ed.name for ed in changed]
            message = f"reparse with parser {parser}\n\n" + "".join(f"edition: {n}\n" for n in names)
            with self._rolled_back_on_error(repo, head):
                for ed, xml in changed.items():
                    write_atomic(self.path / ed.xml_path, xml)
                repo.git.add("-A", "-f", "--", *(ed.xml_path for ed in changed))
                self._publish(
                    repo,
                    head,
                    message,
                    {
                        ed.name: _record_message(f"reparse {ed.name}", ed.source_name, ed.sha256, parser, {})
                        for ed in changed
                    },
                )
            return names

    # -- git plumbing -------------------------------------------------------------------------------

    def _create(self) -> None:
        """Build the repository beside the target and rename it into place, so concurrent first
        ingests cannot both initialise it: the loser's rename fails and it uses the winner's."""
        git = _git_module()
        with self._mapped_errors(git):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists() and (not self.path.is_dir() or any(self.path.iterdir())):
                if self.exists():  # another process created it since our caller looked
                    return
                raise ArchiveError(f"{self.path} exists and is not a policydiff archive (see its README.txt)")
            tmp = self.path.parent / f".{self.path.name}.init-{os.getpid()}-{random.randrange(16**8):08x}"
            try:
                tmp.mkdir()  # not mkdtemp: the archive should get the user's umask, not 0700
                runner = git.Git(tmp)
                runner.update_environment(**_git_env(tmp))
                runner.init("--quiet", "--initial-branch=main")
                runner.config("core.autocrlf", "false")  # source bytes must round-trip exactly
                (tmp / "README.txt").write_text(README, encoding="utf-8")
                runner.add("-f", "README.txt")
                commit = runner.commit_tree(
                    runner.write_tree(), "--no-gpg-sign", "-m", "create policydiff archive"
                )
                runner.update_ref("HEAD", commit, "0" * 40)
                try:
                    os.rename(tmp, self.path)
                except OSError:
                    if not self.exists():
                        raise
            finally:
                shutil.rmtree(tmp, ignore_errors=True)

    @contextlib.contextmanager
    def _repo(self) -> Iterator[Any]:
        git = _git_module()
        if not self.exists():
            raise ArchiveError(f"no archive at {self.path}")
        with self._mapped_errors(git):
            repo = git.Repo(self.path)
            repo.git.update_environment(**_git_env(self.path))
            try:
                yield repo
            finally:
                repo.close()

    @contextlib.contextmanager
    def _mapped_errors(self, git: Any) -> Iterator[None]:
        """The CLI shows one line: turn git and OS failures into ArchiveError."""
        from gitdb.exc import ODBError

        try:
            yield
        except git.exc.GitCommandError as exc:
            verb = exc.command[1] if isinstance(exc.command, list) and len(exc.command) > 1 else "command"
            raise ArchiveError(f"git {verb} failed in {self.path}: {_git_detail(exc)}") from exc
        except (git.exc.GitError, ODBError) as exc:
            raise ArchiveError(f"git failed in {self.path}: {_one_line(exc)}") from exc
        except OSError as exc:
            raise ArchiveError(
                f"cannot use archive {self.path}: {exc.strerror or exc} ({exc.filename})"
            ) from exc

    @contextlib.contextmanager
    def _locked(self, reading: bool = False) -> Iterator[None]:
        lock = self.path / ".git" / LOCK_NAME
        deadline = time.monotonic() + self.lock_timeout
        while True:
            try:
                fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
                break
            except OSError as exc:
                if reading and exc.errno == errno.EROFS:  # nobody can write a read-only archive: read it as is
                    yield
                    return
                if not isinstance(exc, FileExistsError):
                    raise
                _break_stale_lock(lock)
                if time.monotonic() > deadline:
                    holder = _one_line(lock.read_text(errors="replace")) if lock.exists() else "?"
                    raise ArchiveError(
                        f"archive {self.path} is busy: {lock} held by {holder} (pid host) "
                        f"for over {self.lock_timeout:g} s; remove it if that process is gone"
                    ) from None
                time.sleep(random.uniform(0.02, 0.1))
        try:
            with os.fdopen(fd, "w") as out:
                out.write(f"{os.getpid()} {socket.gethostname()}\n")
            yield
        finally:
            lock.unlink(missing_ok=True)

    def _recover(self, repo: Any) -> str:
        """Roll back what an interrupted earlier write left behind; return HEAD."""
        if repo.git.status(
            "--porcelain", "-z", "--no-renames", "--untracked-files=all", "--", "reports", "sources"
        ):
            self._rollback(repo, "HEAD")
        return repo.git.rev_parse("HEAD")

    def _rollback(self, repo: Any, head: str) -> None:
        repo.git.reset("--quiet", "--hard", head)
        repo.git.clean("-q", "-f", "-d", "-x", "--", "reports", "sources")

    @contextlib.contextmanager
    def _rolled_back_on_error(self, repo: Any, head: str) -> Iterator[None]:
        try:
            yield
        except BaseException as exc:
            try:
                self._rollback(repo, head)
            except Exception as second:
                raise ArchiveError(
                    f"write to {self.path} failed ({_one_line(exc)}) and so did the rollback "
                    f"({_one_line(second)}); the next write will retry it"
                ) from exc
            raise

    def _publish(self, repo: Any, head: str, message: str, tags: dict[str, str]) -> None:
        """Commit the index and move HEAD and the tags in one ref transaction: all or nothing."""
        commit = repo.git.commit_tree(repo.git.write_tree(), "-p", head, "--no-gpg-sign", "-m", message)
        updates = [f"update HEAD {commit} {head}"]
        name, email = AUTHOR
        for tag, text in tags.items():
            obj = f"object {commit}\ntype commit\ntag {tag}\ntagger {name} <{email}> {int(time.time())} +0000\n\n{text}"
            updates.append(f"update refs/tags/{tag} {_git_stdin(repo, obj, 'mktag')}")
        _fault("after-commit-object")
        _git_stdin(repo, "\n".join(updates) + "\n", "update-ref", "--stdin")

    def _tree(self, repo: Any, rev: str, *paths: str) -> dict[str, str]:
        """Path -> blob id of the files in commit `rev` (under `paths`, if given)."""
        out = repo.git.ls_tree("-r", "-z", "--full-tree", rev, "--", *paths)
        files = {}
        for entry in out.split("\0"):
            if entry:
                meta, _, path = entry.partition("\t")
                files[path] = meta.split()[2]
        return files

    def _blob(self, repo: Any, blob_id: str) -> bytes:
        try:
            return repo.odb.stream(bytes.fromhex(blob_id)).read()
        except ValueError as exc:
            # GitPython's "SHA b'dc6c…' could not be resolved, git returned: b'dc6c… missing'" for an object
            # file overwritten on disk: it was exit 3 from show and from verify.
            raise ArchiveError(
                f"git object {blob_id[:12]} is missing or corrupt in archive {self.path}; run git fsck"
            ) from exc

    def _read_at(self, repo: Any, rev: str, path: str) -> bytes:
        files = self._tree(repo, rev, path)
        if path not in files:
            raise ArchiveError(f"{path} is missing from commit {rev[:12]} of archive {self.path}")
        return self._blob(repo, files[path])

    def _editions(self, repo: Any) -> dict[str, StoredEdition]:
        """Editions are the tags named `<document>/<edition>`; their messages hold the record."""
        fmt = "%(refname:strip=2)%00%(*objectname)%00%(objectname)%00%(contents)%01"
        sources = {
            (p.split("/")[1], _stem(p)): p for p in self._tree(repo, "HEAD", "sources/") if p.count("/") == 2
        }
        found = {}
        for chunk in repo.git.for_each_ref(f"--format={fmt}", "refs/tags").split("\x01"):
            if not chunk.strip():
                continue
            tag, peeled, target, contents = chunk.lstrip("\n").split("\0", 3)
            document, _, edition = tag.partition("/")
            if _name_problem(document) or _name_problem(edition):
                continue  # a tag the user made for their own purposes
            record = _parse_record(contents)
            source_path = (
                sources.get((document, edition)) or f"sources/{tag}.{_extension(record.get('source', ''))}"
            )
            found[tag] = StoredEdition(
                document,
                edition,
                f"reports/{tag}.xml",
                source_path,
                record.get("sha256", ""),
                peeled or target,
                tag,
                record.get("source", ""),
                record.get("parser", ""),
            )
        return found

    # -- verify helpers -----------------------------------------------------------------------------

    def _fsck(self, repo: Any) -> list[str]:
        git = _git_module()
        try:
            repo.git.fsck("--no-dangling", "--no-progress")
        except git.exc.GitCommandError as exc:
            return [_git_detail(exc)]
        return []

    def _check_layout(self, files: dict[str, str], tags: dict[str, StoredEdition]) -> list[Problem]:
        problems: list[Problem] = []
        reports: set[str] = set()
        sources: dict[str, list[str]] = {}
        for path in files:
            parts = path.split("/")
            if path == "README.txt":
                continue
            if len(parts) == 3 and not _name_problem(parts[1]) and not _name_problem(_stem(path)):
                if parts[0] == "reports" and path.endswith(".xml"):
                    reports.add(f"{parts[1]}/{_stem(path)}")
                    continue
                if parts[0] == "sources" and EXT_RE.fullmatch(PurePosixPath(path).suffix.lstrip(".")):
                    sources.setdefault(f"{parts[1]}/{_stem(path)}", []).append(path)
                    continue
            problems.append(Problem(path, "stray file: not part of the archive layout"))
        for name in sorted(reports):
            if name not in sources:
                problems.append(Problem(f"reports/{name}.xml", f"missing source: no sources/{name}.<ext>"))
            if name not in tags:
                problems.append(Problem(f"reports/{name}.xml", f"missing tag {name}"))
        for name, paths in sorted(sources.items()):
            if name not in reports:
                problems += [Problem(p, f"stray source: no reports/{name}.xml") for p in paths]
            if len(paths) > 1:
                problems.append(Problem(paths[0], f"more than one source for {name}: {', '.join(paths)}"))
        problems += [
            Problem(f"tag {n}", f"tag without reports/{n}.xml") for n in sorted(tags) if n not in reports
        ]
        return problems

    def _check_edition(self, repo: Any, ed: StoredEdition, files: dict[str, str],
                       check_xml: Callable[[bytes], list[str]], check_source: Any = None) -> list[Problem]:
        if ed.xml_path not in files or ed.source_path not in files:
            return []  # already reported by _check_layout
        try:
            problems = self._edition_problems(repo, ed, files, check_xml)
            if check_source is not None and not problems:
                xml, source = self._blob(repo, files[ed.xml_path]), self._blob(repo, files[ed.source_path])
                problems = [Problem(ed.xml_path, msg) for msg in check_source(ed, xml, source)]
            return problems
        except ArchiveError as exc:  # a corrupt object: name the edition, keep checking the others
            return [Problem(ed.xml_path, _one_line(exc))]

    def _edition_problems(
        self, repo: Any, ed: StoredEdition, files: dict[str, str], check_xml: Callable[[bytes], list[str]]
    ) -> list[Problem]:
        problems = []
        actual = hashlib.sha256(self._blob(repo, files[ed.source_path])).hexdigest()
        if actual != ed.sha256:
            problems.append(
                Problem(
                    ed.source_path,
                    f"sha256 {actual[:12]} does not match the recorded "
                    f"{ed.sha256[:12] or '(none)'} of tag {ed.tag}",
                )
            )
        tagged = self._tree(repo, ed.commit, ed.xml_path, ed.source_path)
        for path in (ed.xml_path, ed.source_path):
            if tagged.get(path) != files[path]:
                problems.append(
                    Problem(path, f"changed after commit {ed.commit[:12]} that tag {ed.tag} marks")
                )
        try:
            messages = check_xml(self._blob(repo, files[ed.xml_path]))
        except PolicydiffError as exc:
            messages = [_one_line(exc)]
        problems += [Problem(ed.xml_path, msg) for msg in messages]
        return problems


def _stem(path: str) -> str:
    return PurePosixPath(path).stem
