"""What changed inside a pair of measures: title, description, ministries, results and plans.

Bullets are aligned first (order kept, dissimilar ones become a deletion plus an insertion), then
each pair is diffed on tokens. A column's ops rebuild the column text: bullets joined with \\n.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..versions.model import Bullet, Measure, Ministry
from ..versions.normalize import normalize
from .model import BulletChange, FieldChange, FieldName, Op
from .textdiff import diff_text, is_format_only, similarity

BULLET_PAIR_MIN = 0.35  # below this, two bullets are a deletion and an insertion, not an edit
BULLET_PAIRS_MAX = 40_000  # old × new bullets above which a column is aligned on equal bullets first


def ministries_text(ms: Sequence[Ministry]) -> str:
    """The tag as a canonical string, so a wrapped or damaged ［…］ is no change but a moved ◎ is."""
    return "、".join(("◎" if m.lead else "") + m.code for m in ms)


def align_bullets(old: Sequence[Bullet], new: Sequence[Bullet]) -> list[tuple[int | None, int | None]]:
    """Order-keeping alignment maximizing similarity (Needleman-Wunsch, no gap cost)."""
    a = [normalize(b.text) for b in old]
    b = [normalize(x.text) for x in new]
    if len(a) * len(b) <= BULLET_PAIRS_MAX:
        return _best_alignment(a, b)
    return _large_alignment(a, b)


def _large_alignment(a: list[str], b: list[str]) -> list[tuple[int | None, int | None]]:
    """Columns too long to score every pair: equal bullets anchor the alignment (common ends, then
    difflib's matching blocks), and only the blocks between anchors small enough get the exact one.
    Scoring every pair made diff(a, a) of a row with 20,000 bullets take ten minutes (fuzz)."""
    from difflib import SequenceMatcher

    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    out: list[tuple[int | None, int | None]] = [(k, k) for k in range(head)]
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, mid_a, mid_b).get_opcodes():
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        if tag == "equal":
            out += [(i1 + k, j1 + k) for k in range(i2 - i1)]
        elif (i2 - i1) * (j2 - j1) <= BULLET_PAIRS_MAX:
            out += [(None if i is None else i1 + i, None if j is None else j1 + j)
                    for i, j in _best_alignment(a[i1:i2], b[j1:j2])]
        else:
            out += [(i, None) for i in range(i1, i2)] + [(None, j) for j in range(j1, j2)]
    out += [(len(a) - tail + k, len(b) - tail + k) for k in range(tail)]
    return out


def _best_alignment(a: list[str], b: list[str]) -> list[tuple[int | None, int | None]]:
    n, m = len(a), len(b)
    sim = [[similarity(a[i], b[j]) for j in range(m)] for i in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = best[i + 1][j + 1] + sim[i][j] if sim[i][j] >= BULLET_PAIR_MIN else -1.0
            best[i][j] = max(pair, best[i + 1][j], best[i][j + 1])
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= BULLET_PAIR_MIN and best[i][j] == best[i + 1][j + 1] + sim[i][j]:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            out.append((i, None))
            i += 1
        else:
            out.append((None, j))
            j += 1
    out += [(k, None) for k in range(i, n)] + [(None, k) for k in range(j, m)]
    return out


def _merge(ops: list[Op], op: str, text: str) -> None:
    if not text:
        return
    if ops and ops[-1][0] == op:
        ops[-1] = (op, ops[-1][1] + text)  # type: ignore[assignment]
    else:
        ops.append((op, text))  # type: ignore[arg-type]


def column_change(name: FieldName, old: Sequence[Bullet], new: Sequence[Bullet]) -> FieldChange:
    pairs = align_bullets(old, new)
    ops: list[Op] = []
    bullets: list[BulletChange] = []
    seen_old = seen_new = False
    for i, j in pairs:
        sep_old, sep_new = seen_old and i is not None, seen_new and j is not None
        if sep_old and sep_new:
            _merge(ops, "=", "\n")
        elif sep_old:
            _merge(ops, "-", "\n")
        elif sep_new:
            _merge(ops, "+", "\n")
        if i is not None and j is not None:
            item_ops = diff_text(old[i].text, new[j].text)
            fmt = is_format_only(old[i].text, new[j].text)
        elif i is not None:
            item_ops, fmt = (("-", old[i].text),), False
        else:
            item_ops, fmt = (("+", new[j].text),), False  # type: ignore[index]
        for op, text in item_ops:
            _merge(ops, op, text)
        bullets.append(BulletChange(i, j, tuple(item_ops), fmt))
        seen_old |= i is not None
        seen_new |= j is not None
    edited = [b for b in bullets if any(op != "=" for op, _ in b.ops)]
    return FieldChange(name, bool(edited) and all(b.format_only for b in edited), tuple(ops), tuple(bullets))


def text_change(name: FieldName, old: str, new: str) -> FieldChange:
    if old == new:
        return FieldChange(name, False, (("=", old),) if old else ())
    return FieldChange(name, is_format_only(old, new), diff_text(old, new))


_EMPTY = Measure("", 0, "", "", "", (), "", (), (), False, False, 0, 0)


def measure_fields(old: Measure | None, new: Measure | None) -> tuple[FieldChange, ...]:
    """All five fields; an added (or removed) measure is all insertion (or deletion)."""
    o, n = old or _EMPTY, new or _EMPTY
    return (
        text_change("title", o.title, n.title),
        text_change("description", o.description, n.description),
        text_change("ministries", ministries_text(o.ministries), ministries_text(n.ministries)),
        column_change("results", o.results, n.results),
        column_change("plans", o.plans, n.plans),
    )


def _column_replaced(name: FieldName, old: Sequence[Bullet], new: Sequence[Bullet]) -> FieldChange:
    """A column rewritten for another year: the old text out, the new in, no character redline."""
    a, b = "\n".join(x.text for x in old), "\n".join(x.text for x in new)
    if a == b:
        return FieldChange(name, False, (("=", a),) if a else ())
    ops = tuple(op for op in (("-", a), ("+", b)) if op[1])
    return FieldChange(name, False, ops)  # type: ignore[arg-type]


def yearly_fields(old: Measure | None, new: Measure | None) -> tuple[FieldChange, ...]:
    """All five fields between editions of different years: the Basic Plan column diffed on tokens,
    results and plans (rewritten every year) whole, never redlined sentence against unrelated sentence;
    the follow-through ledger pairs the bullets that belong together."""
    o, n = old or _EMPTY, new or _EMPTY
    return (
        text_change("title", o.title, n.title),
        text_change("description", o.description, n.description),
        text_change("ministries", ministries_text(o.ministries), ministries_text(n.ministries)),
        _column_replaced("results", o.results, n.results),
        _column_replaced("plans", o.plans, n.plans),
    )
