"""Git plumbing for the archive: the environment every git command runs in, reading trees and blobs,
publishing a commit with its tags in one ref transaction, and creating a repository.

GitPython is imported lazily: reading XML or diffing never needs git.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..model.errors import ArchiveError

AUTHOR = ("policydiff", "policydiff@localhost")
# An archive may come from someone else (a tarball, a shared drive): git must never run a program its
# .git/config or hooks name. These settings override the repository's own on every git command.
NEUTRAL_CONFIG = (
    ("core.fsmonitor", "false"),
    ("core.hooksPath", "/dev/null"),
    ("core.pager", "cat"),
    ("core.editor", ":"),
    ("core.askPass", ""),
    ("core.sshCommand", "ssh"),
    ("core.attributesFile", "/dev/null"),
    ("core.untrackedCache", "false"),
    ("credential.helper", ""),
    ("diff.external", ""),
    ("gc.auto", "0"),
    ("maintenance.auto", "false"),
    ("protocol.allow", "never"),
    ("safe.bareRepository", "explicit"),
)
# Keys naming a program per driver (filter.<driver>.clean, …): they cannot be overridden without
# knowing the driver, so an archive whose config has one is refused. "a.*.b" patterns, lowercase.
PROGRAM_KEYS = re.compile(r"(filter\.[^\n]*\.(clean|smudge|process)|diff\.[^\n]*\.(textconv|command)"
                          r"|merge\.[^\n]*\.driver|include\.path|includeif\.[^\n]*\.path)")


def one_line(text: object, limit: int = 200) -> str:
    return next((ln.strip() for ln in str(text).splitlines() if ln.strip()), "")[:limit]


def git_module() -> Any:
    try:
        import git
    except ImportError as exc:  # GitPython missing, or it found no git executable
        raise ArchiveError(f"git is not available: {one_line(exc)}") from exc
    return git


def git_detail(exc: Any) -> str:
    return one_line(exc.stderr).removeprefix("stderr: ").strip("'") or f"exit status {exc.status}"


def git_env(root: Path) -> dict[str, str]:
    """Pin the repository and identity: the user's GIT_DIR or missing git identity must not matter."""
    name, email = AUTHOR
    neutral = {"GIT_CONFIG_COUNT": str(len(NEUTRAL_CONFIG)), "GIT_CONFIG_NOSYSTEM": "1", "GIT_PAGER": "cat",
               "GIT_EXTERNAL_DIFF": "", "GIT_SSH_COMMAND": "ssh", "GIT_ASKPASS": "", "SSH_ASKPASS": ""}
    for i, (key, value) in enumerate(NEUTRAL_CONFIG):
        neutral[f"GIT_CONFIG_KEY_{i}"], neutral[f"GIT_CONFIG_VALUE_{i}"] = key, value
    return {
        **neutral,
        "GIT_DIR": str(root / ".git"),
        "GIT_WORK_TREE": str(root),
        "GIT_INDEX_FILE": str(root / ".git" / "index"),
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_TERMINAL_PROMPT": "0",
    }


def git_stdin(repo: Any, data: str, *args: str) -> str:
    with tempfile.TemporaryFile() as stdin:  # Popen needs a real file descriptor
        stdin.write(data.encode("utf-8"))
        stdin.seek(0)
        return repo.git.execute([repo.git.GIT_PYTHON_GIT_EXECUTABLE or "git", *args], istream=stdin)


@contextlib.contextmanager
def mapped_errors(root: Path) -> Iterator[None]:
    """The CLI shows one line: turn git and OS failures into ArchiveError."""
    git = git_module()
    from gitdb.exc import ODBError

    try:
        yield
    except git.exc.GitCommandError as exc:
        verb = exc.command[1] if isinstance(exc.command, list) and len(exc.command) > 1 else "command"
        raise ArchiveError(f"git {verb} failed in {root}: {git_detail(exc)}") from exc
    except (git.exc.GitError, ODBError) as exc:
        raise ArchiveError(f"git failed in {root}: {one_line(exc)}") from exc
    except OSError as exc:
        raise ArchiveError(f"cannot use archive {root}: {exc.strerror or exc} ({exc.filename})") from exc


@contextlib.contextmanager
def open_repo(root: Path) -> Iterator[Any]:
    git = git_module()
    with mapped_errors(root):
        repo = git.Repo(root)
        repo.git.update_environment(**git_env(root))
        refuse_program_config(repo, root)
        try:
            yield repo
        finally:
            repo.close()


def refuse_program_config(repo: Any, root: Path) -> None:
    """Refuse an archive whose own config names a program that NEUTRAL_CONFIG cannot override."""
    listing = repo.git.config("--local", "--includes", "--name-only", "--list", with_exceptions=False)
    for key in listing.splitlines():
        if PROGRAM_KEYS.fullmatch(key.strip().lower()):
            raise ArchiveError(
                f"archive {root} is refused: its .git/config sets {key.strip()}, which runs a program or "
                f"reads another config file (a received archive is untrusted); remove it with "
                f"git -C {root} config --unset {key.strip()} if you trust it"
            )


def links(repo: Any, rev: str) -> list[str]:
    """Paths that commit REV holds as symbolic links (mode 120000) or submodules (160000)."""
    out = repo.git.ls_tree("-r", "-z", "--full-tree", rev)
    return [entry.partition("\t")[2] for entry in out.split("\0") if entry.startswith(("120000 ", "160000 "))]


def check_no_link(root: Path, relative: str) -> None:
    """Refuse to write RELATIVE when a component of its directory is a symbolic link or not a
    directory: a link committed in a received archive must never lead a write out of it."""
    path = root
    for part in relative.split("/")[:-1]:
        path = path / part
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            rel = path.relative_to(root).as_posix()
            raise ArchiveError(
                f"{rel} in archive {root} is a symbolic link or not a directory; policydiff never writes "
                f"through a link out of the archive: run policydiff verify, then remove it with git rm {rel}"
            )


def occupied(root: Path) -> bool:
    """Does something stand at ROOT already (a file, or a directory with anything in it)?"""
    return root.exists() and (not root.is_dir() or any(root.iterdir()))


def not_an_archive(root: Path) -> str:
    return f"{root} exists and is not a policydiff archive (see its README.txt)"


def create_repo(root: Path, readme: str, exists: Callable[[], bool]) -> None:
    """Build the repository beside ROOT and rename it into place, so concurrent first ingests cannot
    both initialise it: the loser's rename fails and it uses the winner's."""
    git = git_module()
    with mapped_errors(root):
        root.parent.mkdir(parents=True, exist_ok=True)
        if occupied(root):
            if exists():  # another process created it since our caller looked
                return
            raise ArchiveError(not_an_archive(root))
        tmp = root.parent / f".{root.name}.init-{os.getpid()}-{random.randrange(16**8):08x}"
        try:
            tmp.mkdir()  # not mkdtemp: the archive should get the user's umask, not 0700
            runner = git.Git(tmp)
            runner.update_environment(**git_env(tmp))
            runner.init("--quiet", "--initial-branch=main")
            runner.config("core.autocrlf", "false")  # source bytes must round-trip exactly
            (tmp / "README.txt").write_text(readme, encoding="utf-8")
            runner.add("-f", "README.txt")
            commit = runner.commit_tree(runner.write_tree(), "--no-gpg-sign", "-m", "create policydiff archive")
            runner.update_ref("HEAD", commit, "0" * 40)
            try:
                os.rename(tmp, root)
            except OSError:
                if not exists():
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def rollback(repo: Any, head: str) -> None:
    repo.git.reset("--quiet", "--hard", head)
    repo.git.clean("-q", "-f", "-d", "-x", "--", "reports", "sources", "reviews")


def publish(repo: Any, head: str, message: str, tags: dict[str, str], fault: Callable[[str], None],
            author: str | None = None) -> None:
    """Commit the index and move HEAD and the tags in one ref transaction: all or nothing. AUTHOR names
    a person who made the change (an auditor's review); policydiff stays the committer."""
    env = {"GIT_AUTHOR_NAME": author} if author else {}
    commit = repo.git.commit_tree(repo.git.write_tree(), "-p", head, "--no-gpg-sign", "-m", message, env=env)
    updates = [f"update HEAD {commit} {head}"]
    name, email = AUTHOR
    for tag, text in tags.items():
        obj = f"object {commit}\ntype commit\ntag {tag}\ntagger {name} <{email}> {int(time.time())} +0000\n\n{text}"
        updates.append(f"update refs/tags/{tag} {git_stdin(repo, obj, 'mktag')}")
    fault("after-commit-object")
    git_stdin(repo, "\n".join(updates) + "\n", "update-ref", "--stdin")


def tree(repo: Any, rev: str, *paths: str) -> dict[str, str]:
    """Path -> blob id of the files in commit `rev` (under `paths`, if given)."""
    out = repo.git.ls_tree("-r", "-z", "--full-tree", rev, "--", *paths)
    files = {}
    for entry in out.split("\0"):
        if entry:
            meta, _, path = entry.partition("\t")
            files[path] = meta.split()[2]
    return files


def blob(repo: Any, root: Path, blob_id: str) -> bytes:
    try:
        return repo.odb.stream(bytes.fromhex(blob_id)).read()
    except ValueError as exc:
        # GitPython's "SHA b'dc6c…' could not be resolved, git returned: b'dc6c… missing'" for an object
        # file overwritten on disk: it was exit 3 from show and from verify.
        raise ArchiveError(f"git object {blob_id[:12]} is missing or corrupt in archive {root}; run git fsck") from exc


def read_at(repo: Any, root: Path, rev: str, path: str) -> bytes:
    files = tree(repo, rev, path)
    if path not in files:
        raise ArchiveError(f"{path} is missing from commit {rev[:12]} of archive {root}")
    return blob(repo, root, files[path])


def tag_refs(repo: Any) -> Iterator[tuple[str, str, str]]:
    """(tag name, commit it marks, message) of every tag."""
    fmt = "%(refname:strip=2)%00%(*objectname)%00%(objectname)%00%(contents)%01"
    for chunk in repo.git.for_each_ref(f"--format={fmt}", "refs/tags").split("\x01"):
        if chunk.strip():
            tag, peeled, target, contents = chunk.lstrip("\n").split("\0", 3)
            yield tag, peeled or target, contents


def fsck(repo: Any) -> list[str]:
    git = git_module()
    try:
        repo.git.fsck("--no-dangling", "--no-progress")
    except git.exc.GitCommandError as exc:
        return [git_detail(exc)]
    return []
