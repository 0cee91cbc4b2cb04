"""Stable ids of the engine's records, for review marks and the JSON contract: the same across runs
and re-parses of the same two sources, since they hash the change's content and both sources' sha256,
never a position (no row number, no measure id). This is the one place ids are made.

Two records with the same content (the same budget sentence cited in two rows) are told apart by
their order among equals, which depends on nothing but that content either.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from .diff import Diff
from .model import BudgetChange, MeasureChange, Rename
from .reasons import warning_text, words

ID_HEX = 10  # 40 bits: a collision among the few thousand records of one pair is not a practical risk


def change_id(prefix: str, old_sha256: str, new_sha256: str, *content: object) -> str:
    """PREFIX-<hex> of the sources and the content."""
    text = "\x1f".join([old_sha256, new_sha256, *(str(c) for c in content)])
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:ID_HEX]}"


def measure_content(m: MeasureChange) -> list[object]:
    old = ["".join(t for op, t in f.ops if op != "+") for f in m.fields]
    new = ["".join(t for op, t in f.ops if op != "-") for f in m.fields]
    return [m.status, m.goal, *old, *new]


def budget_content(b: BudgetChange) -> list[object]:
    sides = [(s.kind, s.yen, s.part_of, s.text, s.fiscal_year) if s else None for s in (b.old, b.new)]
    return [b.status, b.program, b.fiscal_year, *sides]


def rename_content(r: Rename) -> list[object]:
    return [r.old, r.new, r.evidence, r.text or words(r.reasons, listed=True)]


def follow_through_content(e: Any) -> list[object]:
    again = e.promised_again.text if e.promised_again else None
    return [e.plan.text, e.outcome, tuple(r.text for r in e.results), again]


def unplanned_content(u: Any) -> list[object]:
    return [u.result.text]


def trajectory_content(t: Any) -> list[object]:
    return [t.names, tuple((p.edition, p.fiscal_year, p.kind, p.yen, p.part_of, p.name) for p in t.points)]


def event_content(e: Any) -> list[object]:
    return [e.event, e.program, e.successor, e.evidence.text if e.evidence else None]


def warning_content(w: Any) -> list[object]:
    return [w.code, w.edition, warning_text(w)]


# (Diff field, id prefix, what the id hashes)
LAYERS: tuple[tuple[str, str, Callable[[Any], list[object]]], ...] = (
    ("measures", "m", measure_content),
    ("budgets", "b", budget_content),
    ("renames", "r", rename_content),
    ("follow_through", "ft", follow_through_content),
    ("unplanned_results", "un", unplanned_content),
    ("budget_trajectories", "bt", trajectory_content),
    ("program_events", "ev", event_content),
    ("warnings", "wa", warning_content),
)
LEDGER_LAYERS = ("follow_through", "unplanned_results")  # what an auditor's follow-through link names


def is_ledger_id(ident: str) -> bool:
    """A follow-through entry's or an unplanned result's id (ft-…, un-…), told from a measure id by its prefix."""
    return ident.startswith(tuple(f"{prefix}-" for name, prefix, _ in LAYERS if name in LEDGER_LAYERS))


def step_id(trajectory_id: str, step: Any) -> str:
    """A budget step's id: its trajectory's and what the step compares (a step has no record of its own)."""
    return change_id("bs", trajectory_id, "", step.type, step.fiscal_year, step.from_fiscal_year, step.from_kind,
                     step.to_kind)


def _unique(base: Sequence[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for b in base:
        seen[b] = seen.get(b, 0) + 1
        out.append(b if seen[b] == 1 else f"{b}.{seen[b]}")
    return out


def with_ids(diff: Diff) -> Diff:
    """DIFF with an id on every record of every layer."""
    o, n = diff.old.source_sha256, diff.new.source_sha256
    changed = {}
    for name, prefix, content in LAYERS:
        records = getattr(diff, name)
        ids = _unique([change_id(prefix, o, n, *content(r)) for r in records])
        changed[name] = tuple(replace(r, id=i) for r, i in zip(records, ids, strict=True))
    return replace(diff, **changed)
