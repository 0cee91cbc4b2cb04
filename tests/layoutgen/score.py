"""How an edition read from a generated PDF (or its text) compares with its oracle, row by row.

Both editions become one sequence of rows in print order: the fiscal years, then each vision, goal and
measure, each row a tuple of its folded fields. A reading passes when the sequences are equal. Where
they differ, difflib's blocks say which rows; a differing block is NAMED when a warning of the read
edition (one the oracle does not have too) points at a page and line inside the rows it read there.
Only the public API (policydiff.Edition and its records) is used: the readers are about to move.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Unicode's EquivalentUnifiedIdeograph data as the package ships it (⺠ → 民), read here by path so
# that the harness imports nothing internal.
EQUIVALENTS = ROOT / "versions" / "model" / "equivalent_ideographs.txt"
# What extraction substitutes beyond that table (PDF.md): 〜 for ～, 「‧」 for 「・」, 「∕」 for 「/」,
# − for － between letters; curly quotes fold to straight ones.
LOOK_ALIKES = {"\u301c": "\uff5e", "\u2027": "・", "\u2215": "/", "\u2212": "-", "“": '"', "”": '"',
               "‘": "'", "’": "'"}
_SPACE_RE = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
INF = (10**9, 10**9)


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table = {ord(k): v for k, v in LOOK_ALIKES.items()}
    for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            src, dst = line.split()
            table[int(src, 16)] = chr(int(dst, 16))
    return table


def fold(text: str) -> str:
    """The comparison form: look-alikes, then NFKC (widths, Kangxi radicals, ｢｣), then white space
    dropped except one space between two latin words (as policydiff's normalize does)."""
    folded = unicodedata.normalize("NFKC", (text or "").translate(_table()))
    parts = [p for p in _SPACE_RE.split(folded.strip()) if p]
    out = ""
    for part in parts:
        keep = out and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(part[0])
        out += (" " if keep else "") + part
    return out


def _bullet(b) -> tuple:
    return fold(b.text), tuple((x.yen, x.fiscal_year, x.kind) for x in b.budgets)


def _measure(m, office: bool) -> tuple:
    return ("measure", fold(m.title), fold(m.description), tuple((x.code, x.lead) for x in m.ministries),
            fold(m.office) if office else None,
            tuple(_bullet(b) for b in m.results), tuple(_bullet(b) for b in m.plans))


@dataclass(frozen=True)
class Item:
    key: tuple
    label: str  # m012, g03, v1, years: what a report calls the row
    pos: tuple[int, int]  # (page, line) where the read edition has it


def items(ed, office: bool = False) -> list[Item]:
    """The edition's rows in print order; a measure's 「担当」 office is compared only with OFFICE."""
    out = [Item(("years", ed.results_fy, ed.plans_fy), "years", (0, 0))]
    by_goal: dict[str, list] = {}
    for m in ed.measures:
        by_goal.setdefault(m.goal, []).append(m)
    titles = {v.number: v for v in ed.visions}
    emitted: set[int] = set()
    for g in ed.goals:
        if g.vision not in emitted:
            emitted.add(g.vision)
            v = titles.get(g.vision)
            out.append(Item(("vision", g.vision, fold(v.title) if v else ""), f"v{g.vision}",
                            (v.page, v.line) if v else (g.page, g.line)))
        notes = tuple((fold(n.title), fold(n.text)) for n in g.notes)
        out.append(Item(("goal", g.vision, fold(g.title), g.reposted, g.see_above, notes), g.id, (g.page, g.line)))
        out += [Item(_measure(m, office), m.id, (m.page, m.line)) for m in by_goal.pop(g.id, [])]
    out += [Item(("vision", v.number, fold(v.title)), f"v{v.number}", (v.page, v.line))
            for v in ed.visions if v.number not in emitted]
    out += [Item(_measure(m, office), m.id, (m.page, m.line))
            for ms in by_goal.values() for m in ms]
    return out


def _oracle_items(oracle, offices: tuple[str, ...]) -> list[Item]:
    """The oracle's rows with the offices a layout printed in place of its empty ones."""
    rows = items(oracle, bool(offices))
    if not offices:
        return rows
    it = iter(offices)
    return [Item(r.key[:4] + (fold(next(it, "")),) + r.key[5:], r.label, r.pos) if r.key[0] == "measure" else r
            for r in rows]


def _new_warnings(got, oracle, want: list[Item], have: list[Item], opcodes) -> list:
    """GOT's warnings that the oracle does not have too: the seed's own quirks (first-line-lost,
    typo-oku, m050 without a tag) are warned by every reader and name no layout trouble. A warning is
    the oracle's when its message, with the ids of matched rows put back, is one of the oracle's."""
    back = {have[j].label: want[i].label for op, i1, i2, j1, j2 in opcodes
            if op == "equal" or i2 - i1 == j2 - j1 for i, j in zip(range(i1, i2), range(j1, j2), strict=True)}
    known = Counter((w.code, fold(w.message)) for w in oracle.warnings)
    out = []
    for w in got.warnings:
        key = (w.code, fold(_ROW_ID_RE.sub(lambda m: back.get(m.group(1), "?"), w.message)))
        if known[key] > 0:
            known[key] -= 1
        else:
            out.append(w)
    return out


@dataclass(frozen=True)
class Score:
    passed: bool
    measures: int
    expected: int
    differing: int  # rows (of the longer side) in blocks that differ
    unwarned: int  # of those, rows in blocks no warning names
    example: str  # the first differing row, in one line

    @property
    def silent(self) -> bool:
        return self.unwarned > 0


def score(got, oracle, offices: tuple[str, ...] = ()) -> Score:
    """GOT (the edition a reader made) against ORACLE (the text reader's edition of the source)."""
    want = _oracle_items(oracle, offices)
    have = items(got, bool(offices))
    matcher = difflib.SequenceMatcher(None, [x.key for x in want], [x.key for x in have], autojunk=False)
    where = _Where(have, _new_warnings(got, oracle, want, have, matcher.get_opcodes()))
    differing = unwarned = 0
    example = ""
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        differing += max(i2 - i1, j2 - j1)
        unwarned += _unwarned(where, i2 - i1, j1, j2)
        example = example or _describe(want, have, (i1, min(i2, i1 + 1)), (j1, min(j2, j1 + 1)))
    n = sum(1 for x in have if x.key[0] == "measure")
    expected = sum(1 for x in want if x.key[0] == "measure")
    return Score(differing == 0, n, expected, differing, unwarned, example)


def _unwarned(where: _Where, lost: int, j1: int, j2: int) -> int:
    """The differing rows of a block no warning names: each row read (HAVE[j1:j2]) needs a warning of
    its own; the oracle's rows beyond those (LOST, rows the reading dropped or merged) need one in the
    block, or on the row read just before it."""
    unnamed = sum(1 for j in range(j1, j2) if not where.named((j, j + 1)))
    surplus = max(0, lost - (j2 - j1))
    return unnamed + (surplus if surplus and not where.named((j1, j2)) else 0)


class _Where:
    """Which warnings point at which rows of HAVE. A warning names a row when its message gives the
    row's id (m012, g03), or when its page and line fall between the row's and the next row's. Where
    the reader's lines are not increasing through the document (today's PDF reader counts lines within
    a cell), page and line cannot place a row: a warning on a page the rows are on counts."""

    def __init__(self, have: list[Item], warnings: list) -> None:
        self.have = have
        body = [x.pos for x in have[1:]]
        self.coarse = any(b <= a for a, b in zip(body, body[1:], strict=False))
        self.points = sorted(self._at((w.page, w.line)) for w in warnings if w.page > 0)
        self.ids = {m for w in warnings for m in _ROW_ID_RE.findall(w.message)}

    def _at(self, pos: tuple[int, int]) -> tuple[int, int]:
        return (pos[0], 0) if self.coarse else pos

    def named(self, span: tuple[int, int]) -> bool:
        j1, j2 = span
        rows = self.have[j1:j2] if j1 < j2 else self.have[max(j1 - 1, 0):j1]  # a lost row: the one before
        if any(x.label in self.ids for x in rows):
            return True
        start = self._at(rows[0].pos) if rows else (0, 0)
        end = self._at(self.have[j2].pos) if j2 < len(self.have) else INF
        if self.coarse:
            return any(start <= p <= end for p in self.points)
        return any(start <= p < end for p in self.points) or (start == end and start in self.points)


_ROW_ID_RE = re.compile(r"\b(m\d{3}|g\d{2})\b")


FIELDS = ("kind", "title", "description", "ministries", "office", "results", "plans")


def _describe(want: list[Item], have: list[Item], a: tuple[int, int], b: tuple[int, int]) -> str:
    """The first differing row in words: 'm013 description: 「…」 read as 「…」', 'lost g03', 'extra m060'."""
    old, new = want[a[0]:a[1]], have[b[0]:b[1]]
    if old and new:
        x, y = old[0], new[0]
        if x.key[0] != y.key[0]:
            return f"{x.label} ({x.key[0]}) read as a {y.key[0]} {y.label}: {_short(y.key)}"
        for k, (p, q) in enumerate(zip(x.key, y.key, strict=False)):
            if p != q:
                name = FIELDS[k] if x.key[0] == "measure" and k < len(FIELDS) else f"field {k}"
                return f"{x.label} {name}: {_short(p)} read as {_short(q)} (at p{y.pos[0]} l{y.pos[1]})"
    if old:
        return f"lost {', '.join(x.label for x in old[:3])}" + (f" (+{len(old) - 3})" if len(old) > 3 else "")
    return f"extra {', '.join(f'{y.label} {_short(y.key)}' for y in new[:2])}" + (
        f" (+{len(new) - 2})" if len(new) > 2 else "")


def _short(value: object, n: int = 40) -> str:
    text = str(value).replace("\n", " ")
    return f"「{text[:n]}…」" if len(text) > n else f"「{text}」"
