"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import re
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
    directory is refused. A name of the process's own output (/dev/stdout, /dev/fd/1, /proc/self/fd/1,
    or the very file stdout is redirected to) is written through that descriptor, as the shell does:
    `-o /dev/stdout >> run.log` appends to the log; replacing the file would destroy its earlier lines.
    Any OSError becomes a one-line error."""
    path = Path(path)
    try:
        fd = own_descriptor(path)
        if fd is not None:
            _write_fd(fd, data)
            return
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


# /dev/stdout, /dev/fd/N, /proc/self/fd/N and /proc/<this pid>/fd/N: a descriptor of this process.
FD_PATH_RE = re.compile(r"/(?:dev/fd|proc/(?:self|thread-self|(?P<pid>\d+))/fd)/(?P<fd>\d+)")
STD_NAMES = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


def own_descriptor(path: Path) -> int | None:
    """The descriptor of this process that PATH names, if any: by its name, or because it is the same
    file as stdout or stderr (`-o run.log >> run.log`). None for any other path."""
    name = os.path.normpath(os.path.abspath(path))
    found = FD_PATH_RE.fullmatch(name)
    if name in STD_NAMES:
        fd = STD_NAMES[name]
    elif found and found["pid"] in (None, str(os.getpid())):
        fd = int(found["fd"])
    else:
        try:
            target = path.stat()
        except OSError:
            return None
        for fd in (1, 2):
            try:
                mine = os.fstat(fd)
            except OSError:
                continue
            if stat.S_ISREG(mine.st_mode) and (mine.st_dev, mine.st_ino) == (target.st_dev, target.st_ino):
                return fd
        return None
    try:
        os.fstat(fd)
    except OSError:
        raise PolicydiffError(f"cannot write {path}: descriptor {fd} is not open") from None
    return fd


def _write_fd(fd: int, data: bytes) -> None:
    """All of DATA through descriptor FD, after what Python buffered for it (a line printed before)."""
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and stream.fileno() == fd:
                stream.flush()
        except (OSError, ValueError):
            pass
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
