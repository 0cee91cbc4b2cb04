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
from os.path import commonprefix

from ..versions.model.normalize import normalize
from . import work
from .model import Op
from .work import STEP_MAX

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
_PUA_START = 0xF0000  # supplementary private use areas: room for 131,072 distinct tokens
_PUA_SIZE = 0x110000 - _PUA_START
# Units (tokens, or sentences) of the changed middle beyond which no exact diff is tried: the edit
# distance that prices the work is itself quadratic (bit-parallel) in them.
UNITS_MAX = 40_000


def tokenize(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


@cache
def _dmp():
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # the 1 s default makes output depend on machine load
    return dmp


def diff_text(old: str, new: str) -> tuple[Op, ...]:
    """Ops that rebuild OLD from '='/'-' and NEW from '='/'+'.

    On tokens when the work fits the budget (work.py); else on sentences; else the common head and
    tail kept and the middle replaced whole, which is linear whatever the input.
    """
    if old == new:
        return (("=", old),) if old else ()
    for split in (tokenize, sentences):
        units = list(dict.fromkeys(split(old) + split(new)))
        if len(units) > _PUA_SIZE:
            continue  # more distinct units than one character each can stand for
        table = {unit: chr(_PUA_START + k) for k, unit in enumerate(units)}
        a = "".join(table[u] for u in split(old))
        b = "".join(table[u] for u in split(new))
        diffs = _bounded_diff(a, b)
        if diffs is not None:
            return _ops(diffs, units)
    return _ops(_head_and_tail(old, new), None)


# A sentence, or the rest of a line: the unit of the fallback for texts too long to diff on tokens.
SENTENCE_RE = re.compile(r"[^。\n]*[。\n]|[^。\n]+")  # 「…を推進した。」


def sentences(text: str) -> list[str]:
    return SENTENCE_RE.findall(text)


def _head_and_tail(a: str, b: str) -> list[tuple[int, str]]:
    """Common head and tail kept, the middle replaced: linear, for work the budget refused (on the
    text itself, so the middle may start inside a token: the ops still rebuild both sides)."""
    head = len(commonprefix([a, b]))
    tail = len(commonprefix([a[head:][::-1], b[head:][::-1]]))
    out = [(0, a[:head]), (-1, a[head : len(a) - tail]), (1, b[head : len(b) - tail]), (0, a[len(a) - tail :])]
    return [(code, chunk) for code, chunk in out if chunk]


def _bounded_diff(a: str, b: str) -> list[tuple[int, str]] | None:
    """diff-match-patch on encoded units if its work, (N + M) × D for Myers' algorithm with D the
    edit distance (computed first, bit-parallel in rapidfuzz), fits the budget; else None."""
    from rapidfuzz.distance import Indel

    head = len(commonprefix([a, b]))
    tail = len(commonprefix([a[head:][::-1], b[head:][::-1]]))
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    n = len(mid_a) + len(mid_b)
    if n > UNITS_MAX:
        work.take(STEP_MAX + 1)  # counted as refused
        return None
    if not work.take(n * max(1, Indel.distance(mid_a, mid_b)) if mid_a and mid_b else n):
        return None
    dmp = _dmp()
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    return diffs


def _ops(diffs: list[tuple[int, str]], units: list[str] | None) -> tuple[Op, ...]:
    """Decoded ops (UNITS None: the chunks are text already), neighbours of one kind merged."""
    ops: list[Op] = []
    symbol = {0: "=", -1: "-", 1: "+"}
    for code, chunk in diffs:
        text = chunk if units is None else "".join(units[ord(c) - _PUA_START] for c in chunk)
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
    """0..1 similarity of two normalized texts (rapidfuzz's normalized Indel ratio).

    Its cost grows with len(a) × len(b) (bit-parallel): two bullets of megabytes took minutes. Over
    the work budget (work.py) it is estimated from the characters' counts instead, in linear time:
    an upper bound of the exact ratio, equal to it for texts that differ by substitutions alone.
    """
    from rapidfuzz.fuzz import ratio

    if not a and not b:
        return 1.0
    if len(a) * len(b) > SIMILARITY_FREE and not work.take(len(a) * len(b) // SIMILARITY_CELLS_PER_STEP):
        return _bag_similarity(a, b)
    return ratio(a, b) / 100.0


SIMILARITY_FREE = 1_000_000  # cells below which a similarity costs nothing worth counting
SIMILARITY_CELLS_PER_STEP = 20_000  # cells of the bit-parallel Indel distance per budget step


def _bag_similarity(a: str, b: str) -> float:
    from collections import Counter

    ca, cb = Counter(a), Counter(b)
    common = sum(min(n, cb[c]) for c, n in ca.items())
    return 2 * common / (len(a) + len(b))
