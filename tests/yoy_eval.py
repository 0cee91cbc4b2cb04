"""Scoring a next-year analysis against the hand-written truth (tests/data/nextyear/truth.json).

Shared by tests/test_yoy_nextyear.py (which asserts the targets) and anyone who wants the figures:
`python -m pytest -s tests/test_yoy_nextyear.py` prints them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from policydiff.versions.model.normalize import normalize

NEXTYEAR = Path(__file__).parent / "data" / "nextyear"
OLD_PATH = Path(__file__).parent.parent / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"
NEW_PATH = NEXTYEAR / "iryokiki-kihonkeikaku_fy2025-synthetic.txt"


def truth() -> dict:
    return json.loads((NEXTYEAR / "truth.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class PR:
    found: int  # reported and true
    reported: int
    expected: int

    @property
    def precision(self) -> float:
        return self.found / self.reported if self.reported else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    def __str__(self) -> str:
        return f"P {self.precision:.3f} R {self.recall:.3f} ({self.found}/{self.reported} reported, {self.expected} true)"


def pr(got: set, want: set) -> PR:
    return PR(len(got & want), len(got), len(want))


def outcomes(entries, t: dict) -> PR:
    """(plan line, outcome) pairs: micro precision and recall over all plans."""
    return pr({(e.plan.line, e.outcome) for e in entries}, {(f["plan_line"], f["outcome"]) for f in t["follow_through"]})


def links(entries, t: dict) -> PR:
    return pr({(e.plan.line, r.line) for e in entries for r in e.results},
              {(f["plan_line"], r) for f in t["follow_through"] for r in f["result_lines"]})


def promised_again(entries, t: dict) -> PR:
    return pr({(e.plan.line, e.promised_again.line) for e in entries if e.promised_again},
              {(f["plan_line"], f["promised_again_line"]) for f in t["follow_through"] if f["promised_again_line"]})


def unplanned(items, t: dict) -> PR:
    return pr({u.result.line for u in items}, {u["line"] for u in t["unplanned_results"]})


def _event_key(event: str, program: str, successor: str | None) -> tuple:
    return (event, normalize(program), normalize(successor) if successor else None)


def events(found, t: dict) -> tuple[PR, set]:
    """Events NEW brings (and the vanished ones); and the OLD-announced ones wrongly reported anew."""
    want = {_event_key(e["event"], e["program"], e["successor"]) for e in t["program_events"]
            if e["edition"] == "new" or e["event"] == "vanished"}
    known = {_event_key(e["event"], e["program"], e["successor"]) for e in t["program_events"]
             if e["edition"] == "old" and e["event"] != "vanished"}
    got = {_event_key(e.event, e.program, e.successor) for e in found}
    return pr(got, want), got & known


def steps(trajectories, t: dict, kinds: tuple[str, ...] = ("request-to-enacted",)) -> PR:
    """Budget steps of the given types: matched on type, fiscal year, amounts and program lineage."""
    want = {(s["type"], s["fiscal_year"], s["from_yen"], s["to_yen"], normalize(s["program"]))
            for s in t["budget_steps"] if s["type"] in kinds}
    got = set()
    for x in trajectories:
        for s in x.steps:
            if s.type in kinds:
                names = {normalize(n) for n in x.names}
                program = next((w[4] for w in want if w[4] in names and w[:4] == (s.type, s.fiscal_year, s.from_yen,
                                                                                   s.to_yen)), normalize(x.program))
                got.add((s.type, s.fiscal_year, s.from_yen, s.to_yen, program))
    return pr(got, want)
