"""A sign-off applies to the record it is on (issue 18). A plan sentence repeated in several rows of the
ledger is shown once; each of its rows keeps its own mark box, and the page says how many are marked.
Selecting one mark never signs off the other rows without a word. On the real FY2024 report against
the hand-written SYNTHETIC FY2025 edition (tests/data/nextyear)."""

from __future__ import annotations

import json
import re

import pytest
import yoy_eval

from policydiff import load_edition, render
from policydiff.diffengine.engine import diff_editions
from policydiff.diffengine.review import Mark
from policydiff.renderers.options import ReportOptions


@pytest.fixture(scope="module")
def diff():
    return diff_editions(load_edition(yoy_eval.OLD_PATH), load_edition(yoy_eval.NEW_PATH))


def _groups(page: str) -> list[tuple[str, list[str]]]:
    """Each ledger sentence standing in several rows: its count line and its boxes' ids."""
    out = []
    for block in re.findall(r'<div class="mark-group" data-total="\d+">(.*?)</ul></div>', page, re.S):
        count = re.search(r'<span class="mark-count"[^>]*>([^<]*)</span>', block).group(1)
        out.append((count, re.findall(r'<div class="mark" data-change-id="([\w.-]+)"', block)))
    return out


def test_a_mark_box_stands_for_one_record(diff):
    page = render(diff, "html", ReportOptions(lang="en"))
    assert "data-also" not in page
    ids = re.findall(r'<div class="mark" data-change-id="([\w.-]+)"', page)
    assert len(ids) == len(set(ids))
    groups = _groups(page)
    assert groups and max(len(g) for _, g in groups) >= 5  # the program sentence repeated in many rows
    entries = {e.id for e in diff.follow_through}
    for count, boxes in groups:
        assert set(boxes) <= entries and count == f"0 of {len(boxes)} marked"


def test_one_mark_in_a_repeated_sentence_marks_its_row_and_the_page_says_how_many(diff):
    page = render(diff, "html", ReportOptions(lang="en"))
    count, boxes = max(_groups(page), key=lambda g: len(g[1]))
    mark = Mark(boxes[1], "accepted", "checked p.2", "A. Auditor", "2026-12-02T00:00:00Z")
    marked = render(diff, "html", ReportOptions(lang="en", marks=(mark,)))
    (count,) = [c for c, b in _groups(marked) if b == boxes]
    assert count == f"1 of {len(boxes)} marked"
    states = dict(re.findall(r'<div class="mark" data-change-id="([\w.-]+)" data-mark="(\w*)"', marked))
    assert [states[i] for i in boxes] == ["", "accepted", *[""] * (len(boxes) - 2)]
    ja = render(diff, "html", ReportOptions(lang="ja", marks=(mark,)))
    assert f"{len(boxes)}行中1行に記録あり" in ja


@pytest.mark.slow
def test_in_the_browser_one_selection_marks_one_row_and_the_count_follows(diff, tmp_path, opened):
    report = tmp_path / "nextyear.html"
    report.write_text(render(diff, "html", ReportOptions(lang="en")), encoding="utf-8")
    page = opened(report, True, 1280, 900).page
    group = page.locator(".mark-group").first
    boxes = group.locator(".mark")
    total = boxes.count()
    assert total > 1 and group.locator(".mark-count").inner_text() == f"0 of {total} marked"
    boxes.nth(0).locator("select").select_option("query")
    assert group.locator(".mark-count").inner_text() == f"1 of {total} marked"
    with page.expect_download() as info:
        page.locator("#download-marks").click()
    saved = tmp_path / "marks.json"
    info.value.save_as(saved)
    marks = json.loads(saved.read_text(encoding="utf-8"))["marks"]
    assert [(m["id"], m["mark"]) for m in marks] == [(boxes.nth(0).get_attribute("data-change-id"), "query")]
