"""Names and records of archived editions: what a valid document or edition name is, the tag message
that records an edition (source, sha256, parser), and the StoredEdition read back from it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..model.errors import ArchiveError

NAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")  # document "gyoukaku", edition "r6-2024.1"
EXT_RE = re.compile(r"[a-z0-9]{1,10}")  # "pdf", "txt": anything else is stored as .txt
COUNT_KEY_RE = re.compile(r"[a-z][a-z0-9_]{0,31}")  # "measures", "budget_lines"
RECORD_KEYS = ("source", "sha256", "parser")
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{dev}{n}" for dev in ("com", "lpt") for n in range(1, 10)}
)


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


def name_problem(value: object) -> str | None:
    if not isinstance(value, str) or not NAME_RE.fullmatch(value):
        return "use 1-64 characters a-z 0-9 . _ - starting with a lowercase letter or digit"
    if ".." in value or value.endswith((".", ".lock")):
        return "it may not contain '..' or end with '.' or '.lock'"  # git ref and Windows rules
    if value.split(".")[0] in WINDOWS_RESERVED:
        return "it is a reserved device name on Windows"
    return None


def check_name(value: str, what: str) -> str:
    """Refuse names that could escape the archive, clash on Windows or make an invalid git ref."""
    problem = name_problem(value)
    if problem:
        raise ArchiveError(f"invalid {what} {value!r}: {problem}")
    return value


def field(text: str) -> str:
    """Keep record values on one line so a crafted file name cannot forge record keys."""
    return "".join(ch if ch.isprintable() else "?" for ch in text).strip()[:200]


# A backslash escape in a record value: \\ \xHH \uHHHH \UHHHHHHHH (escape_field writes them).
ESCAPE_RE = re.compile(r"\\(\\|x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8})")


def escape_field(text: str) -> str:
    """A record value on one printable line that unescape_field turns back into TEXT exactly: a crafted
    file name cannot forge record keys, and a name with a tab, U+3000, NBSP, a bidi control, ESC or
    U+FFFF survives (replacing them, as `field` does, made verify flag the untouched edition)."""
    out = []
    for i, ch in enumerate(text):
        if ch == "\\":
            out.append("\\\\")
        elif not ch.isprintable() or (ch == " " and i in (0, len(text) - 1)):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


def unescape_field(text: str) -> str:
    return ESCAPE_RE.sub(lambda m: "\\" if m[1] == "\\" else chr(int(m[1][1:], 16)), text)


def stem(path: str) -> str:
    return PurePosixPath(path).stem


def extension(source_name: str) -> str:
    ext = PurePosixPath(source_name).suffix.lower().lstrip(".")
    return ext if EXT_RE.fullmatch(ext) else "txt"


def record_message(title: str, source_name: str, sha256: str, parser: str, counts: dict[str, int]) -> str:
    lines = [f"source: {source_name}", f"sha256: {sha256}", f"parser: {parser}"]
    lines += [f"{key}: {counts[key]}" for key in sorted(counts)]
    return f"{title}\n\n" + "\n".join(lines) + "\n"


def parse_record(message: str) -> dict[str, str]:
    record: dict[str, str] = {}
    for line in message.splitlines()[1:]:
        key, sep, value = line.partition(": ")
        if sep and key not in record:
            record[key] = value.strip()
    return record
