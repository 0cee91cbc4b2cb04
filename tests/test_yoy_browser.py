"""The next-year report in Chromium: the follow-through ledger and the budget charts, as a person
sees them, with and without JavaScript (Debian's /usr/bin/chromium, network blocked)."""

from __future__ import annotations

import pytest
import yoy_eval

from policydiff import load_edition
from policydiff.diffengine.engine import diff_editions
from policydiff.renderers.html import render_html
from policydiff.renderers.options import ReportOptions


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    diff = diff_editions(load_edition(yoy_eval.OLD_PATH), load_edition(yoy_eval.NEW_PATH))
    path = tmp_path_factory.mktemp("yoy") / "nextyear.html"
    path.write_text(render_html(diff, ReportOptions(generated_at="2026-12-01 00:00 UTC")), encoding="utf-8")
    return path, diff


@pytest.mark.parametrize("javascript", [True, False])
def test_the_ledger_shows_each_plan_with_its_outcome_and_cited_lines(opened, report, javascript):
    path, diff = report
    page = opened(path, javascript).page
    assert "翌年度版" in page.locator(".relation").inner_text()
    row = page.locator("#ft-m004 tr.o-row", has_text="医療機器等研究成果展開事業").first
    assert row.is_visible()
    text = row.inner_text()
    assert "一部実施" in text and "p.1 l.67" in text and "p.1 l.53" in text  # old plan line, new result line
    dropped = page.locator("#follow-through tr.o-dropped")
    assert dropped.count() == len({(" ".join(e.plan.text.split())) for e in diff.follow_through
                                   if e.outcome == "dropped"})
    assert all(dropped.nth(k).is_visible() for k in range(dropped.count()))


@pytest.mark.parametrize("javascript", [True, False])
def test_each_program_has_a_visible_chart_and_its_steps(opened, report, javascript):
    path, diff = report
    page = opened(path, javascript).page
    charts = page.locator("#trajectories svg.budget-chart")
    assert charts.count() == len(diff.budget_trajectories)
    section = page.locator("#trajectories .trajectory", has_text="医療機器等研究成果展開事業").first
    chart = section.locator("svg.budget-chart")
    box = chart.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 60
    assert chart.locator("circle").count() >= 3  # FY2024 budget, FY2025 request and budget, FY2026 request
    steps = section.locator("table.steps").inner_text()
    assert "予算案→成立" in steps and "+3,000万円" in steps
    events = page.locator("#events").inner_text()
    assert "官民による若手研究者発掘支援事業" in events and "終了" in events
