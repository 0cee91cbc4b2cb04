"""JSON that a reviewer did not write: a review file of a received archive, a marks file to import.

Both are read as hostile. Every value's type, size and depth is checked before it is used, never
printed or repr()'d (a note nested 50,000 objects deep has no repr), and each problem is one line:
an ArchiveError for a file in the archive (`verify` lists it, `repair` sets it aside), a
PolicydiffError for a file given on the command line. The limits a writer keeps (a note of 2,000
characters) are checked on read too: a forged file is not a way around them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..model.errors import PolicydiffError

MAX_NOTE = 2000  # characters of a note: a sign-off sheet, not a document store
MAX_ID = 200  # characters of a change or measure id (ours are m004, b-1a2b3c4d5e, ft-…: a dozen)
MAX_NAME = 200  # characters of a reviewer's name (reviewer() keeps this many)
MAX_SUMMARY = 1000  # characters of what a marked change was (kept for a mark whose change vanished)
MAX_KIND = 40  # characters of a change's kind (measure, budget-step, …)
MAX_RECORDS = 100_000  # links or marks in one file: a pair has a few thousand changes at most
MAX_FILE_BYTES = 32 * 1024 * 1024  # a review or marks file: 100,000 marks with notes of 100 characters
MAX_DIGITS = 40  # a number in a marks file (none is needed; the HTML download has none)
AT_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")  # 2026-12-02T04:00:00Z, as now() writes it
SHA256_RE = re.compile(r"[0-9a-f]{64}")
# An id is one token: no space, no control, no character a terminal or a shell reads.
ID_RE = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f]+")


class Invalid(ValueError):
    """What is wrong with a value, in words a user can act on (raised inside this module only)."""


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise Invalid(f"a number of {len(text.lstrip('-')):,} digits")
    return int(text)


def _no_constant(text: str) -> float:
    raise Invalid(f"{text} is not JSON")


def loads(data: bytes) -> Any:
    """JSON from untrusted bytes, or Invalid: UTF-8 (a BOM allowed), no number over MAX_DIGITS digits
    (a 5,000-digit number is ValueError deep inside int()), no NaN, nesting refused where Python's
    parser would recurse too deep (an array nested 100,000 deep)."""
    if len(data) > MAX_FILE_BYTES:
        raise Invalid(f"{len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid(f"not UTF-8 (byte {exc.start:,})") from None
    try:
        return json.loads(text, parse_int=_bounded_int, parse_constant=_no_constant)
    except Invalid:
        raise
    except RecursionError:
        raise Invalid("JSON nested too deep") from None
    except ValueError as exc:  # json.JSONDecodeError among them
        raise Invalid(f"not valid JSON ({str(exc).splitlines()[0][:120]})") from None


def kind_of(value: Any) -> str:
    """A value's JSON type in words, never its content (which may be huge or nested without end)."""
    return {dict: "an object", list: "an array", str: "text", bool: "true/false", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def text(value: Any, what: str, limit: int, pattern: re.Pattern[str] | None = None, empty: bool = True) -> str:
    """VALUE as a string of at most LIMIT characters that UTF-8 can hold, matching PATTERN; else Invalid."""
    if not isinstance(value, str):
        raise Invalid(f"{what} must be text, not {kind_of(value)}")
    if len(value) > limit:
        raise Invalid(f"{what} has {len(value):,} characters; the limit is {limit:,}")
    if not value and not empty:
        raise Invalid(f"{what} is empty")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # "\ud800": a lone surrogate, which no UTF-8 file can hold
        raise Invalid(f"{what} holds U+{ord(value[exc.start]):04X}, which is not a character (a lone surrogate)") from None
    if pattern is not None and value and not pattern.fullmatch(value):
        shown = pattern.pattern if pattern.pattern.isascii() and pattern.pattern.isprintable() else ""
        raise Invalid(f"{what} is not of the form {shown}" if shown else
                      f"{what} holds a {'space or a ' if pattern is ID_RE else ''}control character")
    return value


def items(raw: dict[str, Any], key: str, required: bool = False) -> list[dict[str, Any]]:
    """RAW[KEY] as a list of objects, at most MAX_RECORDS of them; missing or null is empty."""
    value = raw.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise Invalid(f"{key!r} must be an array, not {kind_of(value)}")
    if len(value) > MAX_RECORDS:
        raise Invalid(f"{key!r} has {len(value):,} entries; the limit is {MAX_RECORDS:,}")
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise Invalid(f"{key}[{i}] must be an object, not {kind_of(item)}")
    return value


def user_text(value: str, what: str) -> str:
    """A name or note given on the command line or in the environment, refused when it is not UTF-8:
    Python keeps undecodable bytes as lone surrogates (山田 typed in a Shift_JIS terminal), which no
    record can store. Refused rather than guessed: a signature must read as its writer meant it."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PolicydiffError(f"{what} is not UTF-8 text (typed in a Shift_JIS or EUC-JP terminal?): set the "
                              "terminal or the variable to UTF-8 and give it again") from None
    return value


def read_marks_file(path: Path, states: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(id, mark, note) from a marks file: the HTML report's download or `review --format json`.
    An id listed twice with the same mark and note counts once; with different ones it is refused
    (which should win is not for policydiff to guess)."""
    from ..readers.load import read_input

    try:
        data = read_input(Path(path), MAX_FILE_BYTES)
        raw = loads(data)
        found = _marks(raw, states)
    except Invalid as exc:
        raise PolicydiffError(f"{path} is not a marks file: {exc}") from None
    except PolicydiffError as exc:
        if "limit is" in str(exc):
            raise PolicydiffError(f"{path} is not a marks file: over {MAX_FILE_BYTES:,} bytes") from None
        raise
    out: dict[str, tuple[str, str, str]] = {}
    for ident, state, note in found:
        if ident in out and out[ident] != (ident, state, note):
            raise PolicydiffError(f"{path} marks {ident} twice, differently ({out[ident][1]}, {state}): keep one")
        out[ident] = (ident, state, note)
    return list(out.values())


def _marks(raw: Any, states: tuple[str, ...]) -> list[tuple[str, str, str]]:
    if not isinstance(raw, dict):
        raise Invalid(f"an object with a list of marks was expected, not {kind_of(raw)}")
    key = "marks" if "marks" in raw else "changes"
    out = []
    for i, item in enumerate(items(raw, key, required=True)):
        ident = text(item.get("id"), f"{key}[{i}].id", MAX_ID, ID_RE, empty=False)
        state = item.get("mark")
        if state is None:
            continue  # an unmarked change of a review listing
        if state not in states:
            shown = text(state, f"the mark of {ident}", 40) if isinstance(state, str) else kind_of(state)
            raise Invalid(f"mark {shown!r} of {ident}: choose from {', '.join(states)}")
        note = item.get("note")
        out.append((ident, state, "" if note is None else text(note, f"the note of {ident}", MAX_NOTE)))
    return out
