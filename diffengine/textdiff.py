"""Token-level text diff for Japanese: runs of one script class are the units of change.

diff-match-patch diffs characters, and its semantic cleanup treats kanji and kana as word
characters, so 「19億円」→「14億円」 would come out as scattered single characters. Each token
(a run of kanji, hiragana, katakana, digits or latin, or one punctuation mark) is encoded as one
private-use character, diffed, cleaned up, and decoded back to text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..versions.normalize import normalize
from .model import Op

# One token: a run of one script class, or a single other character. Full-width digits and latin
# count with their half-width forms, so 「１９」 is one number token like 「19」.
TOKEN_RE = re.compile(
    r"[0-9０-９]+(?:[.．,，][0-9０-９]+)*"  # digits, with decimal point or thousands separator
    r"|[A-Za-zＡ-Ｚａ-ｚ]+"  # latin
    r"|[\u4e00-\u9fff\u3400-\u4dbf々〆ヶ]+"  # kanji
    r"|[\u3041-\u309f]+"  # hiragana
    r"|[\u30a0-\u30ffー\uff66-\uff9f]+"  # katakana (full and half width), with ー
    r"|\s+"
    r"|.",
    re.S,
)
_PUA_START = 0xF0000  # supplementary private use area: room for 130,000 distinct tokens


def tokenize(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


@cache
def _dmp():
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # the 1 s default makes output depend on machine load
    return dmp


def diff_text(old: str, new: str) -> tuple[Op, ...]:
    """Ops that rebuild OLD from '='/'-' and NEW from '='/'+'."""
    if old == new:
        return (("=", old),) if old else ()
    table: dict[str, str] = {}
    tokens: list[str] = []

    def encode(text: str) -> str:
        out = []
        for tok in tokenize(text):
            if tok not in table:
                table[tok] = chr(_PUA_START + len(tokens))
                tokens.append(tok)
            out.append(table[tok])
        return "".join(out)

    dmp = _dmp()
    diffs = dmp.diff_main(encode(old), encode(new), False)
    dmp.diff_cleanupSemantic(diffs)
    ops: list[Op] = []
    symbol = {0: "=", -1: "-", 1: "+"}
    for code, chunk in diffs:
        text = "".join(tokens[ord(c) - _PUA_START] for c in chunk)
        op = symbol[code]
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        elif text:
            ops.append((op, text))  # type: ignore[arg-type]
    return tuple(ops)


def rebuild(ops: Sequence[Op]) -> tuple[str, str]:
    old = "".join(t for op, t in ops if op != "+")
    new = "".join(t for op, t in ops if op != "-")
    return old, new


def is_format_only(old: str, new: str) -> bool:
    """Different as printed, equal once width, quotes, spaces and line wrapping are folded."""
    return old != new and normalize(old) == normalize(new)


def similarity(a: str, b: str) -> float:
    """0..1 similarity of two normalized texts (rapidfuzz's normalized Indel ratio)."""
    from rapidfuzz.fuzz import ratio

    if not a and not b:
        return 1.0
    return ratio(a, b) / 100.0
