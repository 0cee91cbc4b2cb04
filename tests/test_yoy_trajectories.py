"""Budget trajectories: amounts of a program across fiscal years and kinds, with typed steps.

On the real report (its results column against its plans column) and on a small hand-written
next-year pair (tests/data/yoy-mini: the first four rows of the real report, and a synthetic
FY2025 edition of them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policydiff import load_edition
from policydiff.diffengine.program_events import edition_events, lineage_links, plans_events
from policydiff.diffengine.reasons import warning_text
from policydiff.diffengine.trajectories import (
    Lineage,
    budget_trajectories,
    edition_points,
    plans_points,
    stale_labels,
    totals,
)

MINI = Path(__file__).parent / "data" / "yoy-mini"


@pytest.fixture(scope="module")
def mini():
    old, new = load_edition(MINI / "old.txt"), load_edition(MINI / "new.txt")
    links = lineage_links(edition_events(old, new, [(k, k) for k in range(len(old.measures))]), old, new)
    return old, new, {t.program: t for t in budget_trajectories(edition_points(old, new), links)}, links


@pytest.fixture(scope="module")
def seed_plans(seed_edition):
    links = lineage_links(plans_events(seed_edition), seed_edition)
    return {t.program: t for t in budget_trajectories(plans_points(seed_edition), links)}


def _steps(t, kind):
    return [(s.fiscal_year, s.from_yen, s.to_yen, s.delta_yen, s.comparable) for s in t.steps if s.type == kind]


def test_a_request_becomes_the_next_editions_enacted_budget(mini) -> None:
    _, _, by_program, _ = mini
    assert _steps(by_program["医療機器等研究成果展開事業"], "request-to-enacted") == [
        (2025, 1_120_000_000, 1_100_000_000, -20_000_000, True)]
    assert _steps(by_program["次世代ヘルステック・スタートアップ育成支援事業"], "request-to-enacted") == [
        (2025, 600_000_000, 600_000_000, 0, True)]


def test_a_succeeded_programs_amounts_are_on_its_successors_line_and_naisu_is_not_comparable(mini) -> None:
    _, _, by_program, _ = mini
    medic = by_program["医工連携グローバル展開事業"]
    assert medic.names == ("医工連携イノベーション推進事業", "医工連携グローバル展開事業")
    assert {(p.edition, p.fiscal_year, p.kind, p.yen) for p in medic.points} >= {
        ("old", 2024, "initial", 1_900_000_000), ("new", 2025, "initial", 1_400_000_000)}
    assert medic.steps and not any(s.comparable for s in medic.steps)


def test_year_over_year_compares_like_for_like_only(mini) -> None:
    _, _, by_program, _ = mini
    t = by_program["医療機器等研究成果展開事業"]
    yoy = {(s.fiscal_year, s.from_kind, s.to_kind): (s.from_yen, s.to_yen) for s in t.steps if s.type == "year-over-year"}
    assert yoy == {(2025, "initial", "initial"): (1_090_000_000, 1_100_000_000),
                   (2026, "request", "request"): (1_120_000_000, 1_150_000_000)}


def test_a_new_supplementary_line_is_a_step_without_a_base(mini) -> None:
    _, _, by_program, _ = mini
    t = by_program["医療機器スタートアップ伴走支援事業"]
    assert _steps(t, "supplementary") == [(2025, None, 250_000_000, None, False)]


def test_last_years_label_cited_in_this_years_results_is_a_stale_label_warning(mini) -> None:
    _, new, _, links = mini
    warnings = stale_labels([(m.id, c, b) for m, c, _, b in new.budgets()], new.results_fy, Lineage(links))
    assert [(w.code, w.edition, w.line) for w in warnings] == [("stale-budget-label", "new", 49)]
    assert "令和６年度予算：10.9億円" in warning_text(warnings[0]) and warnings[0].measure


def test_the_real_reports_stale_labels_are_found_and_its_supplementary_lines_are_not(seed_edition) -> None:
    links = lineage_links(plans_events(seed_edition), seed_edition)
    cited = [(m.id, c, b) for m, c, _, b in seed_edition.budgets()]
    warnings = stale_labels(cited, seed_edition.results_fy, Lineage(links), "old")
    # 令和5年度予算：6億円 (官民による若手研究者発掘支援事業, line 102) while line 46 cites 令和6年度予算：13億円;
    # 令和5年度予算：40億円の内数 (line 945) while line 606 cites 令和6年度予算：37億円の内数.
    assert [w.line for w in warnings] == [102, 945]
    supplementary_lines = {b.line for _, _, b in cited if b.kind == "supplementary"}
    assert supplementary_lines and not supplementary_lines & {w.line for w in warnings}


def test_in_one_edition_this_years_budget_and_next_years_request_are_no_step(seed_plans) -> None:
    # 令和６年度予算：10.9億円 (line 54) and 令和７年度予算案：11.2憶円 (line 67): both on the line, not compared.
    t = seed_plans["医療機器等研究成果展開事業"]
    assert {(p.edition, p.fiscal_year, p.kind, p.yen) for p in t.points} == {
        ("old", 2024, "initial", 1_090_000_000), ("new", 2025, "request", 1_120_000_000)}
    assert t.steps == ()


def test_a_request_without_an_amount_is_a_point_whose_enactment_is_a_step(seed_edition) -> None:
    from policydiff.diffengine.trajectories import _step

    t = {x.program: x for x in budget_trajectories(plans_points(seed_edition), [])}["革新的医療機器等国際標準獲得推進事業"]
    assert [(p.kind, p.yen, p.line) for p in t.points] == [("request", None, 972)]  # 「予算要求中」
    enacted = t.points[0].__class__("new", 2025, "initial", 120_000_000, False, "m054", 9, 888, t.program)
    step = _step("request-to-enacted", t.points[0], enacted)
    assert (step.from_yen, step.to_yen, step.delta_yen, step.comparable) == (None, 120_000_000, None, False)


def test_a_supplementary_of_another_year_is_never_compared_with_a_request(seed_plans) -> None:
    # 令和5年度補正予算：3.8億円 (line 48) and 令和7年度予算案：6.0億円 (line 59): two years apart, two kinds.
    t = seed_plans["次世代ヘルステック・スタートアップ育成支援事業"]
    assert not any(s.from_fiscal_year == 2023 for s in t.steps)


def test_totals_are_per_fiscal_year_and_kind_and_leave_naisu_out(mini) -> None:
    _, _, by_program, _ = mini
    got = totals(by_program.values(), "new")
    assert got[(2025, "initial")] == 600_000_000 + 1_100_000_000  # 14億円の内数 left out
    assert got[(2024, "initial")] == 1_090_000_000  # the stale label stays in its own year
    assert got[(2026, "request")] == 550_000_000 + 1_150_000_000
