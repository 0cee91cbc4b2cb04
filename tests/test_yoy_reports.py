"""The annual layer in every format: nothing the engine found is dropped by a renderer.

On the hand-written SYNTHETIC next edition (tests/data/nextyear) against the real report.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yoy_eval

from policydiff import load_edition, render
from policydiff.diffengine.engine import diff_editions
from policydiff.renderers.options import ReportOptions


@pytest.fixture(scope="module")
def diff():
    return diff_editions(load_edition(yoy_eval.OLD_PATH), load_edition(yoy_eval.NEW_PATH))


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_json_is_schema_2_with_every_record_of_the_annual_layer_and_a_unique_id(diff) -> None:
    data = json.loads(render(diff, "json"))
    assert data["schema"] == "policydiff/diff/2" and data["relation"] == "next-year"
    assert len(data["follow_through"]) == len(diff.follow_through) == 94
    assert len(data["unplanned_results"]) == len(diff.unplanned_results)
    assert len(data["program_events"]) == len(diff.program_events)
    assert sum(len(t["steps"]) for t in data["budget_trajectories"]) == sum(len(t.steps) for t in diff.budget_trajectories)
    assert [w["code"] for w in data["warnings"]] == ["stale-budget-label"]
    for key in ("measures", "budgets", "renames", "follow_through", "unplanned_results", "budget_trajectories",
                "program_events", "warnings"):
        ids = [r["id"] for r in data[key]]
        assert all(ids) and len(set(ids)) == len(ids), key
    entry = data["follow_through"][0]
    assert set(entry) >= {"old_measure", "new_measure", "plan", "outcome", "results", "score", "reason",
                          "promised_again"}
    assert set(entry["plan"]) == {"edition", "page", "line", "end_line", "text"} and entry["plan"]["edition"] == "old"
    assert {r["code"] for r in entry["reasons"]} and isinstance(entry["reason"], str)
    # every /1 field is still there
    assert {"kind", "old", "new", "summary", "measures", "budgets", "renames", "programs"} <= set(data)


def test_text_and_markdown_name_every_event_and_warning(diff) -> None:
    text, markdown = render(diff, "text"), render(diff, "markdown")
    for e in diff.program_events:
        assert e.program in text and e.program in markdown
    assert "stale-budget-label" in text and "stale-budget-label" in markdown
    assert "relation: next-year" in text and "relation: next-year" in markdown
    assert len(markdown) < 65_000


def test_text_lists_every_plan_once_per_sentence_with_its_rows(diff) -> None:
    text = render(diff, "text")
    shown = re.findall(r"^  \S+ +ft-\S+ \[old m\d+ → (?:new m\d+|—)\] plan p\.\d+ l\.(\d+)", text, re.M)
    sentences = {(" ".join(e.plan.text.split()), e.outcome) for e in diff.follow_through}
    assert len(shown) == len(sentences) < len(diff.follow_through)  # repeated sentences once
    also = re.findall(r"^ {11}also ft-\S+ \[old m\d+ → (?:new m\d+|—)\] plan p\.\d+ l\.\d+", text, re.M)
    assert len(shown) + len(also) == len(diff.follow_through)  # and every other row of it cited, one line each
    assert re.search(r"\[old m001 → new m001\] plan .*\n(?:.*\n)*? {11}also ft-\S+ \[old m003 ", text)  # 「令和６年度の取組に加え、…」


def test_csv_tables_hold_every_record(diff) -> None:
    steps = _rows(render(diff, "csv", ReportOptions(table="budgets")))
    assert len(steps) == sum(len(t.steps) for t in diff.budget_trajectories)
    enacted = [r for r in steps if r["type"] == "request-to-enacted" and r["program"] == "医療機器等研究成果展開事業"]
    assert [(r["from_yen"], r["to_yen"], r["delta_yen"]) for r in enacted] == [("1120000000", "1150000000", "30000000")]
    ledger = _rows(render(diff, "csv", ReportOptions(table="follow-through")))
    assert [int(r["plan_line"]) for r in ledger if r["outcome"] != "unplanned"] == [e.plan.line for e in diff.follow_through]
    assert [r["id"] for r in ledger if r["outcome"] == "unplanned"] == [u.id for u in diff.unplanned_results]
    events = _rows(render(diff, "csv", ReportOptions(table="events")))
    assert [(r["event"], r["program"]) for r in events] == [(e.event, e.program) for e in diff.program_events]


def test_html_cites_every_plan_sentence_every_event_and_draws_a_chart_per_program(diff) -> None:
    page = render(diff, "html")
    assert page.count('class="budget-chart"') == len(diff.budget_trajectories)
    for e in diff.program_events:
        assert f'class="ev-row ev-{e.event}"' in page
    shown_plans = page.count('class="o-row ')
    assert shown_plans == len({(" ".join(e.plan.text.split()), e.outcome) for e in diff.follow_through})
    assert "<script src" not in page and "<link" not in page  # nothing loaded from outside


def test_a_revision_diff_has_no_ledger_and_says_so(seed_edition) -> None:
    d = diff_editions(seed_edition, seed_edition)
    assert d.relation == "revision" and not d.follow_through and not d.unplanned_results
    assert not d.has_changes() and not d.warnings
    assert "relation: revision" in render(d, "text")


def test_fail_on_dropped_and_ended_between_years(diff) -> None:
    assert diff.has_changes(frozenset({"dropped"})) and diff.has_changes(frozenset({"ended"}))
    assert diff.has_changes()  # Basic Plan changes, dropped plans, ended programs


def test_html_budget_cards_never_total_amounts_of_different_years(diff) -> None:
    from policydiff.renderers.html import budget_cards

    cards, _ = budget_cards(diff)
    for card in cards:
        lines = [b for b in diff.budgets if b.status == {"new": "added", "dropped": "removed"}.get(card["cls"], b.status)]
        years = {b.fiscal_year for b in lines if b.status == {"new": "added", "dropped": "removed"}.get(card["cls"])}
        if card["cls"] in ("new", "dropped") and len(years) > 1:
            assert not card["summed"], card
    assert any(c["cls"] == "new" and c["n"] > 1 and not c["summed"] for c in cards)  # FY2025 budgets and FY2026 requests


def test_between_years_any_ignores_the_yearly_news_itself(diff) -> None:
    from dataclasses import replace

    quiet = replace(
        diff,
        measures=tuple(m for m in diff.measures if m.status == "unchanged" and not m.moved),
        follow_through=tuple(e for e in diff.follow_through if e.outcome not in ("dropped", "unclear")),
        program_events=tuple(e for e in diff.program_events if e.event in ("new", "succeeded", "renamed")),
        budget_trajectories=tuple(replace(t, steps=tuple(s for s in t.steps if not s.changed))
                                  for t in diff.budget_trajectories),
    )
    assert quiet.programs_added and quiet.renames and quiet.budgets  # new programs, renames, new amounts
    assert not quiet.has_changes()  # every year has them: not what `any` reports between years
    assert quiet.has_changes(frozenset({"new-program"})) and quiet.has_changes(frozenset({"rename"}))
    # added/removed are measures: a program named for the first time is no added measure (issue 18)
    assert not quiet.has_changes(frozenset({"added"})) and not quiet.has_changes(frozenset({"removed"}))
    assert replace(quiet, relation="revision").has_changes()  # a revision reports them all


def test_html_in_japanese_gives_every_ledger_and_event_reason_in_japanese(diff) -> None:
    # Issue 13: "the reason of every pairing in Japanese when --lang ja" — a plan paired with the result
    # that reports on it is a pairing too. The engine's reasons are English records; the report says them
    # in the reader's language (English with --lang en).
    ja = render(diff, "html", ReportOptions(lang="ja"))
    en = render(diff, "html", ReportOptions(lang="en"))
    cells = re.findall(r'<span class="score">[0-9.]+</span> ([^<]*)</td>', ja)
    assert len(cells) >= 80
    english = [c for c in cells if re.search(r"[A-Za-z]{3,}", c)]
    assert english == [], english[:5]
    assert "same program" in en and "同じ事業" in ja
    # ... and the inferred renames (program events, the rename table) say why in Japanese too
    assert "name similarity" in en and "name similarity" not in ja and "名称の類似度" in ja
