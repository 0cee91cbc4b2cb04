"""The HTML report in a real browser: Debian's Chromium through Playwright, opened from disk with
every non-file request aborted, asserting on what a person sees.

A missing browser skips these tests on a workstation and fails them in CI (CI=true). Screenshots
go to tmp_path, or to tests/data/html/ with POLICYDIFF_WRITE_SCREENSHOTS=1 (for the README).
"""

from __future__ import annotations

import os
from pathlib import Path

import html_cases as cases
import pytest

from policydiff.renderers.html import render_html
from policydiff.renderers.options import ReportOptions

HERE = Path(__file__).resolve().parent / "data" / "html"


@pytest.fixture(scope="module")
def diffs():
    return {"pair": cases.edited_pair(synthetic="19→17億円, m010 deleted, a program renamed"),
            "plans": cases.real_plans(),
            "hostile": cases.pair(cases.injected_text(), "hostile.txt")}


@pytest.fixture(scope="module")
def reports(tmp_path_factory, diffs):
    folder = tmp_path_factory.mktemp("reports")
    options = ReportOptions(generated_at="2026-11-25 10:00 UTC")
    paths = {}
    for name, diff in diffs.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(render_html(diff, options), encoding="utf-8")
    return paths


def test_summary_counts_are_shown(opened, reports, diffs):
    page = opened(reports["pair"]).page
    counts = diffs["pair"].summary()["measures"]
    for kind in ("changed", "added", "removed", "moved", "split", "merged", "unchanged"):
        assert page.locator(f".card.c-{kind} .n").inner_text() == str(counts[kind])
    assert counts["removed"] == 1 and counts["changed"] >= 1
    assert page.locator(".banner").is_visible()
    assert "合成版" in page.locator(".banner").inner_text()


def test_budget_cut_is_shown_with_its_delta(opened, reports):
    page = opened(reports["pair"]).page
    row = page.locator("#budgets tbody tr", has_text=cases.BUDGET_PROGRAM)
    assert row.count() == 1
    text = row.inner_text()
    assert "19億円" in text and "17億円" in text and "▲2億円" in text and "減額" in text
    assert row.locator(".delta .amt").get_attribute("title") == "-200,000,000円"


def test_rename_table_lists_the_renamed_program(opened, reports):
    page = opened(reports["pair"]).page
    old, new = cases.RENAMED
    row = page.locator("#renames tbody tr", has_text=new)
    assert row.count() == 1 and old in row.inner_text() and "推定" in row.inner_text()


def _visible_measures(page) -> int:
    return page.locator("article.measure:visible").count()


def test_only_changed_filter_hides_unchanged_measures(opened, reports, diffs):
    page = opened(reports["pair"]).page
    total = len(diffs["pair"].measures)
    changes = sum(1 for m in diffs["pair"].measures if m.substantive or m.moved)
    assert _visible_measures(page) == total
    unchanged = page.locator("article.measure[data-change='0']").first
    assert unchanged.is_visible()
    page.get_by_label("変更のみ").check()
    assert _visible_measures(page) == changes < total
    assert unchanged.is_hidden()
    assert page.locator(f"#m-{cases.DELETED_ID}-x").is_visible()
    assert page.locator("#f-count").inner_text() == f"{changes} / {total} 件"
    page.keyboard.press("j")  # straight after the checkbox: j still goes to the first change
    assert page.evaluate("document.activeElement.id") == page.locator("article.measure:visible").first.get_attribute("id")


def test_search_and_ministry_filters_narrow_the_list(opened, reports):
    page = opened(reports["pair"]).page
    page.locator("#f-search").fill(cases.RENAMED[1])
    ids = page.locator("article.measure:visible").evaluate_all("els => els.map(e => e.id)")
    assert ids and all(i.startswith("m-m0") for i in ids) and len(ids) == 4
    page.locator("#f-search").fill("")
    page.locator("#f-ministry").select_option("文")
    codes = page.locator("article.measure:visible").evaluate_all("els => els.map(e => e.dataset.ministries)")
    assert codes and all("文" in c.split() for c in codes)


def test_j_and_k_move_to_the_next_and_previous_change(opened, reports, diffs):
    page = opened(reports["pair"]).page
    stops = page.locator("article.measure[data-change='1']").evaluate_all("els => els.map(e => e.id)")
    assert len(stops) >= 2
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == stops[0]
    assert page.locator(f"#{stops[0]}").get_attribute("aria-current") == "true"
    assert page.locator(f".tree [data-target='{stops[0]}']").get_attribute("aria-current") == "location"
    top = page.evaluate(f"document.getElementById('{stops[0]}').getBoundingClientRect().top")
    assert 0 <= top < 200  # scrolled to, below the sticky toolbar
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == stops[1]
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == stops[0]
    assert page.locator("[aria-current='true']").count() == 1


def test_toggle_switches_a_measure_to_the_side_by_side_table(opened, reports):
    page = opened(reports["pair"]).page
    measure = page.locator("#m-m004")
    assert measure.locator(".redline").is_visible() and measure.locator(".sbs").is_hidden()
    measure.locator(".toggle").click()
    assert measure.locator(".sbs").is_visible() and measure.locator(".redline").is_hidden()
    cells = measure.locator(".sbs tr", has_text="17億円の内数").locator("td")
    assert "19" in cells.nth(0).inner_text() and "17" in cells.nth(1).inner_text()
    assert cells.nth(0).locator("del").inner_text() == "19" and cells.nth(1).locator("ins").inner_text() == "17"


def test_budget_table_sorts_by_delta(opened, reports):
    page = opened(reports["plans"]).page
    page.locator("#budgets thead th", has_text="差額").locator("button").click()
    deltas = page.locator("#budgets tbody td.delta").evaluate_all("els => els.map(e => e.dataset.sort)")
    numbers = [int(d) for d in deltas if d]
    assert numbers == sorted(numbers) and deltas[: len(numbers)] == [str(n) for n in numbers]
    page.locator("#budgets thead th", has_text="差額").locator("button").click()
    deltas = page.locator("#budgets tbody td.delta").evaluate_all("els => els.map(e => e.dataset.sort)")
    assert [int(d) for d in deltas if d] == sorted(numbers, reverse=True)


def test_script_in_source_text_is_shown_and_does_not_run(opened, reports):
    page = opened(reports["hostile"]).page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    text = page.locator("#m-m009").inner_text()
    assert "<script>window.__pwned=1</script>" in text and "javascript:alert(1)" in text
    assert "⟨U+202E⟩evil⟨U+202C⟩" in text
    assert page.locator("main a[href^='javascript:']").count() == 0


def test_results_against_plans_report_reads_as_columns(opened, reports, diffs):
    page = opened(reports["plans"]).page
    assert page.locator("article.measure").count() == len(diffs["plans"].measures)
    first = page.locator("article.measure[data-change='1']").first
    heads = first.locator(".sbs thead th").all_inner_texts()
    assert heads == ["令和6年度（2024）の実績", "令和7年度（2025）の取組予定"]
    assert first.locator(".sbs").is_visible()  # this kind opens on the side-by-side table


def test_without_javascript_measures_and_budgets_are_readable(opened, reports, diffs):
    page = opened(reports["pair"], javascript=False).page
    assert page.locator("#toolbar").is_hidden()
    assert _visible_measures(page) == len(diffs["pair"].measures)
    m004 = page.locator("#m-m004")
    assert m004.locator(".redline").is_visible() and m004.locator(".sbs").is_visible()
    row = page.locator("#budgets tbody tr", has_text=cases.BUDGET_PROGRAM)
    assert row.is_visible() and "▲2億円" in row.inner_text()
    assert page.locator(f"#m-{cases.DELETED_ID}-x").is_visible()


# What a full-page screenshot of a report showed, read from the DOM instead (a 31,700 px screenshot took
# over 30 s on a loaded machine): laid out whole (every measure and budget row has a box), nothing wider
# than the window, and the Japanese drawn in a CJK font, not a fallback of empty boxes.
LAYOUT_JS = """async () => {
    await document.fonts.ready;
    const flat = sel => [...document.querySelectorAll(sel)].filter(e => e.getBoundingClientRect().height < 8).length;
    return {width: document.documentElement.scrollWidth, window: innerWidth,
            height: document.documentElement.scrollHeight, measures: document.querySelectorAll('article.measure').length,
            flat: flat('article.measure') + flat('#budgets tbody tr')};
}"""


def _fonts_drawing(page, selector: str) -> dict[str, int]:
    """The platform fonts Chromium drew SELECTOR's own text with, and how many glyphs each (DevTools)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return {f["familyName"]: f["glyphCount"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


@pytest.mark.parametrize("name", ["plans", "pair"])
def test_each_report_is_laid_out_whole_within_the_window_in_a_cjk_font(opened, reports, diffs, name):
    page = opened(reports[name]).page
    layout = page.evaluate(LAYOUT_JS)
    assert layout["measures"] == len(diffs[name].measures) > 50
    assert layout["flat"] == 0 and layout["width"] <= layout["window"]
    # every measure's text is on the page, not one screenful (the parser warnings are collapsed since issue 21)
    assert layout["height"] > 15 * 900
    fonts = _fonts_drawing(page, "h1")
    assert fonts and all("CJK" in family or "IPA" in family for family in fonts), fonts


def test_one_screenful_of_the_report_is_drawn(opened, reports, tmp_path):
    """One viewport screenshot (POLICYDIFF_WRITE_SCREENSHOTS=1 keeps it under tests/data/html/)."""
    folder = HERE if os.environ.get("POLICYDIFF_WRITE_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page = opened(reports["pair"]).page
    page.evaluate("document.fonts.ready.then(() => true)")
    shot = folder / "report-edited-pair.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
