"""Stable ids of the engine's records, for review marks: the same across runs and re-parses of the same
two sources, since they hash the change's content and both sources' sha256, never a position.

Two records with the same content (the same budget sentence cited in two rows) are told apart by
their order among equals, which depends on nothing but that content either.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from .model import BudgetChange, Diff, MeasureChange, Rename

ID_HEX = 10  # 40 bits: a collision among the few hundred changes of one pair is not a practical risk


def change_id(prefix: str, old_sha256: str, new_sha256: str, *content: object) -> str:
    """PREFIX-<hex>: 'm' a measure, 'b' a budget line, 'r' a rename or succession."""
    text = "\x1f".join([old_sha256, new_sha256, *(str(c) for c in content)])
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:ID_HEX]}"


def _texts(m: MeasureChange) -> list[str]:
    old = ["".join(t for op, t in f.ops if op != "+") for f in m.fields]
    new = ["".join(t for op, t in f.ops if op != "-") for f in m.fields]
    return [m.status, m.goal, *old, *new]


def measure_content(m: MeasureChange) -> list[object]:
    return _texts(m)


def budget_content(b: BudgetChange) -> list[object]:
    sides = [(s.kind, s.yen, s.part_of, s.text, s.fiscal_year) if s else None for s in (b.old, b.new)]
    return [b.status, b.program, b.fiscal_year, *sides]


def rename_content(r: Rename) -> list[object]:
    return [r.old, r.new, r.evidence, r.text]


def _unique(base: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for b in base:
        seen[b] = seen.get(b, 0) + 1
        out.append(b if seen[b] == 1 else f"{b}.{seen[b]}")
    return out


def with_ids(diff: Diff) -> Diff:
    """DIFF with an id on every measure, budget and rename record."""
    o, n = diff.old.source_sha256, diff.new.source_sha256
    m_ids = _unique([change_id("m", o, n, *measure_content(m)) for m in diff.measures])
    b_ids = _unique([change_id("b", o, n, *budget_content(b)) for b in diff.budgets])
    r_ids = _unique([change_id("r", o, n, *rename_content(r)) for r in diff.renames])
    return replace(
        diff,
        measures=tuple(replace(m, id=i) for m, i in zip(diff.measures, m_ids, strict=True)),
        budgets=tuple(replace(b, id=i) for b, i in zip(diff.budgets, b_ids, strict=True)),
        renames=tuple(replace(r, id=i) for r, i in zip(diff.renames, r_ids, strict=True)),
    )
