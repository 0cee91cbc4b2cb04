"""HTML layout an auditor can use (issue 21, item 9), on the demo pair (the real report against its
SYNTHETIC variant, as `make demo` makes it) and the next-year pair (tests/data/nextyear, SYNTHETIC):

- at 1280 px the rename table's review column is not clipped;
- at 390 px the ledger's results are on screen;
- in a revision report the measures come right after the summary, budgets and renames, not after the
  budget trajectories and every parser warning;
- the Japanese report says its parser warnings in Japanese.
"""

from __future__ import annotations

import re

import html_cases as cases
import pytest
import yoy_eval

from policydiff import api, load_edition, render
from policydiff.diffengine.engine import diff_editions
from policydiff.renderers.options import ReportOptions


@pytest.fixture(scope="module")
def diffs(tmp_path_factory, synthetic_text):
    folder = tmp_path_factory.mktemp("demo")
    synthetic = folder / "fy2024-synthetic.txt"
    synthetic.write_text(synthetic_text, encoding="utf-8")  # `policydiff synth` of the seed, as `make demo`
    return {"pair": api.diff(cases.SEED, synthetic),
            "nextyear": diff_editions(load_edition(yoy_eval.OLD_PATH), load_edition(yoy_eval.NEW_PATH))}


@pytest.mark.parametrize("name", ["pair", "nextyear"])
def test_the_japanese_report_says_its_parser_warnings_in_japanese(diffs, name):
    page = render(diffs[name], "html", ReportOptions(lang="ja"))
    said = re.findall(r'<span class="pw-text"[^>]*>(.*?)</span>', page)
    warned = sum(len(ref.warnings) for ref in (diffs[name].old, diffs[name].new))
    assert warned and len(said) >= warned
    english = [s for s in said if re.search(r"[A-Za-z]{3,}", re.sub(r"「[^」]*」", "", s))]
    assert english == [], english[:3]
    en = render(diffs[name], "html", ReportOptions(lang="en"))
    assert "the start of the description seems lost" in en  # English keeps the reader's own words


def test_a_revision_report_shows_its_measures_before_the_trajectories(diffs):
    page = render(diffs["pair"], "html")
    assert page.index('<section id="measures"') < page.index('<section id="trajectories"')
    assert '<details class="parser-warnings">' in page  # collapsed: 38 warnings no longer push the measures down


# ---------------------------------------------------------------- in Chromium

LAYOUT_JS = """() => {
    const box = e => e.getBoundingClientRect();
    const out = {};
    const table = document.querySelector(".renames-table");
    if (table) {
        const scroller = box(table.closest(".scroll"));
        out.clipped = [...table.querySelectorAll("th, td")].filter(c => box(c).right > scroller.right + 0.5)
            .map(c => c.innerText.slice(0, 30));
    }
    out.results = [...document.querySelectorAll(".ledger-table td:nth-child(3)")].slice(0, 40)
        .map(c => [box(c).left, box(c).right]);
    out.measures = box(document.getElementById("measures")).top + scrollY;
    out.width = innerWidth;
    return out;
}"""


def _layout(opened, diff, tmp_path, width: int, lang: str = "ja") -> dict:
    path = tmp_path / f"report-{width}-{lang}.html"
    path.write_text(render(diff, "html", ReportOptions(lang=lang)), encoding="utf-8")
    return opened(path, True, width, 900).page.evaluate(LAYOUT_JS)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["pair", "nextyear"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_at_1280_px_no_column_of_the_rename_table_is_clipped(opened, diffs, tmp_path, name, lang):
    got = _layout(opened, diffs[name], tmp_path, 1280, lang)
    assert got["clipped"] == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_at_390_px_the_ledgers_results_are_on_screen(opened, diffs, tmp_path, lang):
    got = _layout(opened, diffs["nextyear"], tmp_path, 390, lang)
    assert len(got["results"]) == 40
    off = [r for r in got["results"] if r[0] < -0.5 or r[1] > got["width"] + 0.5]
    assert off == []


@pytest.mark.slow
def test_at_1280_px_a_revision_reports_measures_start_near_the_top(opened, diffs, tmp_path):
    assert _layout(opened, diffs["pair"], tmp_path, 1280)["measures"] < 2000
