"""The HTML report as an auditor reads it (issue 13): the summary cards agree with the status filter,
the budget amounts are reachable on a 390 px phone, printing keeps the synthetic banner on every page
and opens every collapsed text, and the next-year records (ledger rows, budget steps, program events)
take review marks like the measures do.

Three reports, as `make demo` and the next-year test data make them: the real edition against its
synthetic variant (`diff fy2024 fy2024-synthetic`), the real edition's results against its plans, and
FY2024 against the hand-written FY2025 (tests/data/nextyear/). The browser is Debian's Chromium through
Playwright, opened from disk with every non-file request aborted (tests/test_browser.py)."""

from __future__ import annotations

import re
from pathlib import Path

import html_cases as cases
import pytest
import yoy_eval

from policydiff import api, load_edition
from policydiff.diffengine.engine import diff_editions
from policydiff.renderers.html import render_html
from policydiff.renderers.options import ReportOptions

KINDS = ("changed", "added", "removed", "moved", "split", "merged", "format", "unchanged")


@pytest.fixture(scope="module")
def diffs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    synthetic = folder / "fy2024-synthetic.txt"
    synthetic.write_text(api.synth(cases.SEED, seed=2025).text, encoding="utf-8")  # as `make demo`
    return {"pair": api.diff(cases.SEED, synthetic),
            "plans": cases.real_plans(),
            "nextyear": diff_editions(load_edition(yoy_eval.OLD_PATH), load_edition(yoy_eval.NEW_PATH))}


@pytest.fixture(scope="module")
def reports(tmp_path_factory, diffs):
    folder = tmp_path_factory.mktemp("reports")
    paths = {}
    for name, diff in diffs.items():
        for lang in ("ja", "en"):
            path = folder / f"{name}-{lang}.html"
            path.write_text(render_html(diff, ReportOptions(lang=lang, generated_at="2026-12-02 00:00 UTC")),
                            encoding="utf-8")
            paths[name, lang] = path
    return paths


REPORTS = [(name, lang) for name in ("pair", "plans", "nextyear") for lang in ("ja", "en")]

# ---------------------------------------------------------------- cards and filters


def _cards(html: str) -> dict[str, int]:
    return {k: int(n) for k, n in re.findall(r'<a class="card c-(\w+)[^"]*" href="#measures" data-kind="\1">'
                                             r'<span class="n">(\d+)</span>', html)}


@pytest.mark.parametrize("name,lang", REPORTS)
def test_measure_cards_add_up_to_the_measures_listed(reports, name, lang):
    html = reports[name, lang].read_text(encoding="utf-8")
    cards = _cards(html)
    articles = re.findall(r'<article class="measure[^"]*"[^>]* data-kind="(\w+)"', html)
    assert articles and len(articles) == html.count('<article class="measure')
    assert sum(cards.values()) == len(articles)
    for kind, n in cards.items():
        assert articles.count(kind) == n, kind
        # the status filter offers the same number under the same name
        option = re.search(rf'<option value="{kind}">[^<]*\((\d+)\)</option>', html)
        assert option and int(option.group(1)) == n, kind


def test_a_split_counts_each_listed_part_and_says_how_many_it_came_from(reports, diffs):
    html = reports["pair", "en"].read_text(encoding="utf-8")
    parts = [m for m in diffs["pair"].measures if m.status == "split"]
    assert len(parts) == 2 and len({m.old_id for m in parts}) == 1  # the demo pair splits one measure in two
    assert _cards(html)["split"] == 2
    assert re.search(r'data-kind="split">.*?1 measure into 2', html, re.S)


# ---------------------------------------------------------------- in Chromium

browser_test = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    from test_browser import ARGS, CHROMIUM, _unavailable

    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def opened(browser):
    from test_browser import Opened

    pages: list[Opened] = []

    def open_(path: Path, javascript: bool = True, width: int = 1400, height: int = 900):
        pages.append(Opened(browser, path, javascript, width, height))
        return pages[-1].page

    yield open_
    for o in pages:
        o.close()  # asserts: no console errors, nothing fetched from outside


@browser_test
@pytest.mark.parametrize("name,lang", REPORTS)
def test_clicking_a_card_filters_like_the_filter_of_the_same_name(opened, reports, name, lang):
    page = opened(reports[name, lang])
    total = page.locator("article.measure").count()
    page.locator("#f-search").fill("zzz-nothing")  # a card shows its kind whatever was filtered before
    cards = page.locator(".card[data-kind]")
    seen = 0
    for k in range(cards.count()):
        card = cards.nth(k)
        kind, n = card.get_attribute("data-kind"), int(card.locator(".n").inner_text())
        card.click()
        assert page.locator("#f-kind").input_value() == kind
        assert page.locator("article.measure:visible").count() == n, kind
        assert page.locator("#f-count").inner_text().startswith(str(n)), kind
        page.locator("#f-kind").select_option("")
        page.locator("#f-kind").select_option(kind)
        assert page.locator("article.measure:visible").count() == n, kind
        seen += n
    assert seen == total
