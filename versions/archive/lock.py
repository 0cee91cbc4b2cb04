"""policydiff's own lock on an archive: one writer at a time, across processes on one host.

The lock is `.git/policydiff.lock`, created with O_EXCL and holding "<pid> <host>". A lock whose
holder is gone is broken by exactly one waiter (guarded by `<lock>.break`); a lock from another host
is never broken, since no process there can be seen.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import socket
import time
from collections.abc import Iterator
from pathlib import Path

from ..model.errors import ArchiveError

LOCK_NAME = "policydiff.lock"
STALE_GUARD_AGE = 10.0  # seconds after which an abandoned empty lock or break guard counts as stale


def _one_line(text: object, limit: int = 200) -> str:
    return next((ln.strip() for ln in str(text).splitlines() if ln.strip()), "")[:limit]


def lock_holder_dead(lock: Path) -> bool:
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


def break_stale_lock(lock: Path) -> None:
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
        if lock_holder_dead(lock):
            lock.unlink(missing_ok=True)
    finally:
        os.close(fd)
        guard.unlink(missing_ok=True)


@contextlib.contextmanager
def locked(root: Path, timeout: float, reading: bool = False) -> Iterator[float | None]:
    """Hold the archive's lock; yields the lock file's mtime (None for a read-only archive, which
    nobody can write and so is read as is)."""
    lock = root / ".git" / LOCK_NAME
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except OSError as exc:
            if reading and exc.errno == errno.EROFS:
                yield None
                return
            if not isinstance(exc, FileExistsError):
                raise
            break_stale_lock(lock)
            if time.monotonic() > deadline:
                holder = _one_line(lock.read_text(errors="replace")) if lock.exists() else "?"
                raise ArchiveError(
                    f"archive {root} is busy: {lock} held by {holder} (pid host) "
                    f"for over {timeout:g} s; remove it if that process is gone"
                ) from None
            time.sleep(random.uniform(0.02, 0.1))
    try:
        with os.fdopen(fd, "w") as out:
            out.write(f"{os.getpid()} {socket.gethostname()}\n")
        yield lock.stat().st_mtime
    finally:
        lock.unlink(missing_ok=True)
