"""Issue 13: the auditor corrects the follow-through ledger by record ids (`policydiff pair OLD NEW --link
ft-…=un-… --unlink ft-…`), end to end through the command on an archive holding the next-year pair:
recorded and committed, applied by every later diff and shown as "paired by the auditor" with who and
when, kept by reparse, listed by verify, byte-identical across runs, and reported when it no longer fits.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from policydiff import api
from policydiff.cli import cli
from policydiff.diffengine.engine import diff_editions
from policydiff.diffengine.model import Link, Overrides

NEXT = Path(__file__).resolve().parent / "data" / "nextyear" / "iryokiki-kihonkeikaku_fy2025-synthetic.txt"
PAIR = ("fy2024", "fy2025-synthetic")


def run(archive, *args: str):
    return CliRunner().invoke(cli, ["--archive", str(archive), *args])


@pytest.fixture
def archive(seeded_and_ingested):
    return seeded_and_ingested(str(NEXT))  # the seed and the synthetic next year, ingested once a session


def _diff(archive, *extra: str) -> dict:
    result = run(archive, "diff", *PAIR, "--format", "json", *extra)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _choice(data: dict) -> tuple[dict, dict, dict]:
    """A plan answered by some result (to relink), another one (to unlink), an unplanned result."""
    answered = [e for e in data["follow_through"] if e["results"] and e["outcome"] != "done"]
    return answered[0], answered[1], data["unplanned_results"][0]


@pytest.mark.slow
def test_a_follow_through_link_and_unlink_are_recorded_applied_and_shown(archive):
    before = _diff(archive)
    plan, other, result = _choice(before)
    done = run(archive, "pair", *PAIR, "--link", f"{plan['id']}={result['id']}", "--unlink", other["id"],
               "--by", "Alice Auditor")
    assert done.exit_code == 0, done.output
    after = _diff(archive)
    entries = {e["id"]: e for e in after["follow_through"]}
    linked, unlinked = entries[plan["id"]], entries[other["id"]]  # the ids the auditor named stay
    cite = {k: result[k] for k in ("edition", "page", "line", "end_line", "text")}
    assert linked["results"] == [cite] and linked["paired_by_auditor"]["by"] == "Alice Auditor"
    assert linked["reason"].startswith("paired by the auditor")
    assert unlinked["results"] == [] and unlinked["outcome"] == "dropped"
    assert unlinked["paired_by_auditor"]["by"] == "Alice Auditor" and unlinked["paired_by_auditor"]["at"]
    unplanned = {(u["page"], u["line"]) for u in after["unplanned_results"]}
    assert (result["page"], result["line"]) not in unplanned
    freed = {(r["page"], r["line"]) for r in plan["results"] + other["results"]}
    still = {(r["page"], r["line"]) for e in after["follow_through"] for r in e["results"]}
    assert freed - still and freed - still <= unplanned  # results no plan claims any more are unplanned again
    assert after["stale_overrides"] == []
    at = linked["paired_by_auditor"]["at"]
    for fmt in ("text", "markdown", "html"):
        out = run(archive, "diff", *PAIR, "--format", fmt).stdout
        assert plan["id"] in out and "Alice Auditor" in out and at in out, fmt
    text = run(archive, "diff", *PAIR).stdout
    assert f"{plan['id']}: paired by the auditor (Alice Auditor, {at})" in text
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        run(archive, "diff", *PAIR, "--format", "csv", "--table", "follow-through").stdout.lstrip("\ufeff")))}
    assert (rows[plan["id"]]["paired_by"], rows[plan["id"]]["paired_at"]) == ("Alice Auditor", at)
    sheet = json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)["changes"]
    assert "paired by the auditor: Alice Auditor" in next(r for r in sheet if r["id"] == plan["id"])["summary"]
    listed = run(archive, "pair", *PAIR).stdout
    assert f"{plan['id']} → {result['id']}\tby Alice Auditor" in listed and f"{other['id']} → (nothing)" in listed


def test_a_follow_through_link_is_in_git_survives_reparse_is_listed_by_verify_and_byte_identical(archive):
    plan, _, result = _choice(_diff(archive))
    assert run(archive, "pair", *PAIR, "--link", f"{plan['id']}={result['id']}", "--by", "Bo").exit_code == 0
    log = subprocess.run(["git", "-C", str(archive), "log", "--format=%an%n%B"], capture_output=True,
                         text=True, check=True).stdout
    assert f"link {plan['id']}={result['id']}" in log and "Bo" in log
    first = run(archive, "diff", *PAIR, "--format", "json").stdout
    assert first == run(archive, "diff", *PAIR, "--format", "json").stdout
    assert run(archive, "reparse").exit_code == 0
    assert run(archive, "diff", *PAIR, "--format", "json").stdout == first
    verified = run(archive, "verify")
    assert verified.exit_code == 0, verified.output
    assert "fy2024..fy2025-synthetic: 1 link(s), 0 mark(s) (1 of the links on the follow-through ledger)" \
        in verified.output


def test_unknown_record_ids_are_refused_with_a_suggestion(archive):
    plan, _, result = _choice(_diff(archive))
    bad = run(archive, "pair", *PAIR, "--link", f"{plan['id'][:-1]}0={result['id']}", "--by", "A")
    assert bad.exit_code == 2 and "no follow-through entry" in bad.output
    taken = run(archive, "pair", *PAIR, "--link", f"{plan['id']}={plan['id']}", "--by", "A")
    assert taken.exit_code == 2 and "no unplanned result" in taken.output


def test_a_follow_through_link_of_a_replaced_source_is_reported_not_applied(archive, tmp_path):
    before = _diff(archive)
    plan, _, result = _choice(before)
    assert run(archive, "pair", *PAIR, "--link", f"{plan['id']}={result['id']}", "--by", "A").exit_code == 0
    changed = tmp_path / NEXT.name
    assert "11.5億円" in NEXT.read_text(encoding="utf-8")
    changed.write_text(NEXT.read_text(encoding="utf-8").replace("11.5億円", "11.6億円", 1), encoding="utf-8")
    assert run(archive, "ingest", str(changed), "--replace").exit_code == 0
    after = _diff(archive)
    assert any(f"{plan['id']}={result['id']}" in x and "replaced" in x for x in after["stale_overrides"])
    assert not any(e["paired_by_auditor"] for e in after["follow_through"])


def test_the_engine_reports_a_follow_through_link_whose_ids_are_gone(seed_path):
    old, new = api.open_edition(seed_path), api.open_edition(NEXT)
    plain = diff_editions(old, new)
    gone = Overrides(follow_through=(Link("ft-0000000000", None, "Cy", "2026-01-01T00:00:00Z"),
                                     Link(plain.follow_through[0].id, "un-0000000000", "Cy", "2026-01-01T00:00:00Z")))
    d = diff_editions(old, new, overrides=gone)
    assert d.follow_through == plain.follow_through and d.unplanned_results == plain.unplanned_results
    assert len(d.stale_overrides) == 2 and all("by Cy" in x for x in d.stale_overrides)
