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

import html_cases as cases
import pytest
import yoy_eval

from policydiff import api, load_edition
from policydiff.diffengine.engine import diff_editions
from policydiff.renderers.html import render_html
from policydiff.renderers.options import ReportOptions

KINDS = ("changed", "added", "removed", "moved", "split", "merged", "format", "unchanged")


@pytest.fixture(scope="module")
def diffs(synthetic):
    return {"pair": api.diff(cases.SEED, synthetic),  # as `make demo`: the seed's synthetic variant, seed 2025
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
    return {k: int(n) for k, n in re.findall(r'<a class="card c-(\w+)[^"]*" href="#measures" data-kind="\1" '
                                             r'data-rows="\d+"><span class="n">(\d+)</span>', html)}


@pytest.mark.parametrize("name,lang", REPORTS)
def test_measure_cards_give_the_counts_of_every_format_and_the_rows_each_filter_shows(reports, diffs, name, lang):
    html = reports[name, lang].read_text(encoding="utf-8")
    cards = _cards(html)
    counts = diffs[name].summary()["measures"]
    assert cards == {k: counts[k] for k in cards} and set(cards) == set(counts)  # as text and JSON count them
    articles = re.findall(r'<article class="measure[^"]*"[^>]* data-kinds="([\w ]+)"', html)
    assert articles and len(articles) == html.count('<article class="measure')
    for kind, n in cards.items():
        rows = int(re.search(rf'data-kind="{kind}" data-rows="(\d+)"', html).group(1))
        assert sum(kind in a.split() for a in articles) == rows, kind
        # the status filter offers the same number under the same name
        option = re.search(rf'<option value="{kind}">[^<]*\((\d+)\)</option>', html)
        assert option and int(option.group(1)) == n, kind


def test_a_split_counts_once_and_says_how_many_rows_it_became(reports, diffs):
    html = reports["pair", "en"].read_text(encoding="utf-8")
    parts = [m for m in diffs["pair"].measures if m.status == "split"]
    assert len(parts) == 2 and len({m.old_id for m in parts}) == 1  # the demo pair splits one measure in two
    assert _cards(html)["split"] == 1
    assert re.search(r'data-kind="split" data-rows="2">.*?1 measure into 2', html, re.S)


# ---------------------------------------------------------------- in Chromium

browser_test = pytest.mark.slow


@browser_test
@pytest.mark.parametrize("name,lang", REPORTS)
def test_clicking_a_card_filters_like_the_filter_of_the_same_name(opened, reports, name, lang):
    page = opened(reports[name, lang]).page
    total = page.locator("article.measure").count()
    page.locator("#f-search").fill("zzz-nothing")  # a card shows its kind whatever was filtered before
    cards = page.locator(".card[data-kind]")
    seen = 0
    for k in range(cards.count()):
        card = cards.nth(k)
        kind, n = card.get_attribute("data-kind"), int(card.get_attribute("data-rows"))
        card.click()
        assert page.locator("#f-kind").input_value() == kind
        assert page.locator("article.measure:visible").count() == n, kind
        assert page.locator("#f-count").inner_text().startswith(str(n)), kind
        page.locator("#f-kind").select_option("")
        page.locator("#f-kind").select_option(kind)
        assert page.locator("article.measure:visible").count() == n, kind
        seen += n if kind not in ("moved", "format") else 0  # a moved row also counts as its status
    assert seen == total


# ---------------------------------------------------------------- review marks on every record


def _mark_ids(html: str) -> set[str]:
    ids = re.findall(r'<div class="mark" data-change-id="([\w.-]+)"', html)
    assert len(ids) == len(set(ids))  # a box signs off the one record it is on
    return set(ids)


@pytest.mark.parametrize("name", ["pair", "nextyear"])
def test_every_change_review_lists_has_a_mark_box_and_no_box_names_another(reports, diffs, name):
    from policydiff.diffengine.review import reviewable

    listed = {r.id for r in reviewable(diffs[name])}
    shown = _mark_ids(reports[name, "ja"].read_text(encoding="utf-8"))
    assert shown == listed, (sorted(listed - shown)[:5], sorted(shown - listed)[:5])


def test_review_lists_the_budget_steps_that_moved(diffs):
    from policydiff.diffengine.ids import step_id
    from policydiff.diffengine.review import reviewable
    from policydiff.renderers.review_sheet import summary

    d = diffs["nextyear"]
    steps = {r.id: r for r in reviewable(d) if r.kind == "budget-step"}
    moved = {step_id(t.id, s): (t, s) for t in d.budget_trajectories for s in t.steps if s.changed}
    assert set(steps) == set(moved) and len(moved) == 24  # with the new program's new line
    t, s = next(v for v in moved.values() if v[1].type == "request-to-enacted" and v[1].delta_yen)
    assert t.program in summary(steps[step_id(t.id, s)], d)


def test_a_report_of_one_edition_offers_no_marks_review_could_not_take(reports):
    html = reports["plans", "ja"].read_text(encoding="utf-8")  # `review` compares two archived editions
    assert _mark_ids(html) == set() and 'id="download-marks"' not in html


def _cli(archive, *args: str):
    from click.testing import CliRunner

    from policydiff.cli import cli

    result = CliRunner().invoke(cli, ["--archive", str(archive), *args])
    assert result.exit_code in (0, 1), result.output
    return result


@browser_test
def test_ledger_rows_budget_steps_and_program_events_are_marked_downloaded_imported_and_shown(opened, seeded,
                                                                                               tmp_path):
    _cli(seeded, "ingest", str(yoy_eval.NEW_PATH))
    pair = ("fy2024", "fy2025-synthetic")
    report = tmp_path / "nextyear.html"
    _cli(seeded, "diff", *pair, "--format", "html", "-o", str(report))
    page = opened(report).page
    boxes = {  # a row of a ledger sentence repeated in several rows (its own box), a step, an event
        "ledger": page.locator("#follow-through .mark-group .mark").nth(1),
        "step": page.locator("#trajectories table.steps .mark").first,
        "event": page.locator("#events .mark").first,
    }
    choices = {"ledger": ("query", "which rows?"), "step": ("accepted", "p.1 l.46"), "event": ("rejected", "still runs")}
    ids = {}
    for what, box in boxes.items():
        ids[what] = [box.get_attribute("data-change-id")]
        box.locator("select").select_option(choices[what][0])
        box.locator("input").fill(choices[what][1])
    assert ids["ledger"][0].startswith("ft-") and ids["step"][0].startswith("bs-") and ids["event"][0].startswith("ev-")
    with page.expect_download() as info:
        page.locator("#download-marks").click()
    marks_file = tmp_path / "marks.json"
    info.value.save_as(marks_file)
    import json

    downloaded = {m["id"]: (m["mark"], m["note"]) for m in json.loads(marks_file.read_text(encoding="utf-8"))["marks"]}
    assert downloaded == {i: choices[what] for what, group in ids.items() for i in group}

    _cli(seeded, "review", *pair, "--import", str(marks_file), "--by", "Ida Auditor")
    sheet = json.loads(_cli(seeded, "review", *pair, "--format", "json").stdout)
    assert {c["id"]: (c["mark"], c["note"]) for c in sheet["changes"] if c["mark"]} == downloaded
    again = tmp_path / "again.html"
    _cli(seeded, "diff", *pair, "--format", "html", "-o", str(again))
    for javascript in (True, False):
        page = opened(again, javascript).page
        for what, group in ids.items():
            box = page.locator(f'.mark[data-change-id="{group[0]}"]')
            assert box.is_visible()
            state, note = choices[what]
            assert box.locator(".mark-state").count() == 1 and state in box.locator(".mark-state").get_attribute("class")
            assert note in box.inner_text() and "Ida Auditor" in box.inner_text()
            if javascript:
                assert box.locator("select").input_value() == state
            else:
                assert box.locator("select").count() == 0  # read-only without JavaScript


# ---------------------------------------------------------------- a 390 px phone

PHONE = 390

AMOUNTS = ("#budgets td.num", ".m-budgets li", "#trajectories table.points td.num", "#trajectories table.steps td")


# Every amount cell scrolled to (as a reader's tap would: Chromium's scrollIntoViewIfNeeded, centring),
# then checked: inside the viewport and what a tap there would hit (not hidden under a sticky column or
# cut off by its scroll box). One call for all cells: a round trip per cell took half a minute a report.
UNREACHABLE_JS = """selectors => {
    const out = {checked: 0, unreachable: []};
    for (const selector of selectors) {
        document.querySelectorAll(selector).forEach((el, k) => {
            el.scrollIntoViewIfNeeded(true);
            const r = el.getBoundingClientRect();
            const inside = r.width > 0 && r.left >= -0.5 && r.right <= innerWidth + 0.5 && r.top >= -0.5
                && r.bottom <= innerHeight + 0.5;
            const hit = inside ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
            if (!(hit !== null && (el === hit || el.contains(hit)))) out.unreachable.push([selector, k, el.innerText]);
            out.checked += 1;
        });
    }
    return out;
}"""


@browser_test
@pytest.mark.parametrize("name,lang", [("pair", "ja"), ("nextyear", "ja"), ("nextyear", "en"), ("plans", "en")])
def test_on_a_phone_every_budget_amount_is_reachable(opened, reports, name, lang):
    page = opened(reports[name, lang], width=PHONE, height=844).page
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE  # the page itself never scrolls sideways
    found = page.evaluate(UNREACHABLE_JS, list(AMOUNTS))
    assert found["unreachable"] == [] and found["checked"] > 40, found["unreachable"][:5]


@browser_test
@pytest.mark.parametrize("javascript", [True, False])
def test_the_budget_table_says_to_scroll_sideways_on_a_phone_only(opened, reports, javascript):
    for lang, words in (("ja", "横にスクロール"), ("en", "scroll sideways")):
        phone = opened(reports["nextyear", lang], javascript, width=PHONE, height=844).page
        hint = phone.locator("#budgets .scroll-hint")
        assert hint.is_visible() and words in hint.inner_text()
        desk = opened(reports["nextyear", lang], javascript, width=1400).page
        assert desk.locator("#budgets .scroll-hint").is_hidden()
        # on the desktop the whole budget table fits: nothing to scroll to
        assert desk.evaluate("(() => { const s = document.querySelector('#budgets .scroll');"
                             " return s.scrollWidth <= s.clientWidth; })()")


# ---------------------------------------------------------------- printing


def _pdf_pages(pdf: bytes) -> list[str]:
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(pdf)
    try:
        return ["".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]
    finally:
        doc.close()


@browser_test
@pytest.mark.parametrize("javascript", [True, False])
def test_printing_repeats_the_synthetic_banner_on_every_page_and_opens_every_details(opened, reports, diffs,
                                                                                      javascript):
    diff = diffs["nextyear"]  # its new side is the hand-written SYNTHETIC FY2025
    assert diff.new.synthetic and not diff.old.synthetic
    page = opened(reports["nextyear", "en"], javascript).page
    closed = page.locator("details:not([open])")
    assert closed.count() > 10
    # the text of a collapsed measure (an unchanged one: its text is folded away on screen)
    folded = "".join(page.locator("details.m-body").first.locator(".redline .text").first.text_content().split())
    assert folded and not page.locator("details.m-body").first.locator(".redline .text").first.is_visible()
    pages = _pdf_pages(page.pdf(format="A4"))
    assert len(pages) > 20
    banner = "".join(f"{diff.new.label} is a synthetic edition".split())
    without = [i + 1 for i, text in enumerate(pages) if banner not in text]
    assert without == [], f"{len(without)} of {len(pages)} pages without the banner: {without[:10]}"
    assert any(folded[:40] in text for text in pages)


def test_the_printed_banner_holds_a_hostile_label_as_text(diffs):
    from dataclasses import replace

    from policydiff.renderers.html import print_banner_css, strings

    label = 'x"; } body { display: none } </style><script>alert(1)</script>\\\u202e\n'
    diff = diffs["nextyear"]
    css = print_banner_css(replace(diff, new=replace(diff.new, label=label)), strings()["en"])
    content = re.search(r'content: "([^"]*)";', css)
    assert content and css.count('"') == 2  # the label cannot end the string
    assert "<" not in css and "\\" + "00003c" in content.group(1) and "\\" + "00007d" in content.group(1)
    assert "⟨U+202E⟩" in content.group(1)  # a bidi override is shown, as everywhere in the page
    assert print_banner_css(replace(diff, new=replace(diff.new, synthetic=False)), strings()["en"]) == ""
