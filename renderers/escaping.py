"""Source text made safe for where a report is read: a terminal, a Markdown comment, a spreadsheet.

A report's strings come from a PDF someone else wrote, or from a file name someone else chose.
Each output has its own way to turn text into action, and one function per output stops it:

A renderer that mixes source strings with its own markup (colours, Markdown) escapes the record it
is given with `escaped(diff, fn)` before it writes a line: every string in it, whatever field a
later change adds, so no source string can reach the output unescaped.

- `reveal`: invisible characters that change what a reader sees (bidi overrides and isolates, the
  direction marks, C0 and C1 controls, ESC among them) become a visible ⟨U+202E⟩, in every format;
  a terminal would otherwise obey ESC (clear the screen, set the window title, forge colours);
- `one_line`: `reveal` with tab and newline shown too, for a name printed on one line;
- `markdown`: `reveal`, then every character CommonMark/GFM reads as markup (HTML, link and image
  syntax, emphasis, code spans, table pipes, autolinks) as a numeric character reference, which both
  Markdown text and the HTML blocks of a comment (<details>) show as the character itself;
- `csv_cell`: the OWASP rule against formula injection: a cell of source text that starts with
  =, +, -, @, tab or CR gets a leading ' (numbers are not source text and stay numbers).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Bidi embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the direction marks
# (U+200E, U+200F, U+061C), C0 controls but tab and newline, DEL, and C1 controls (U+0080–U+009F:
# U+009B is a one-byte CSI that some terminals obey like ESC [).
HIDDEN_RE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Also tab and newline, for strings that must stay on one line (a name, a table cell).
HIDDEN_LINE_RE = re.compile(HIDDEN_RE.pattern[:-1] + "\t\n]")


def _code(m: re.Match[str]) -> str:
    return f"⟨U+{ord(m.group()):04X}⟩"


def reveal(text: str) -> str:
    """Hidden characters as a visible ⟨U+XXXX⟩; tab and newline kept."""
    return HIDDEN_RE.sub(_code, text)


def one_line(text: str) -> str:
    """A name (a file, a program) for one line of a terminal or a log: tab and newline shown too."""
    return HIDDEN_LINE_RE.sub(_code, text)


# What CommonMark/GFM may read as markup inside a line: HTML and entities (< > &), link and image
# syntax ([ ]: without them ( ) and ! are text), emphasis and strike (* _ ~), code spans (`),
# backslash escapes (\), table cells (|), autolinks (the : of https://, mailto:// and the like, the @ of an address, the
# dot of www.). A source string never starts a line of ours, so # > - + need nothing.
MARKDOWN_RE = re.compile(r"[<>&\[\]*_~`\\|@]|:(?=//)|(?<=www)\.", re.IGNORECASE)


def markdown(text: str) -> str:
    """Source text for Markdown (also inside <details>/<summary>): shown as written, never as markup.

    Newlines become spaces: a blank line would end the HTML block a measure sits in.
    """
    shown = HIDDEN_LINE_RE.sub(lambda m: " " if m.group() in "\n\t" else _code(m), text)
    return MARKDOWN_RE.sub(_reference, shown)


def _reference(m: re.Match[str]) -> str:
    # GitHub links an address after decoding references (a&#64;b.c is still mailto:a@b.c): an empty
    # <wbr> (kept by GitHub's sanitizer, invisible) after the @ leaves no address to find.
    return "@<wbr>" if m.group() == "@" else f"&#{ord(m.group())};"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may read as a formula (OWASP)


def csv_cell(value: object) -> object:
    """A CSV cell: source text that a spreadsheet would run as a formula gets a leading '.

    Only strings are touched: ints and floats (a negative delta) are numbers, written as numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def escaped(record: T, fn: Callable[[str], str]) -> T:
    """RECORD (frozen dataclasses, tuples, lists, dicts, as a Diff is) with FN applied to every string
    in it, keys and values; numbers, booleans and None unchanged. The record itself is not changed.

    A dataclass or plain tuple in which FN changes no string is returned as it is, not rebuilt: most
    source strings hold nothing to escape, and rebuilding every record of a Diff (each measure's
    comparison forms computed again) was most of a text or Markdown report's time."""
    memo: dict[int, object] = {}

    def walk(x: object) -> object:
        if isinstance(x, str):
            y = fn(x)
            return x if y == x else y
        if x is None or isinstance(x, (int, float)):
            return x
        if id(x) in memo:
            return memo[id(x)]
        if dataclasses.is_dataclass(x) and not isinstance(x, type):
            names = _init_fields(type(x))
            values = {name: walk(getattr(x, name)) for name in names}
            same = all(values[name] is getattr(x, name) for name in names)
            out: object = x if same else dataclasses.replace(x, **values)
        elif isinstance(x, tuple):
            items = tuple(walk(v) for v in x)
            # a named tuple is rebuilt as a plain tuple, as it always was
            same = type(x) is tuple and all(a is b for a, b in zip(items, x, strict=True))
            out = x if same else items
        elif isinstance(x, list):
            out = [walk(v) for v in x]
        elif isinstance(x, dict):
            out = {walk(k): walk(v) for k, v in x.items()}
        else:
            out = x
        memo[id(x)] = out
        return out

    return walk(record)  # type: ignore[return-value]


_INIT_FIELDS: dict[type, tuple[str, ...]] = {}


def _init_fields(cls: type) -> tuple[str, ...]:
    """The fields a dataclass's __init__ takes (those dataclasses.replace sets), looked up once per class."""
    if cls not in _INIT_FIELDS:
        _INIT_FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    return _INIT_FIELDS[cls]


def json_text(text: str) -> str:
    """JSON (as json.dumps writes it, C0 already as \\u0000) with C1 and bidi controls as \\uXXXX too:
    the same data for a parser, nothing a terminal obeys when it is printed. They can only stand
    inside strings, where \\uXXXX means the character itself."""
    return HIDDEN_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def xml_text(text: str) -> str:
    """XML with C1 and bidi controls as character references (&#x202E;): the same document for a
    parser, nothing a terminal obeys. (XML cannot hold C0 controls at all.)"""
    return HIDDEN_RE.sub(lambda m: f"&#x{ord(m.group()):X};", text)
