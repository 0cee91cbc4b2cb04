"""Compiled report templates kept between processes (Jinja2's bytecode cache).

Compiling the report's templates costs more than rendering a report from them (the seed pair: 0.14 s
against 0.01 s), and each `policydiff diff --format html` is a new process. Jinja2 keeps the compiled
code in a directory of the user's own (`_jinja2-cache-<uid>` in the temporary directory, created
private and refused if anyone else owns it or may write it), keyed by each template's name and
checked against its source. A cache that cannot be used is no error: the templates are compiled.
"""

from __future__ import annotations

import contextlib
from typing import Any


def bytecode_cache() -> Any:
    """A jinja2 FileSystemBytecodeCache that never fails a render, or None where none can be made."""
    import jinja2

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError, TypeError):  # unreadable or damaged: compile anew
                bucket.reset()

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            with contextlib.suppress(OSError):  # read-only or full: the next process compiles again
                super().dump_bytecode(bucket)

    try:
        return QuietCache()
    except (OSError, RuntimeError):  # no private directory to be had
        return None
