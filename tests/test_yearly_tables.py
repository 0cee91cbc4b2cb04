"""The annual layer's tables (issue 21, items 5 and 6): a program new in the next edition is on the
budget table and the trajectories, and every `--table` CSV marks the SYNTHETIC edition in every row,
as the budget-change CSV does. On the real FY2024 report against the hand-written SYNTHETIC FY2025
edition (tests/data/nextyear), whose new program 医療機器スタートアップ海外展開支援事業 asks
令和8年度予算案：3.0億円."""

from __future__ import annotations

import csv
import io

import pytest
import yoy_eval

from policydiff import load_edition, render
from policydiff.diffengine.engine import diff_editions
from policydiff.renderers.options import ReportOptions

NEW_PROGRAM = "医療機器スタートアップ海外展開支援事業"


@pytest.fixture(scope="module")
def diff():
    return diff_editions(load_edition(yoy_eval.OLD_PATH), load_edition(yoy_eval.NEW_PATH))


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_a_new_programs_first_amount_is_a_new_line_on_every_budget_table(diff):
    assert any(e.event == "new" and e.program == NEW_PROGRAM for e in diff.program_events)
    (t,) = [t for t in diff.budget_trajectories if t.program == NEW_PROGRAM]
    assert [(s.type, s.fiscal_year, s.to_kind, s.from_yen, s.to_yen) for s in t.steps] == [
        ("new-line", 2026, "request", None, 300_000_000)]
    steps = _rows(render(diff, "csv", ReportOptions(table="budgets")))
    assert [(r["type"], r["to_yen"]) for r in steps if r["program"] == NEW_PROGRAM] == [("new-line", "300000000")]
    text = render(diff, "text")
    trajectories = text[text.index("Budget trajectories:"):text.index("Program events:")]
    assert NEW_PROGRAM in trajectories and "a new line, FY2026 request 3億円" in trajectories
    assert NEW_PROGRAM in render(diff, "markdown").split("#### Budget trajectories", 1)[1]
    html = render(diff, "html")
    assert NEW_PROGRAM in html[html.index('<section id="trajectories"'):html.index('<section id="events"')]


def test_a_program_both_sides_cite_gets_no_new_line(diff):
    assert all(s.type != "new-line" for t in diff.budget_trajectories for s in t.steps
               if any(p.edition == "old" for p in t.points))


@pytest.mark.parametrize("table", ["budgets", "follow-through", "events"])
def test_every_table_marks_the_synthetic_edition_in_every_row(diff, table, seed_edition):
    rows = _rows(render(diff, "csv", ReportOptions(table=table)))
    assert rows and all(r["synthetic"] == f"new: {diff.new.label}" for r in rows)
    real = diff_editions(seed_edition, seed_edition)  # both sides real: the column is there, and empty
    text = render(real, "csv", ReportOptions(table=table))
    assert text.lstrip("\ufeff").splitlines()[0].endswith(",synthetic")
    assert all(r["synthetic"] == "" for r in _rows(text))
