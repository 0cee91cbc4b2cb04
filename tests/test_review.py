"""`policydiff pair` and `policydiff review` (issue 13): the auditor's corrections and marks, kept in the
archive, applied by every later diff of the pair, reported when they no longer fit."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest
from click.testing import CliRunner

from policydiff import api
from policydiff.cli import cli

PAIR = ("fy2024", "fy2024-synthetic")


def run(archive, *args: str, env=None):
    return CliRunner().invoke(cli, ["--archive", str(archive), *args], env=env)


@pytest.fixture
def archive(seeded_and_ingested, synthetic):
    return seeded_and_ingested(str(synthetic))  # the seed and its synthetic variant, ingested once a session


def _measures(archive, *extra: str) -> dict[str, dict]:
    out = run(archive, "diff", *PAIR, "--format", "json", *extra).stdout
    return {m["old_id"]: m for m in json.loads(out)["measures"] if m["old_id"]}


def test_a_link_is_applied_by_later_diffs_and_shown_as_paired_by_the_auditor(archive):
    assert _measures(archive)["m010"]["new_id"] != "m011"
    result = run(archive, "pair", *PAIR, "--link", "m010=m011", "--by", "Alice Auditor")
    assert result.exit_code == 0, result.output
    m010 = _measures(archive)["m010"]
    assert m010["new_id"] == "m011"
    assert m010["match"]["reason"] == "paired by the auditor" and m010["match"]["by"] == "Alice Auditor"
    text = run(archive, "diff", *PAIR).stdout
    assert "paired by the auditor: Alice Auditor" in text


def test_an_unlink_leaves_the_old_measure_unpaired(archive):
    assert _measures(archive)["m004"]["status"] == "changed"
    assert run(archive, "pair", *PAIR, "--unlink", "m004", "--by", "Bob").exit_code == 0
    assert _measures(archive)["m004"]["status"] == "removed"


def test_the_override_is_a_commit_with_both_sources_sha256_and_who(archive):
    assert run(archive, "pair", *PAIR, "--link", "m010=m011", "--by", "Alice").exit_code == 0
    message = subprocess.run(["git", "-C", str(archive), "log", "-1", "--format=%an%n%B"], capture_output=True,
                             text=True, check=True).stdout
    assert message.startswith("Alice\n")  # the auditor authors the commit, not policydiff
    stored = {e.edition: e.sha256 for e in api.editions(archive)}
    assert "link m010=m011" in message and "by: Alice" in message
    assert stored["fy2024"] in message and stored["fy2024-synthetic"] in message


def test_who_comes_from_the_reviewer_variable_when_by_is_not_given(archive):
    assert run(archive, "pair", *PAIR, "--link", "m010=m011", env={"POLICYDIFF_REVIEWER": "Carol"}).exit_code == 0
    assert _measures(archive)["m010"]["match"]["by"] == "Carol"


def test_pair_refuses_a_file_with_a_hint(archive, seed_path, synthetic):
    result = run(archive, "pair", str(seed_path), str(synthetic), "--link", "m010=m011", "--by", "A")
    assert result.exit_code == 2 and "policydiff ingest" in result.stderr


def test_pair_refuses_an_unknown_id_with_a_suggestion(archive):
    result = run(archive, "pair", *PAIR, "--link", "m0100=m011", "--by", "A")
    assert result.exit_code == 2 and "did you mean m010" in result.stderr


def test_a_diff_with_an_override_is_byte_identical_across_runs(archive):
    run(archive, "pair", *PAIR, "--link", "m010=m011", "--by", "A")
    first = run(archive, "diff", *PAIR, "--format", "json").stdout
    assert first == run(archive, "diff", *PAIR, "--format", "json").stdout


def test_overrides_and_marks_survive_reparse_and_are_listed_by_verify(archive):
    run(archive, "pair", *PAIR, "--link", "m010=m011", "--by", "A")
    change = json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)["changes"][0]["id"]
    assert run(archive, "review", *PAIR, "--mark", change, "accepted", "--by", "A").exit_code == 0
    assert run(archive, "reparse").exit_code == 0
    assert _measures(archive)["m010"]["new_id"] == "m011"
    rows = json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)["changes"]
    assert {r["id"]: r["mark"] for r in rows}[change] == "accepted"
    result = run(archive, "verify")
    assert result.exit_code == 0, result.output
    assert "review iryokiki-kihonkeikaku/fy2024..fy2024-synthetic: 1 link(s), 1 mark(s)" in result.output


def test_an_override_of_a_replaced_source_is_reported_not_applied(archive, synthetic, tmp_path):
    run(archive, "pair", *PAIR, "--link", "m010=m011", "--by", "A")
    changed = tmp_path / "next.txt"
    changed.write_text(synthetic.read_text(encoding="utf-8").replace("19億円", "18億円", 1), encoding="utf-8")
    assert run(archive, "ingest", str(changed), "--replace").exit_code == 0
    assert _measures(archive)["m010"]["new_id"] != "m011"
    data = json.loads(run(archive, "diff", *PAIR, "--format", "json").stdout)
    assert any("m010=m011" in line and "replaced" in line for line in data["stale_overrides"])
    assert "stale" in run(archive, "diff", *PAIR).stdout


def test_review_lists_every_change_and_records_a_mark_with_its_note(archive):
    sheet = json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)
    assert sheet["schema"] == "policydiff/review/1"
    diff = api.diff(*(f"iryokiki-kihonkeikaku/{e}" for e in PAIR), archive)
    # two revisions: the budget changes, each rename once (not again as its program event), no step
    assert len(sheet["changes"]) == sum(1 for m in diff.measures if diff.reads_as(m) != "unchanged" or m.moved) \
        + len(diff.budgets) + len(diff.renames) + len(diff.follow_through) + len(diff.unplanned_results) \
        + sum(e.event not in ("succeeded", "renamed") for e in diff.program_events) + len(diff.warnings)
    first = sheet["changes"][0]
    assert set(first) == {"id", "kind", "measure", "summary", "mark", "note", "by", "at"} and first["mark"] is None
    result = run(archive, "review", *PAIR, "--mark", first["id"], "query", "--note", "check p.3", "--by", "Dan")
    assert result.exit_code == 0, result.output
    again = {r["id"]: r for r in json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)["changes"]}
    assert (again[first["id"]]["mark"], again[first["id"]]["note"], again[first["id"]]["by"]) == ("query", "check p.3", "Dan")


def test_review_csv_is_the_sign_off_sheet(archive):
    rows = json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)["changes"]
    run(archive, "review", *PAIR, "--mark", rows[1]["id"], "rejected", "--by", "Eve")
    out = run(archive, "review", *PAIR, "--format", "csv").stdout.lstrip("\ufeff")
    sheet = list(csv.DictReader(io.StringIO(out)))
    assert len(sheet) == len(rows)
    assert {r["id"]: (r["mark"], r["by"]) for r in sheet}[rows[1]["id"]] == ("rejected", "Eve")


def test_review_import_brings_marks_from_a_file(archive, tmp_path):
    rows = json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)["changes"]
    marks = tmp_path / "marks.json"
    marks.write_text(json.dumps({"marks": [{"id": rows[0]["id"], "mark": "accepted", "note": "ok"},
                                           {"id": rows[2]["id"], "mark": "query", "note": ""}]}), encoding="utf-8")
    assert run(archive, "review", *PAIR, "--import", str(marks), "--by", "Fay").exit_code == 0
    again = {r["id"]: r["mark"] for r in json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)["changes"]}
    assert again[rows[0]["id"]] == "accepted" and again[rows[2]["id"]] == "query"


def test_an_unknown_change_id_is_exit_2(archive):
    result = run(archive, "review", *PAIR, "--mark", "m-0000000000", "accepted", "--by", "A")
    assert result.exit_code == 2 and "no change" in result.stderr


def test_marks_on_changes_that_vanished_after_a_re_ingest_are_reported(archive, synthetic, tmp_path):
    rows = json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)["changes"]
    budget = next(r for r in rows if r["kind"] == "budget")
    run(archive, "review", *PAIR, "--mark", budget["id"], "accepted", "--by", "A")
    changed = tmp_path / "next.txt"
    changed.write_text(synthetic.read_text(encoding="utf-8").replace("4.1億円", "4.2億円"), encoding="utf-8")
    assert run(archive, "ingest", str(changed), "--replace").exit_code == 0
    sheet = json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)
    assert [m["id"] for m in sheet["stale_marks"]] == [budget["id"]]
    assert "no longer" in run(archive, "review", *PAIR).stdout


def _first_measure_change(archive) -> dict:
    rows = json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)["changes"]
    return next(r for r in rows if r["kind"] == "measure")


def test_reports_show_marks_and_notes(archive):
    change = _first_measure_change(archive)
    run(archive, "review", *PAIR, "--mark", change["id"], "accepted", "--note", "seen on p.1", "--by", "Gil")
    text = run(archive, "diff", *PAIR).stdout
    assert "mark: accepted by Gil" in text and "seen on p.1" in text
    assert "seen on p.1" in run(archive, "diff", *PAIR, "--format", "markdown").stdout
    marks = json.loads(run(archive, "diff", *PAIR, "--format", "json").stdout)["marks"]
    assert [(m["id"], m["mark"], m["note"], m["by"]) for m in marks] == [(change["id"], "accepted", "seen on p.1", "Gil")]


def test_the_mark_filter_keeps_the_changes_with_those_marks(archive):
    change = _first_measure_change(archive)
    run(archive, "review", *PAIR, "--mark", change["id"], "query", "--by", "Hal")
    only = json.loads(run(archive, "diff", *PAIR, "--mark", "query", "--format", "json").stdout)
    assert [m["id"] for m in only["measures"]] == [change["id"]] and not only["budgets"]
    rest = json.loads(run(archive, "diff", *PAIR, "--mark", "none", "--format", "json").stdout)
    assert change["id"] not in [m["id"] for m in rest["measures"]] and rest["measures"]
    assert run(archive, "diff", *PAIR, "--mark", "acepted").exit_code == 2


def test_the_sign_off_sheet_of_a_next_year_pair_lists_the_annual_layer(seeded):
    from pathlib import Path

    nextyear = Path(__file__).resolve().parent / "data" / "nextyear" / "iryokiki-kihonkeikaku_fy2025-synthetic.txt"
    assert run(seeded, "ingest", str(nextyear)).exit_code == 0
    rows = json.loads(run(seeded, "review", "fy2024", "fy2025-synthetic", "--format", "json").stdout)["changes"]
    d = api.diff("iryokiki-kihonkeikaku/fy2024", "iryokiki-kihonkeikaku/fy2025-synthetic", seeded)
    kinds = {r["kind"] for r in rows}
    assert {"follow-through", "program-event"} <= kinds
    assert {r["id"] for r in rows if r["kind"] == "follow-through"} == {e.id for e in d.follow_through}
    dropped = next(e for e in d.follow_through if e.outcome == "dropped")
    run(seeded, "review", "fy2024", "fy2025-synthetic", "--mark", dropped.id, "query", "--by", "Ida")
    out = json.loads(run(seeded, "diff", "fy2024", "fy2025-synthetic", "--mark", "query", "--format", "json").stdout)
    assert [e["id"] for e in out["follow_through"]] == [dropped.id]
