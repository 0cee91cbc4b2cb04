"""The auditor's workflow on the demo pair (issue 18): `review` lists only the changes between the two
editions, each once, and an auditor's pairing (`pair --link/--unlink`) keeps every budget change
visible. On the real report against its SYNTHETIC variant (known edits: a split, a merge, a budget
edit, a rename), archived as `make demo` archives them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from policydiff.cli import cli

PAIR = ("fy2024", "fy2024-synthetic")


def run(archive, *args: str):
    return CliRunner().invoke(cli, ["--archive", str(archive), *args])


@pytest.fixture
def archive(seeded_and_ingested, synthetic):
    return seeded_and_ingested(str(synthetic), "--edition", "fy2024-synthetic")  # ingested once a session


def _budgets(archive) -> list[dict]:
    return json.loads(run(archive, "diff", *PAIR, "--format", "json").stdout)["budgets"]


def _lines(budgets: list[dict]) -> set[tuple]:
    """Every amount a budget change shows, on each side: what an auditor must still see."""
    return {(b["program"], b["fiscal_year"], side, b[side]["yen"]) for b in budgets for side in ("old", "new")
            if b[side]}


def test_review_of_two_revisions_lists_no_budget_step_that_sits_inside_both_editions(archive):
    changes = json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)["changes"]
    assert {"budget-step", "budget-trajectory"}.isdisjoint(r["kind"] for r in changes)
    assert any(r["kind"] == "budget" for r in changes)  # the budget news between them: the budget changes


def test_review_lists_each_change_once_the_rename_not_again_as_its_program_event(archive):
    changes = json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)["changes"]
    renames = [r for r in changes if r["kind"] == "rename"]
    events = [r for r in changes if r["kind"] == "program-event"]
    assert renames, "the demo pair renames 医療技術等国際展開推進事業"
    for r in renames:
        old = r["summary"].split(" → ")[0]
        assert not [e for e in events if old in e["summary"]], r["summary"]
    # every listed change is a record the diff reports, and the diff reports no other change
    report = json.loads(run(archive, "diff", *PAIR, "--format", "json").stdout)
    told = {m["id"] for m in report["measures"] if m["substantive"] or m["moved"]}  # not format-only ones
    told |= {b["id"] for b in report["budgets"]} | {r["id"] for r in report["renames"]}
    told |= {e["id"] for e in report["program_events"] if e["event"] not in ("succeeded", "renamed")}
    told |= {w["id"] for w in report["warnings"]}
    assert [r["id"] for r in changes] == list(dict.fromkeys(r["id"] for r in changes))
    assert {r["id"] for r in changes} == told


@pytest.mark.parametrize("pairing", [("--link", "m010=m011"), ("--unlink", "m004")])
def test_an_auditors_pairing_keeps_every_budget_change_visible(archive, pairing):
    before = _budgets(archive)
    changed = [b for b in before if b["status"] == "changed"]
    assert changed, "the demo pair changes 3.8 → 4.1億円 and 14 → 24億円"
    assert run(archive, "pair", *PAIR, *pairing, "--by", "A. Auditor").exit_code == 0
    after = _budgets(archive)
    assert _lines(changed) <= _lines(after)
    for b in changed:  # still one change from the old amount to the new one, not a new line from nothing
        assert any(a["program"] == b["program"] and a["fiscal_year"] == b["fiscal_year"] and a["old"] and a["new"]
                   and (a["old"]["yen"], a["new"]["yen"]) == (b["old"]["yen"], b["new"]["yen"]) for a in after), b


def test_marks_are_records_with_one_set_of_states_and_one_clock(archive, monkeypatch):
    from policydiff import api
    from policydiff.diffengine import review
    from policydiff.versions.archive import reviews

    assert review.MARK_STATES == reviews.MARK_STATES  # what the engine checks is what the archive stores
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    changes = json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)["changes"]
    assert run(archive, "review", *PAIR, "--mark", changes[0]["id"], "accepted", "--by", "A").exit_code == 0
    (mark,) = api.marks_for("fy2024", "fy2024-synthetic", archive)
    assert isinstance(mark, review.Mark) and mark.state == "accepted"
    assert mark.at == "2027-01-15T08:00:00Z" and api.generated_at() == "2027-01-15 08:00 UTC"  # one clock
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    result = run(archive, "review", *PAIR, "--mark", changes[0]["id"], "query", "--by", "A")
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH" in result.stderr
