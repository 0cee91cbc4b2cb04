"""The next-year pair: the real FY2024 report and a hand-written SYNTHETIC FY2025 edition of it.

The truth (tests/data/nextyear/truth.json) was written by reading the two texts, before the ledger
code existed. These tests measure the annual layer against it and assert the issue's targets:
follow-through outcomes and links with precision and recall ≥ 0.9, every request-to-enacted step,
every program event (and no succession OLD already announced reported anew), the stale label.
`pytest -s` prints the figures.
"""

from __future__ import annotations

import pytest
import yoy_eval

from policydiff import load_edition
from policydiff.diffengine.engine import diff_editions
from policydiff.diffengine.relation import infer_relation

TARGET = 0.9


@pytest.fixture(scope="module")
def pair():
    return load_edition(yoy_eval.OLD_PATH), load_edition(yoy_eval.NEW_PATH)


@pytest.fixture(scope="module")
def yearly(pair):
    """The diff of the pair, as the engine returns it: its annual layer is what is measured here."""
    return diff_editions(*pair)


@pytest.fixture(scope="module")
def truth():
    return yoy_eval.truth()


def test_the_pair_is_next_year_and_the_new_edition_is_synthetic(pair) -> None:
    old, new = pair
    assert infer_relation(old.results_fy, old.plans_fy, new.results_fy, new.plans_fy) == "next-year"
    assert new.synthetic and not old.synthetic


def test_the_basic_plan_layer_statuses_are_exact(yearly, truth) -> None:
    got = {(m.old_id, m.new_id, m.status, m.moved) for m in yearly.measures}
    want = {(m["old_id"], m["new_id"], m["status"], m["moved"]) for m in truth["measures"]}
    assert yearly.relation == "next-year"
    assert got == want
    changed = [m for m in yearly.measures if m.status == "changed"]
    assert len(changed) == 3  # the three Basic Plan edits, not the 55 rows whose bullets were all rewritten
    assert {c.field for m in changed for c in m.changes} == {"description", "ministries"}


def test_every_old_plan_bullet_has_one_ledger_entry(yearly, pair) -> None:
    old, _ = pair
    assert [e.plan.line for e in yearly.follow_through] == [b.line for m in old.measures for b in m.plans]


def test_follow_through_outcomes_reach_the_target(yearly, truth) -> None:
    got = yoy_eval.outcomes(yearly.follow_through, truth)
    print("\noutcomes", got)
    assert got.precision >= TARGET and got.recall >= TARGET


def test_follow_through_links_reach_the_target(yearly, truth) -> None:
    got = yoy_eval.links(yearly.follow_through, truth)
    print("\nlinks", got)
    assert got.precision >= TARGET and got.recall >= TARGET


def test_plans_promised_again_are_found_and_word_for_word_ones_marked(yearly, truth) -> None:
    got = yoy_eval.promised_again(yearly.follow_through, truth)
    print("\npromised again", got)
    assert got.recall >= TARGET and got.precision >= 0.85
    verbatim = {f["plan_line"] for f in truth["follow_through"] if f["verbatim"]}
    assert {e.plan.line for e in yearly.follow_through if e.carried_over} == verbatim


def test_every_dropped_plan_is_reported_dropped(yearly, truth) -> None:
    want = {f["plan_line"] for f in truth["follow_through"] if f["outcome"] == "dropped"}
    got = {e.plan.line for e in yearly.follow_through if e.outcome == "dropped"}
    print("\ndropped", yoy_eval.pr(got, want))
    assert want <= got


def test_unplanned_results_are_all_found(yearly, truth) -> None:
    got = yoy_eval.unplanned(yearly.unplanned_results, truth)
    print("\nunplanned", got)
    assert got.recall == 1.0


def test_every_program_event_and_no_announced_succession_anew(yearly, truth) -> None:
    got, wrongly_new = yoy_eval.events(yearly.program_events, truth)
    print("\nevents", got)
    assert got.recall == 1.0 and got.precision == 1.0
    assert not wrongly_new


def test_every_request_to_enacted_step_has_the_right_amounts(yearly, truth) -> None:
    got = yoy_eval.steps(yearly.budget_trajectories, truth)
    print("\nrequest-to-enacted", got)
    assert got.recall == 1.0 and got.precision == 1.0


def test_year_over_year_and_supplementary_steps(yearly, truth) -> None:
    got = yoy_eval.steps(yearly.budget_trajectories, truth, ("year-over-year", "supplementary"))
    print("\nyear-over-year and supplementary", got)
    assert got.recall >= TARGET and got.precision >= TARGET


def test_last_years_label_in_this_years_results_is_the_one_stale_label(yearly, truth) -> None:
    assert [(w.code, w.edition, w.line) for w in yearly.warnings] == [
        (w["code"], w["edition"], w["line"]) for w in truth["warnings"]]
