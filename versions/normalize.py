"""The comparison form of Japanese text: width, quotes and spaces folded, original kept elsewhere.

Only layout noise is folded. A changed digit, kanji or ◎ survives normalization, so that
1億円→7億円 is still a change.
"""

from __future__ import annotations

import re
import unicodedata

# Spaces between two non-ASCII characters carry no meaning in Japanese (｢…機能 を構築する｣);
# between two ASCII words they do (Brain Computer Interface).
_SPACE_RE = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


def normalize(text: str) -> str:
    """NFKC (full/half width, ｢｣→「」), then fold white space."""
    folded = unicodedata.normalize("NFKC", text)
    parts = _SPACE_RE.split(folded.strip())
    if len(parts) <= 1:
        return parts[0] if parts else ""
    out = [parts[0]]
    for part in parts[1:]:
        if not part:
            continue
        left, right = out[-1][-1:], part[:1]
        keep = bool(_ASCII_WORD.match(left) and _ASCII_WORD.match(right))
        out.append((" " if keep else "") + part)
    return "".join(out)


def join_wrapped(lines: list[str]) -> str:
    """Join lines a PDF wrapped, restoring the space only where two latin words met."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out and re.match(r"[A-Za-z]", out[-1]) and re.match(r"[A-Za-z]", line[0]):
            out += " "
        out += line
    return out


def display_width(text: str) -> float:
    """Width in full-width cells; PDF columns are told apart by it."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)
