"""The summary cards of the HTML report: budget lines by class, measures by status.

A card's number is the count every format gives (Diff.summary): an auditor who reads 1 split in the
terminal reads 1 split here, and the card says how many rows the filter of the same name shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..diffengine.diff import Diff
from ..diffengine.model import BudgetChange

if TYPE_CHECKING:
    from .html import MeasureView


def budget_class(b: BudgetChange) -> str:
    if b.status == "added":
        return "new"
    if b.status == "removed":
        return "dropped"
    if b.delta_yen is None:
        return "unknown"
    return "up" if b.delta_yen > 0 else "down" if b.delta_yen < 0 else "flat"


def _comparable_delta(b: BudgetChange) -> int | None:
    """What a line adds to the totals: None for 内数 lines and lines without an amount."""
    sides = [s for s in (b.old, b.new) if s is not None]
    if any(s.part_of for s in sides) or not b.comparable:
        return None
    if b.status == "added":
        return b.new.yen if b.new else None
    if b.status == "removed":
        return -b.old.yen if b.old and b.old.yen is not None else None
    return b.delta_yen


def budget_cards(diff: Diff) -> tuple[list[dict[str, Any]], int]:
    cards = []
    excluded = 0
    for cls in ("up", "down", "new", "dropped", "flat", "unknown"):
        lines = [b for b in diff.budgets if budget_class(b) == cls]
        if not lines and cls in ("flat", "unknown"):
            continue
        deltas = [_comparable_delta(b) for b in lines]
        excluded += sum(1 for b, d in zip(lines, deltas, strict=True) if d is None and _has_amount(b))
        # A total is per fiscal year and kind, never across years (issue 11): a card whose summed
        # lines are of several years or kinds shows its count only.
        summed = [b for b, d in zip(lines, deltas, strict=True) if d is not None]
        one_year = len({(b.fiscal_year, (b.new or b.old).kind) for b in summed}) <= 1  # type: ignore[union-attr]
        cards.append({"cls": cls, "n": len(lines), "total": sum(d for d in deltas if d is not None),
                      "summed": bool(summed) and one_year})
    return cards, excluded


MEASURE_KINDS = ("changed", "added", "removed", "moved", "split", "merged", "format", "unchanged")


def filter_kinds(v: MeasureView) -> tuple[str, ...]:
    """Every kind a measure counts as, for the status filter: its status as the text and JSON reports
    count it (a moved row is also unchanged or changed; a format-only row also changed), and moved."""
    main = v.kinds[0]
    out = {"moved": ("unchanged",), "format": ("changed",)}.get(main, ())
    return tuple(dict.fromkeys((*v.kinds, *out)))


def measure_cards(views: list[MeasureView], diff: Diff, show_format_only: bool) -> list[dict[str, Any]]:
    """One card per kind, whose number is the count every format gives (Diff.summary: a split counts
    once per measure split, a merge once per measure merged into, a moved row as moved and as its
    status); `rows` is how many rows the status filter of the same name shows, and the card says so
    when they differ (1 measure split into 2 rows)."""
    counts = diff.summary(show_format_only)["measures"]
    cards = []
    for k in (k for k in MEASURE_KINDS if k != "format" or show_format_only):
        mine = [v for v in views if k in filter_kinds(v)]
        n = len(mine) if k == "format" else counts[k]
        card: dict[str, Any] = {"kind": k, "n": n, "rows": len(mine), "from": 0}
        if k == "split":
            card["from"] = len({v.m.old_id for v in mine})
        elif k == "merged":
            card["from"] = len({v.m.new_id for v in mine})
        cards.append(card)
    return cards


def _has_amount(b: BudgetChange) -> bool:
    return any(s is not None and s.yen is not None for s in (b.old, b.new))
