"""git's own lock files left in an archive by a git process that was killed (`.git/index.lock`,
`HEAD.lock`, `refs/heads/main.lock`, `refs/tags/….lock`), and the `.<archive>.init-*` folders a killed
first ingest leaves beside it.

A git lock left behind makes every later write fail for good ("cannot lock ref"), so policydiff
removes one, but only when it is certainly stale: policydiff's own lock is held (no policydiff writer
runs), the git lock is older than that lock, and no git process works in the archive (a person may run
plain git there). Without /proc no process can be seen, and nothing is removed.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from .lock import LOCK_NAME

INIT_PART = ".init-"  # .<archive>.init-<pid>-<random>: gitstore.create_repo's folder
INIT_STALE_AGE = 3600.0  # seconds after which an init folder counts as abandoned whatever its pid
PROC = Path("/proc")


def git_lock_files(root: Path) -> list[str]:
    """Lock files of git in the archive's .git, as paths relative to the archive ('.git/index.lock')."""
    git_dir = root / ".git"
    found = [p for p in git_dir.glob("*.lock") if not p.name.startswith(LOCK_NAME)]
    found += [p for p in (git_dir / "refs").rglob("*.lock")]
    return sorted(p.relative_to(root).as_posix() for p in found if p.is_file())


def git_processes(root: Path) -> list[int] | None:
    """Pids of git processes working in the archive (cwd or GIT_DIR inside it), other than this
    process's own children; None when processes cannot be seen (no /proc, or one we may not read)."""
    if not PROC.is_dir():
        return None
    me, found = os.getpid(), []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if not (entry / "comm").read_text().strip().startswith("git"):
                continue
            state, parent = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:2]
            if state in ("Z", "X", "x") or int(parent) == me:
                continue  # ended (a zombie not yet reaped holds no lock), or our own git (cat-file --batch)
            places = [os.readlink(entry / "cwd")]
            env = (entry / "environ").read_bytes().split(b"\0")
            places += [os.fsdecode(v.split(b"=", 1)[1]) for v in env if v.startswith((b"GIT_DIR=", b"GIT_WORK_TREE="))]
        except (FileNotFoundError, ProcessLookupError):
            continue  # it ended while we looked (a zombie's environ reads as ESRCH)
        except (PermissionError, ValueError, IndexError):
            return None
        if any(Path(place) == root or root in Path(place).parents for place in places):
            found.append(int(entry.name))
    return found


def stale_git_locks(root: Path, since: float | None) -> tuple[list[str], list[str]]:
    """(stale, kept): the git locks that are certainly stale, given that policydiff's own lock is held
    since SINCE (its mtime; None: not held), and the others."""
    locks = git_lock_files(root)
    if not locks:
        return [], []
    procs = git_processes(root)
    if since is None or procs is None or procs:
        return [], locks
    stale, kept = [], []
    for lock in locks:
        try:
            (stale if (root / lock).stat().st_mtime < since else kept).append(lock)
        except FileNotFoundError:
            continue
    return stale, kept


def why_kept(root: Path, since: float | None) -> str:
    procs = git_processes(root)
    if procs:
        return f"a git process works in the archive (pid {', '.join(map(str, procs[:5]))})"
    if procs is None:
        return "git processes cannot be seen on this system"
    if since is None:
        return "policydiff's own lock is not held"
    return "it was made after policydiff's lock was taken"


def remove_init_leftovers(root: Path) -> list[str]:
    """Remove the .<archive>.init-<pid>-* folders of first ingests whose process is gone."""
    removed = []
    for folder in root.parent.glob(f".{root.name}{INIT_PART}*"):
        pid = folder.name[len(root.name) + 1 + len(INIT_PART):].split("-")[0]
        try:
            old = time.time() - folder.lstat().st_mtime > INIT_STALE_AGE
        except FileNotFoundError:
            continue
        if folder.is_dir() and not folder.is_symlink() and (old or (pid.isdigit() and not _alive(int(pid)))):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
