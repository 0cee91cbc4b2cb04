"""Scoring a year-over-year analysis against a hand-written truth (tests/data/<pair>/truth.json).

Two pairs: `nextyear` (the real FY2024 report → a SYNTHETIC FY2025 edition) and `prevyear` (a SYNTHETIC
FY2023 edition → the real FY2024 report). Shared by tests/test_yoy_nextyear.py (which asserts its
targets) and anyone who wants the figures of issue 18's "Done when":

    python tests/yoy_eval.py [--detail] [nextyear|prevyear]

`--detail` lists where the diff and the truth part.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from policydiff.versions.model.normalize import normalize

ROOT = Path(__file__).parent.parent
NEXTYEAR = Path(__file__).parent / "data" / "nextyear"
PREVYEAR = Path(__file__).parent / "data" / "prevyear"
PAIRS = {"nextyear": NEXTYEAR, "prevyear": PREVYEAR}
OLD_PATH = ROOT / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"
NEW_PATH = NEXTYEAR / "iryokiki-kihonkeikaku_fy2025-synthetic.txt"
PLAN_OUTCOMES = ("done", "partial", "reworked", "dropped")  # what a plan can come to; `stated-end` is no plan


def truth(pair: str = "nextyear") -> dict:
    return json.loads((PAIRS[pair] / "truth.json").read_text(encoding="utf-8"))


def paths(pair: str) -> tuple[Path, Path]:
    """The pair's OLD and NEW texts, as its truth names them."""
    t = truth(pair)
    return ROOT / t["old"], ROOT / t["new"]


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
    """Events NEW brings, the programs that ended or vanished (their evidence is OLD's: a stated end, a
    removed row, a last mention); and the successions or renames OLD announced, wrongly reported anew."""
    want = {_event_key(e["event"], e["program"], e["successor"]) for e in t["program_events"]
            if e["edition"] == "new" or e["event"] in ("vanished", "ended")}
    known = {_event_key(e["event"], e["program"], e["successor"]) for e in t["program_events"]
             if e["edition"] == "old" and e["event"] in ("succeeded", "renamed")}
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


# --- The figures of issue 18's "Done when", for any pair -------------------------------------------


@dataclass(frozen=True)
class Share:
    right: int
    total: int

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.right}/{self.total})"


def _plans(t: dict) -> list[dict]:
    return [f for f in t["follow_through"] if f["outcome"] != "stated-end"]


def measure_statuses(measures, t: dict) -> tuple[int, int]:
    """(truth records the diff does not reproduce, diff records the truth does not have): exact is (0, 0)."""
    got = {(m.old_id, m.new_id, m.status, m.moved) for m in measures}
    want = {(m["old_id"], m["new_id"], m["status"], m["moved"]) for m in t["measures"]}
    return len(want - got), len(got - want)


def outcome_accuracy(entries, t: dict) -> Share:
    """Plans whose outcome is right; `unclear` counts right where the truth says it is acceptable."""
    got = {e.plan.line: e.outcome for e in entries}
    right = sum(1 for f in _plans(t) if got.get(f["plan_line"]) == f["outcome"]
                or (f.get("unclear_ok") and got.get(f["plan_line"]) == "unclear"))
    return Share(right, len(_plans(t)))


def stated_ends_as_plans(entries, t: dict) -> Share:
    """Statements of an end (事業終了, 後継事業の予定無し, 該当なし) given a plan outcome: should be 0 of n."""
    got = {e.plan.line: e.outcome for e in entries}
    ends = [f for f in t["follow_through"] if f["outcome"] == "stated-end"]
    return Share(sum(1 for f in ends if got.get(f["plan_line"]) in PLAN_OUTCOMES), len(ends))


def answering_lines(entries, t: dict) -> Share:
    """Plans whose answering result lines are exactly the truth's (none, for a dropped plan)."""
    got = {e.plan.line: {r.line for r in e.results} for e in entries}
    right = sum(1 for f in _plans(t) if got.get(f["plan_line"], set()) == set(f["result_lines"]))
    return Share(right, len(_plans(t)))


def dropped(entries, t: dict) -> PR:
    """Plans reported dropped (a stated end reported dropped is a false one)."""
    return pr({e.plan.line for e in entries if e.outcome == "dropped"},
              {f["plan_line"] for f in t["follow_through"] if f["outcome"] == "dropped"})


@dataclass(frozen=True)
class Figures:
    pair: str
    measures_wrong: tuple[int, int]
    outcomes: Share
    stated_ends: Share
    answering: Share
    links: PR
    dropped: PR
    unplanned: PR
    requests: PR
    events: PR
    announced_anew: int

    def lines(self) -> list[str]:
        missing, extra = self.measures_wrong
        ok = {True: "ok ", False: "-- "}
        return [
            f"{self.pair}: figures of issue 18 (ok = target met)",
            f"{ok[(missing, extra) == (0, 0)]}measure statuses exact: {missing} of the truth's records wrong or missing, "
            f"{extra} reported that the truth has not",
            f"{ok[self.outcomes.value >= 0.9]}outcomes right (of plans, ≥ 0.9): {self.outcomes}",
            f"{ok[self.stated_ends.right == 0]}stated ends given a plan outcome (0 wanted): {self.stated_ends.right} "
            f"of {self.stated_ends.total}",
            f"{ok[self.answering.value >= 0.9]}answering lines right (of plans, ≥ 0.9): {self.answering}",
            f"   answering links (plan, result): {self.links}",
            f"{ok[self.dropped.precision >= 0.9 and self.dropped.recall >= 0.75]}dropped (P ≥ 0.9, R ≥ 0.75): "
            f"{self.dropped}",
            f"{ok[self.unplanned.precision >= 0.7 and self.unplanned.recall >= 0.8]}unplanned results "
            f"(P ≥ 0.7, R ≥ 0.8): {self.unplanned}",
            f"{ok[self.requests.precision == 1 and self.requests.recall == 1]}request → enacted steps (all): "
            f"{self.requests}",
            f"{ok[self.events.precision >= 0.9 and self.events.recall >= 0.9 and not self.announced_anew]}"
            f"program events (≥ 0.9): {self.events}; OLD-announced reported anew: {self.announced_anew}",
        ]


def diff_of(pair: str):
    """The diff of a pair as the engine returns it (its annual layer is what is scored)."""
    from policydiff import load_edition
    from policydiff.diffengine.engine import diff_editions

    old, new = paths(pair)
    return diff_editions(load_edition(old), load_edition(new))


def figures(pair: str, diff=None) -> Figures:
    t = truth(pair)
    d = diff if diff is not None else diff_of(pair)
    found_events, anew = events(d.program_events, t)
    return Figures(pair, measure_statuses(d.measures, t), outcome_accuracy(d.follow_through, t),
                   stated_ends_as_plans(d.follow_through, t), answering_lines(d.follow_through, t),
                   links(d.follow_through, t), dropped(d.follow_through, t), unplanned(d.unplanned_results, t),
                   steps(d.budget_trajectories, t), found_events, len(anew))


def disagreements(pair: str, diff) -> list[str]:
    """Where the diff and the truth part, one line each: what to look at after the figures."""
    t, out = truth(pair), []
    got = {(m.old_id, m.new_id, m.status, m.moved) for m in diff.measures}
    want = {(m["old_id"], m["new_id"], m["status"], m["moved"]) for m in t["measures"]}
    out += [f"measure  truth {w}" for w in sorted(want - got, key=str)]
    out += [f"measure  diff  {g}" for g in sorted(got - want, key=str)]
    entries = {e.plan.line: e for e in diff.follow_through}
    for f in t["follow_through"]:
        e = entries.get(f["plan_line"])
        lines = sorted(r.line for r in e.results) if e else []
        if e is None or e.outcome != f["outcome"] or lines != sorted(f["result_lines"]):
            out.append(f"plan {f['old_measure']} line {f['plan_line']}: truth {f['outcome']} {f['result_lines']}, "
                       f"diff {e.outcome if e else '(no entry)'} {lines}")
    u_got, u_want = {u.result.line for u in diff.unplanned_results}, {u["line"] for u in t["unplanned_results"]}
    out += [f"unplanned  truth only: NEW {x}" for x in sorted(u_want - u_got)]
    out += [f"unplanned  diff only: NEW {x}" for x in sorted(u_got - u_want)]
    e_got = {_event_key(e.event, e.program, e.successor) for e in diff.program_events}
    e_want = {_event_key(e["event"], e["program"], e["successor"]) for e in t["program_events"]
              if e["edition"] == "new" or e["event"] in ("vanished", "ended")}
    out += [f"event  truth only: {x}" for x in sorted(e_want - e_got, key=str)]
    out += [f"event  diff only: {x}" for x in sorted(e_got - e_want, key=str)]
    return out


def main(argv: list[str]) -> int:
    detail = "--detail" in argv
    names = [a for a in argv if a != "--detail"] or list(PAIRS)
    unknown = [n for n in names if n not in PAIRS]
    if unknown:
        print(f"usage: python tests/yoy_eval.py [--detail] [{'|'.join(PAIRS)}] (unknown: {', '.join(unknown)})",
              file=sys.stderr)
        return 2
    for name in names:
        d = diff_of(name)
        print("\n".join(figures(name, d).lines()))
        if detail:
            print("\n".join("   " + x for x in disagreements(name, d)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
