"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..model.errors import PolicydiffError

TMP_PREFIX = ".pd-tmp-"  # temp files left by a killed writer are recognised by this prefix


def write_atomic(path: Path, data: bytes, before_rename: Callable[[], None] | None = None) -> None:
    """Temp file in the same directory, fsync, rename, fsync the directory. Raises OSError.

    BEFORE_RENAME runs once the temp file is written (the archive's fault-injection test hook)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), 0o644)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if before_rename is not None:
            before_rename()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_file_atomic(path: Path, data: bytes) -> None:
    """Write a user-named output (-o FILE) where the user means, as coreutils and the shell do.

    A regular file (or a new name) is replaced atomically. A symlink is followed: its file is
    replaced, the link stays (a dangling link is refused, as `cp` refuses to write through one). A
    FIFO or a character device (/dev/null, a terminal) is written through, never replaced: as root,
    replacing /dev/null with a regular file breaks the machine. A block device, a socket or a
    directory is refused. Any OSError becomes a one-line error."""
    path = Path(path)
    try:
        if path.is_symlink():
            real = Path(os.path.realpath(path))
            if not real.exists():
                raise PolicydiffError(f"cannot write {path}: it is a symlink to {real}, which does not exist")
            path = real
        mode = path.stat().st_mode if path.exists() else None
        if mode is None or stat.S_ISREG(mode):
            write_atomic(path, data)
        elif stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            with open(path, "wb") as out:  # the way `> /dev/null` and `> fifo` write
                out.write(data)
        else:
            kind = "directory" if stat.S_ISDIR(mode) else "block device" if stat.S_ISBLK(mode) else "special file"
            raise PolicydiffError(f"cannot write {path}: it is a {kind}, not a file")
    except OSError as exc:
        raise PolicydiffError(f"cannot write {path}: {exc.strerror or exc}") from None
