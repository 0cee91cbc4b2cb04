"""Issue 13, done-when: a reviewer marks three changes in the HTML report in Chromium, downloads the
marks, `policydiff review --import` brings them into the archive, and the next report shows them, also
read-only with JavaScript off. The report is opened from disk with every non-file request aborted."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from policydiff.cli import cli

pytestmark = pytest.mark.slow

PAIR = ("fy2024", "fy2024-synthetic")
CHOICES = (("accepted", "checked p.1"), ("query", "ask the ministry"), ("rejected", "not a change"))


def run(archive, *args: str):
    result = CliRunner().invoke(cli, ["--archive", str(archive), *args])
    assert result.exit_code in (0, 1), result.output
    return result


def test_marks_made_in_the_browser_are_downloaded_imported_and_shown(opened, seeded, synthetic, tmp_path):
    run(seeded, "ingest", str(synthetic))  # the seed's synthetic next edition (seed 2025, 12 edits)
    report = tmp_path / "report.html"
    run(seeded, "diff", *PAIR, "--format", "html", "-o", str(report))

    first = opened(report)
    page, errors = first.page, first.errors
    controls = page.locator(".mark select")
    assert controls.count() >= 3
    ids = []
    for k, (state, note) in enumerate(CHOICES):
        box = page.locator(".mark").nth(k)
        ids.append(box.get_attribute("data-change-id"))
        box.locator("select").select_option(state)
        box.locator("input").fill(note)
    with page.expect_download() as info:
        page.locator("#download-marks").click()
    marks_file = tmp_path / "marks.json"
    info.value.save_as(marks_file)
    assert not errors, errors
    downloaded = json.loads(marks_file.read_text(encoding="utf-8"))
    assert [(m["id"], m["mark"], m["note"]) for m in downloaded["marks"]] == [
        (i, s, n) for i, (s, n) in zip(ids, CHOICES, strict=True)]

    assert CliRunner().invoke(cli, ["--archive", str(seeded), "review", *PAIR, "--import", str(marks_file),
                                    "--by", "Tess Tester"]).exit_code == 0
    again = tmp_path / "again.html"
    run(seeded, "diff", *PAIR, "--format", "html", "-o", str(again))
    for javascript in (True, False):
        shown_again = opened(again, javascript)
        page, errors = shown_again.page, shown_again.errors
        for i, (state, note) in zip(ids, CHOICES, strict=True):
            shown = page.locator(f'.mark[data-change-id="{i}"] .mark-state')
            assert shown.inner_text().strip().startswith(state) or state in shown.get_attribute("class")
            assert note in page.locator(f'.mark[data-change-id="{i}"]').inner_text()
            assert "Tess Tester" in page.locator(f'.mark[data-change-id="{i}"]').inner_text()
        assert not errors, errors
        if javascript:
            selects = [page.locator(f'.mark[data-change-id="{i}"] select').input_value() for i in ids]
            assert selects == [s for s, _ in CHOICES]
        else:
            assert page.locator(".mark select").count() == 0  # read-only without JavaScript
