"""What a synthetic edition records: the known edits, the ground truth, and what a correct diff reports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

EDIT_KINDS = ("reword", "one_char", "budget", "rename", "ministry", "add", "remove", "move", "split", "merge",
              "reflow", "width")
CHANGE_KINDS = ("changed", "added", "removed", "moved", "split", "merged", "budget", "rename")
# What a correct diff reports for each kind of edit. The one place the evaluation takes it from
# (GroundTruth.expected). "budget" is reported for the edit's budget lines, if it has any: a digit of
# an amount (one_char), an amount (budget), a line cited only in a removed row (remove).
EXPECTED_CHANGES: dict[str, tuple[str, ...]] = {
    "reword": ("changed",),
    "one_char": ("changed", "budget"),
    "budget": ("changed", "budget"),
    "rename": ("changed", "rename"),
    "ministry": ("changed",),
    "add": ("added",),
    "remove": ("removed", "budget"),
    "move": ("moved",),
    "split": ("split",),
    "merge": ("merged",),
    "reflow": (),
    "width": (),
}


@dataclass(frozen=True)
class SyntheticEdit:
    """One known edit. `measures` are OLD ids, as parse_report of the original text numbers them."""

    kind: str
    measures: tuple[str, ...]
    detail: str  # what was done, e.g. 'results 2: 推進した→強化した'
    title: str = ""  # add: the new measure's title; split: the second row's title
    # (program, fiscal_year) budget lines whose cited amounts changed: the edited amount, or a line
    # that disappeared with a removed row (the same amount cited in another row keeps the line).
    budgets: tuple[tuple[str, int | None], ...] = ()
    rename: tuple[str, str] | None = None  # (old program, new program)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind, "measures": list(self.measures), "detail": self.detail}
        if self.title:
            out["title"] = self.title
        if self.budgets:
            out["budgets"] = [{"program": p, "fiscal_year": fy} for p, fy in self.budgets]
        if self.rename:
            out["rename"] = {"old": self.rename[0], "new": self.rename[1]}
        return out


@dataclass(frozen=True)
class GroundTruth:
    """What was done to make a synthetic edition, and what a correct diff must therefore report."""

    seed: int
    summary: str
    edits: tuple[SyntheticEdit, ...]
    old_measures: int
    new_measures: int

    def expected(self) -> dict[str, frozenset]:
        """Change kind → the set a diff must report: old ids; new titles (added); (program, fiscal
        year) (budget); (old, new) (rename). A measure split, merged or removed is not also "changed"."""
        out: dict[str, set] = {k: set() for k in CHANGE_KINDS}
        for e in self.edits:
            for kind in EXPECTED_CHANGES[e.kind]:
                if kind == "added":
                    out[kind].add(e.title)
                elif kind == "budget":
                    out[kind].update(e.budgets)
                elif kind == "rename":
                    out[kind].add(e.rename)
                else:
                    out[kind].update(e.measures)
        out["changed"] -= out["removed"] | out["split"] | out["merged"]
        return {k: frozenset(v) for k, v in out.items()}

    def to_dict(self) -> dict[str, object]:
        expected = self.expected()
        return {
            "seed": self.seed,
            "summary": self.summary,
            "measures": {"old": self.old_measures, "new": self.new_measures},
            "edits": [e.to_dict() for e in self.edits],
            "expected": {k: sorted(list(x) if isinstance(x, tuple) else x for x in expected[k]) for k in CHANGE_KINDS},
        }


@dataclass(frozen=True)
class SyntheticEdition:
    text: str  # the new report text, SYNTHETIC_MARKER line first
    truth: GroundTruth


def summarize(seed: int, edits: Sequence[SyntheticEdit], what: str = "") -> str:
    counts = Counter(e.kind for e in edits)
    kinds = ", ".join(k if counts[k] == 1 else f"{k}×{counts[k]}" for k in EDIT_KINDS if counts[k])
    return f"{what}seed {seed}, {len(edits)} known edits ({kinds or 'none'}); for tests and demos only"
