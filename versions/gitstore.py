"""Git plumbing for the archive: the environment every git command runs in, reading trees and blobs,
publishing a commit with its tags in one ref transaction, and creating a repository.

GitPython is imported lazily: reading XML or diffing never needs git.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .errors import ArchiveError

AUTHOR = ("policydiff", "policydiff@localhost")


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


def git_stdin(repo: Any, data: str, *args: str) -> str:
    with tempfile.TemporaryFile() as stdin:  # Popen needs a real file descriptor
        stdin.write(data.encode("utf-8"))
        stdin.seek(0)
        return repo.git.execute(["git", *args], istream=stdin)


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
        try:
            yield repo
        finally:
            repo.close()


def create_repo(root: Path, readme: str, exists: Callable[[], bool]) -> None:
    """Build the repository beside ROOT and rename it into place, so concurrent first ingests cannot
    both initialise it: the loser's rename fails and it uses the winner's."""
    git = git_module()
    with mapped_errors(root):
        root.parent.mkdir(parents=True, exist_ok=True)
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            if exists():  # another process created it since our caller looked
                return
            raise ArchiveError(f"{root} exists and is not a policydiff archive (see its README.txt)")
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
    repo.git.clean("-q", "-f", "-d", "-x", "--", "reports", "sources")


def publish(repo: Any, head: str, message: str, tags: dict[str, str], fault: Callable[[str], None]) -> None:
    """Commit the index and move HEAD and the tags in one ref transaction: all or nothing."""
    commit = repo.git.commit_tree(repo.git.write_tree(), "-p", head, "--no-gpg-sign", "-m", message)
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
