"""Terminal, Markdown, CSV and JSON output: golden files on the real report, and no silent drops."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from policydiff import parse_report
from policydiff.diffengine.engine import diff_editions
from policydiff.diffengine.plans import results_vs_plans
from policydiff.diffengine.selection import select
from policydiff.renderers import REPORTS, render
from policydiff.renderers.markdown import render_markdown
from policydiff.renderers.options import ReportOptions


@pytest.fixture(scope="module")
def plans_diff(seed_edition):
    return results_vs_plans(seed_edition)


@pytest.fixture(scope="module")
def edited_diff(seed_edition, seed_bytes):
    """The real edition against a hand-edited copy: a budget cut, a removed row, a renamed program."""
    lines = seed_bytes.decode("utf-8").split("\n")
    lines[49] = lines[49].replace("19億円", "17億円")
    m10 = next(m for m in seed_edition.measures if m.id == "m010")
    m11 = next(m for m in seed_edition.measures if m.id == "m011")
    del lines[m10.line - 1 : m11.line - 1]
    text = "\n".join(x.replace("医療機器開発推進研究事業", "医療機器開発加速研究事業") for x in lines)
    return diff_editions(seed_edition, parse_report(text, source_name="edited.txt"))


def test_results_vs_plans_text_matches_golden(plans_diff, golden):
    golden("plans-fy2024.txt", render(plans_diff, "text"))


def test_results_vs_plans_markdown_matches_golden(plans_diff, golden):
    golden("plans-fy2024.md", render(plans_diff, "markdown"))


def test_labelled_synthetic_pair_text_and_markdown_match_golden(seed_edition, seed_bytes, golden):
    from policydiff.versions.synthetic import make_synthetic

    made = make_synthetic(seed_bytes.decode("utf-8"), seed=2025, n_edits=12)  # the demo's synthetic edition
    diff = diff_editions(seed_edition, parse_report(made.text, source_name="fy2024-synthetic.txt"))
    text, markdown = render(diff, "text"), render(diff, "markdown")
    assert "SYNTHETIC" in text and "SYNTHETIC" in markdown
    golden("synthetic-pair.txt", text)
    golden("synthetic-pair.md", markdown)


def test_edited_pair_text_and_markdown_match_golden(edited_diff, golden):
    golden("edited-pair.txt", render(edited_diff, "text"))
    golden("edited-pair.md", render(edited_diff, "markdown"))


def _section(text: str, heading: str) -> list[str]:
    """The lines of a section of the text report: after HEADING, up to the next blank line."""
    lines = text.split("\n")
    if heading not in lines:
        return []
    rest = lines[lines.index(heading) + 1:]
    return rest[:rest.index("")] if "" in rest else rest


def rows_in(fmt: str, out: str) -> tuple[int, int, int]:
    """(measures, budget lines, renames) as each format lays them out, counted, not searched for."""
    if fmt == "json":
        data = json.loads(out)
        return len(data["measures"]), len(data["budgets"]), len(data["renames"])
    if fmt == "html":
        return (out.count('<article class="measure'), len(re.findall(r'<tr id="b-\d+"', out)),
                len(re.findall(r'<tr id="r-\d+"', out)))
    if fmt == "markdown":
        lines = out.split("\n")
        return (sum(1 for x in lines if x.startswith("<details><summary>")),
                sum(1 for x in lines if re.match(r"\| (changed|added|removed) \|", x)),
                sum(1 for x in lines if re.match(r"\| .+ \| (explicit|similarity) \| \d\.\d\d \|", x)))
    if fmt == "csv":
        return 0, len(list(csv.DictReader(io.StringIO(out[1:])))), 0
    # "~ m004 → m004 …": a sign, then the ids
    return (sum(1 for x in out.split("\n") if re.match(r"[~+\-<>] \S+ → \S+ ", x)),
            len(_section(out, "Budget lines:")), len(_section(out, "Renames and successions:")))


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html", "csv"])
def test_every_row_of_the_diff_is_a_row_of_every_format(edited_diff, plans_diff, fmt):
    """A dropped budget line or rename changes a count; a name that survives elsewhere would not."""
    for diff in (edited_diff, plans_diff):
        shown = sum(1 for m in diff.measures if diff.reads_as(m) != "unchanged")
        measures = {"json": len(diff.measures), "html": len(diff.measures), "csv": 0}.get(fmt, shown)
        renames = 0 if fmt == "csv" else len(diff.renames)
        assert diff.budgets and shown
        assert rows_in(fmt, render(diff, fmt)) == (measures, len(diff.budgets), renames), fmt


def test_a_dropped_budget_line_changes_the_count_in_every_format(edited_diff):
    from dataclasses import replace

    fewer = replace(edited_diff, budgets=edited_diff.budgets[1:])
    for fmt in ("text", "json", "markdown", "html", "csv"):
        assert rows_in(fmt, render(fewer, fmt))[1] == rows_in(fmt, render(edited_diff, fmt))[1] - 1, fmt


def test_csv_lists_every_budget_change_with_bom_for_excel(edited_diff, plans_diff):
    for diff in (edited_diff, plans_diff):
        out = render(diff, "csv")
        assert out.startswith("\ufeff")
        rows = list(csv.DictReader(io.StringIO(out[1:])))
        assert len(rows) == len(diff.budgets)
        assert [r["program"] for r in rows] == [b.program for b in diff.budgets]
    cut = next(r for r in csv.DictReader(io.StringIO(render(edited_diff, "csv")[1:]))
               if r["program"] == "医工連携イノベーション推進事業")
    assert (cut["old_yen"], cut["new_yen"], cut["delta_yen"]) == ("1900000000", "1700000000", "-200000000")


def test_markdown_stays_under_the_comment_limit_with_a_truncation_note(plans_diff):
    out = render_markdown(plans_diff, ReportOptions(limit=6_000, full_report="plans.html"))
    assert len(out) <= 6_000
    assert "Truncated" in out and "plans.html" in out
    assert len(render_markdown(plans_diff)) < 65_000


def test_text_colours_only_when_asked(edited_diff):
    plain = render(edited_diff, "text")
    coloured = render(edited_diff, "text", ReportOptions(color=True))
    assert "\033[" not in plain and "[-19-]{+17+}" in plain
    assert "\033[31m[-19-]\033[0m" in coloured  # the markers stay: a log that drops colour still reads them


def test_filters_keep_matching_measures_and_their_budget_lines(edited_diff):
    removed = select(edited_diff, statuses=["removed"])
    assert [m.old_id for m in removed.measures] == ["m010"]
    assert not removed.budgets
    m004 = select(edited_diff, measures=["m004"])
    assert [m.old_id for m in m004.measures] == ["m004"]
    assert [b.program for b in m004.budgets] == ["医工連携イノベーション推進事業"]
    kei = select(edited_diff, ministries=["経"])
    assert kei.measures and all("経" in m.ministries for m in kei.measures)


def test_registry_has_one_renderer_per_format():
    assert set(REPORTS) >= {"text", "json", "markdown", "csv", "html"}


def test_every_parser_warning_in_a_text_report_names_its_measure(edited_diff, seed_edition):
    """The typo-oku warnings are worded 「read 憶円 as 億円 in '…'」, without their measure: the HTML showed it
    from ParseWarning.measure, the text and Markdown reports and `show` did not (closing note of round 3)."""
    from policydiff.renderers.edition_text import render_edition_text

    oku = [w for w in seed_edition.warnings if w.code == "typo-oku"]
    assert oku and all(w.measure and not w.message.startswith(w.measure) for w in oku)
    shown = render_edition_text(seed_edition, ReportOptions())
    for text in (render(edited_diff, "text", ReportOptions()), render_markdown(edited_diff), shown):
        for w in oku:
            assert f"{w.measure}: {w.message}" in text
