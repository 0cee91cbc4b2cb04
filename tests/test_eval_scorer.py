"""tests/yoy_eval.py scores what it should: a diff that says what a pair's truth says scores perfectly,
and each kind of mistake costs the figure it belongs to. No engine is run here: the diffs are built
from the truth, so these tests are about the scorer, not about the engine's figures."""

from __future__ import annotations

from types import SimpleNamespace as NS

import pytest
import yoy_eval


def _perfect(t: dict, keep_stated_ends: bool) -> NS:
    """A diff carrying exactly the truth's records (stated ends kept as `ended`, or left out)."""
    entries = [NS(plan=NS(line=f["plan_line"]), outcome="ended" if f["outcome"] == "stated-end" else f["outcome"],
                  results=[NS(line=r) for r in f["result_lines"]])
               for f in t["follow_through"] if keep_stated_ends or f["outcome"] != "stated-end"]
    events = [NS(event=e["event"], program=e["program"], successor=e["successor"]) for e in t["program_events"]
              if e["edition"] == "new" or e["event"] in ("vanished", "ended")]
    trajectories = [NS(program=s["program"], names=[s["program"]],
                       steps=[NS(type=s["type"], fiscal_year=s["fiscal_year"], from_yen=s["from_yen"],
                                 to_yen=s["to_yen"])]) for s in t["budget_steps"]]
    return NS(measures=[NS(old_id=m["old_id"], new_id=m["new_id"], status=m["status"], moved=m["moved"])
                        for m in t["measures"]],
              follow_through=entries, unplanned_results=[NS(result=NS(line=u["line"])) for u in t["unplanned_results"]],
              program_events=events, budget_trajectories=trajectories)


@pytest.mark.parametrize("pair", ["nextyear", "prevyear"])
@pytest.mark.parametrize("keep", [True, False])
def test_a_diff_that_says_what_the_truth_says_scores_perfectly(pair, keep) -> None:
    f = yoy_eval.figures(pair, _perfect(yoy_eval.truth(pair), keep))
    assert f.measures_wrong == (0, 0) and f.announced_anew == 0 and f.stated_ends.right == 0
    assert f.outcomes.value == f.answering.value == 1.0
    for p in (f.links, f.dropped, f.unplanned, f.requests, f.events):
        assert p.precision == p.recall == 1.0
    assert all(line.startswith(("ok ", "   ", pair)) for line in f.lines())


def test_each_mistake_costs_its_own_figure() -> None:
    t = yoy_eval.truth("prevyear")
    d = _perfect(t, keep_stated_ends=True)
    by_line = {e.plan.line: e for e in d.follow_through}
    stated = [f["plan_line"] for f in t["follow_through"] if f["outcome"] == "stated-end"]
    done = [f for f in t["follow_through"] if f["outcome"] == "done" and f["result_lines"]][0]
    unclear = [f for f in t["follow_through"] if f.get("unclear_ok")][0]
    by_line[stated[0]].outcome = "dropped"  # a stated end accused of being dropped
    by_line[done["plan_line"]].outcome = "dropped"  # a done plan accused too
    by_line[done["plan_line"]].results = []
    by_line[unclear["plan_line"]].outcome = "unclear"  # acceptable there
    d.measures[0].status = "changed"  # an unchanged row called changed
    d.unplanned_results.append(NS(result=NS(line=22)))  # the confirmation of a stated end is not unplanned
    known = [e for e in t["program_events"] if e["edition"] == "old" and e["event"] == "succeeded"][0]
    d.program_events.append(NS(event="succeeded", program=known["program"], successor=known["successor"]))
    d.budget_trajectories[0].steps[0].to_yen += 1

    f = yoy_eval.figures("prevyear", d)
    plans = len([x for x in t["follow_through"] if x["outcome"] != "stated-end"])
    assert f.measures_wrong == (1, 1)
    assert (f.outcomes.right, f.outcomes.total) == (plans - 1, plans)
    assert (f.answering.right, f.answering.total) == (plans - 1, plans)
    assert f.stated_ends.right == 1
    assert (f.dropped.found, f.dropped.reported) == (6, 8) and f.dropped.recall == 1.0
    assert (f.unplanned.found, f.unplanned.reported) == (13, 14)
    assert f.announced_anew == 1
    assert f.requests.recall < 1.0
    assert f.events.recall == 1.0 and f.events.precision < 1.0  # an announced succession reported anew is no event
