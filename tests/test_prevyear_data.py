"""The previous-year pair's data is consistent with the two texts it describes (tests/data/prevyear).

OLD is the hand-written SYNTHETIC FY2023 edition, NEW the real FY2024 report. These checks read the
texts with the edition parser only (no diff engine): every OLD plan bullet is in the truth once, every
cited line is a bullet of the right measure and column, every budget step's amounts are the amounts
parsed on its lines, and the Basic Plan column is copied word for word except for the documented edits.
They say nothing about how well the engine does; `python tests/yoy_eval.py prevyear` does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policydiff import load_edition
from policydiff.versions.model.normalize import normalize

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "prevyear"
OUTCOMES = {"done", "partial", "reworked", "dropped", "stated-end"}
STATED_END = re.compile(r"事業終了|後継事業の予定無し|該当なし")
# Rows whose extraction lost a different amount in each edition: one description is the end of the other.
LOST_DIFFERENTLY = {"m002", "m013"}


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads((DATA / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pair(truth):
    return load_edition(ROOT / truth["old"]), load_edition(ROOT / truth["new"])


def _measures(edition) -> dict:
    return {m.id: m for m in edition.measures}


def _bullet(edition, measure: str, line: int, column: str):
    found = [b for b in getattr(_measures(edition)[measure], column) if b.line == line]
    assert found, f"{edition.edition} line {line} is no {column} bullet of {measure}"
    return found[0]


def _programs(edition) -> set[str]:
    return {normalize(p) for m in edition.measures for b in m.results + m.plans for p in b.programs}


def _budgets_on(edition, line: int) -> list:
    return [x for m in edition.measures for b in m.results + m.plans for x in b.budgets if x.line == line]


def test_the_old_side_is_the_synthetic_edition_before_the_real_one(pair) -> None:
    old, new = pair
    assert old.synthetic and old.edition == "fy2023-synthetic" and not new.synthetic
    assert (old.results_fy, old.plans_fy, new.results_fy, new.plans_fy) == (2023, 2024, 2024, 2025)


def test_every_measure_of_both_editions_is_listed_once(pair, truth) -> None:
    old, new = pair
    olds = [m["old_id"] for m in truth["measures"] if m["old_id"]]
    news = [m["new_id"] for m in truth["measures"] if m["new_id"]]
    assert sorted(olds) == sorted(_measures(old)) and len(set(olds)) == len(olds)
    assert sorted(news) == sorted(_measures(new)) and len(set(news)) == len(news)
    for m in truth["measures"]:
        assert (m["old_id"] is None) == (m["status"] == "added") and (m["new_id"] is None) == (m["status"] == "removed")


def test_the_basic_plan_column_is_copied_except_for_the_documented_edits(pair, truth) -> None:
    old, new = pair
    om, nm = _measures(old), _measures(new)
    ogoal = {g.id: normalize(g.title) for g in old.goals}
    ngoal = {g.id: normalize(g.title) for g in new.goals}
    for m in truth["measures"]:
        if m["status"] in ("added", "removed"):
            continue
        o, n = om[m["old_id"]], nm[m["new_id"]]
        same = {"title": normalize(o.title) == normalize(n.title),
                "description": normalize(o.description) == normalize(n.description),
                "ministries": o.ministries == n.ministries,
                "goal": ogoal[o.goal] == ngoal[n.goal]}
        if m["old_id"] in LOST_DIFFERENTLY:
            a, b = normalize(o.description), normalize(n.description)
            assert a != b and (a.endswith(b) or b.endswith(a)), m["old_id"]
            same["description"] = True
        assert {f for f, ok in same.items() if not ok} == set(m["fields"]), m
        assert m["moved"] == (not same["goal"])
        assert (m["status"] == "changed") == bool(set(m["fields"]) - {"goal"})


def test_every_old_plan_bullet_has_one_entry_citing_bullets_of_its_measures(pair, truth) -> None:
    old, new = pair
    pairs = {m["old_id"]: m["new_id"] for m in truth["measures"] if m["old_id"]}
    assert [(f["old_measure"], f["plan_line"]) for f in truth["follow_through"]] == \
        [(m.id, b.line) for m in old.measures for b in m.plans]
    for f in truth["follow_through"]:
        assert f["outcome"] in OUTCOMES and f["new_measure"] == pairs[f["old_measure"]], f
        plan = _bullet(old, f["old_measure"], f["plan_line"], "plans")
        for line in f["result_lines"]:
            _bullet(new, f["new_measure"], line, "results")
        assert bool(f["result_lines"]) == (f["outcome"] not in ("dropped", "stated-end")), f
        assert (f["outcome"] == "stated-end") == bool(STATED_END.search(plan.text)), f
        if f["promised_again_line"] is None:
            assert not f["verbatim"]
        else:
            again = _bullet(new, f["new_measure"], f["promised_again_line"], "plans")
            assert f["verbatim"] == (normalize(again.text) == normalize(plan.text)), f


def test_unplanned_results_are_new_results_no_plan_cites(pair, truth) -> None:
    _, new = pair
    cited = {(f["new_measure"], r) for f in truth["follow_through"] for r in f["result_lines"]}
    for u in truth["unplanned_results"]:
        _bullet(new, u["new_measure"], u["line"], "results")
        assert (u["new_measure"], u["line"]) not in cited


def test_every_budget_step_has_the_amounts_parsed_on_its_lines(pair, truth) -> None:
    old, new = pair
    kinds = {"request-to-enacted": ("request", "initial"), "supplementary": ("supplementary", "supplementary")}
    for s in truth["budget_steps"]:
        from_kind, to_kind = kinds.get(s["type"], (None, None))
        got = [x for x in _budgets_on(new, s["new_line"]) if x.yen == s["to_yen"] and x.part_of == s["part_of"]
               and (to_kind is None or x.kind == to_kind)]
        assert got, s
        assert normalize(s["program"]) in {normalize(x.program or "") for x in got} or s["type"] == "year-over-year", s
        if s["old_line"] is None:
            assert s["from_yen"] is None
            continue
        want_fy = s["fiscal_year"] if s["type"] != "year-over-year" else s["fiscal_year"] - 1
        got = [x for x in _budgets_on(old, s["old_line"]) if x.yen == s["from_yen"] and x.part_of == s["part_of"]
               and x.fiscal_year == want_fy and (from_kind is None or x.kind == from_kind)]
        assert got, s
    r2e = [s for s in truth["budget_steps"] if s["type"] == "request-to-enacted"]
    assert {s["fiscal_year"] for s in r2e} == {old.plans_fy}
    assert any(s["from_yen"] is None for s in r2e)  # 予算要求中
    assert {"equal", "up", "down"} == {"equal" if s["from_yen"] == s["to_yen"] else "up"
                                        if (s["from_yen"] or 0) < s["to_yen"] else "down" for s in r2e if s["from_yen"]}


def test_program_events_rest_on_the_names_each_edition_prints(pair, truth) -> None:
    old, new = pair
    in_old, in_new = _programs(old), _programs(new)
    for e in truth["program_events"]:
        program, successor = normalize(e["program"]), normalize(e["successor"] or "")
        side = new if e["edition"] == "new" else old
        named = {normalize(p) for m in side.measures for b in m.results + m.plans if b.line == e["line"]
                 for p in b.programs}
        if e["event"] == "new":
            assert program in in_new and program not in in_old and program in named, e
        elif e["event"] in ("ended", "vanished"):
            assert program in in_old and program not in in_new, e
        else:  # succeeded or renamed: the successor is named on the evidence line and in NEW
            assert successor in named and successor in in_new, e
            stated = {(normalize(x.old), normalize(x.new)) for m in side.measures for b in m.results + m.plans
                      if b.line == e["line"] for x in b.successions}
            assert ((program, successor) in stated) == (e["event"] == "succeeded"), e  # a rename is not stated
            if e["edition"] == "new":
                assert successor not in in_old, e
            else:  # announced by OLD itself and carried out: the old name is gone from NEW
                assert program not in in_new, e
        if e["event"] == "ended" and e.get("announced"):
            stated = [b for m in old.measures for b in m.plans if b.line == e["line"]]
            assert stated and STATED_END.search(stated[0].text), e
            confirmed = [b for m in new.measures for b in m.results if b.line == e["confirmed_line"]]
            assert confirmed and "事業終了" in confirmed[0].text, e


def test_stale_labels_cite_an_earlier_year_in_the_new_results(pair, truth) -> None:
    _, new = pair
    for w in truth["warnings"]:
        assert w["code"] == "stale-budget-label" and w["edition"] == "new"
        assert any(x.kind == "initial" and x.fiscal_year < new.results_fy for x in _budgets_on(new, w["line"])), w
