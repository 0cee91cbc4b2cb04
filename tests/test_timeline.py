"""`policydiff timeline` and `export` on the three-edition chain: FY2023 (SYNTHETIC, hand-written),
the real FY2024 edition, FY2025 (SYNTHETIC, hand-written), ingested into one archive."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from policydiff import api
from policydiff.cli import cli

DATA = Path(__file__).parent / "data"
PREV = DATA / "prevyear" / "iryokiki-kihonkeikaku_fy2023-synthetic.txt"
NEXT = DATA / "nextyear" / "iryokiki-kihonkeikaku_fy2025-synthetic.txt"
DOC = "iryokiki-kihonkeikaku"


def run(archive: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--archive", str(archive), *args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def chain_archive(tmp_path_factory, seed_path) -> Path:
    """The three editions, ingested newest first: the timeline orders them by fiscal year, not by ingest."""
    archive = tmp_path_factory.mktemp("chain") / "archive"
    for path in (NEXT, seed_path, PREV):
        assert run(archive, "ingest", str(path))[0] == 0
    return archive


@pytest.fixture(scope="module")
def timeline_json(chain_archive) -> dict:
    code, out = run(chain_archive, "timeline", "--format", "json")
    assert code == 0
    return json.loads(out)


def test_editions_in_fiscal_order_with_each_pairs_relation(timeline_json):
    assert timeline_json["schema"] == "policydiff/timeline/1"
    (t,) = timeline_json["timelines"]
    assert [e["edition"] for e in t["editions"]] == ["fy2023-synthetic", "fy2024", "fy2025-synthetic"]
    assert [(s["old"], s["new"], s["relation"]) for s in t["steps"]] == [
        ("fy2023-synthetic", "fy2024", "next-year"), ("fy2024", "fy2025-synthetic", "next-year")]
    # Synthetic editions are marked and never counted as a real year.
    assert t["real_years"] == [2024] and t["synthetic_editions"] == ["fy2023-synthetic", "fy2025-synthetic"]
    assert all(s["synthetic"] for s in t["steps"])


def test_follow_through_per_year_is_what_each_pairs_ledger_says(timeline_json, chain_archive):
    years = timeline_json["timelines"][0]["follow_through"]["years"]
    for year, (old, new) in zip(years, [("fy2023-synthetic", "fy2024"), ("fy2024", "fy2025-synthetic")], strict=True):
        pair = api.diff(old, new, chain_archive)
        assert (year["old"], year["new"], year["synthetic"]) == (old, new, True)
        assert year["plans"] == len(pair.follow_through)
        assert year["outcomes"] == dict(Counter(e.outcome for e in pair.follow_through))
        assert year["promised_again"] == sum(e.promised_again is not None for e in pair.follow_through)
        assert year["unplanned_results"] == len(pair.unplanned_results)
    assert years[0]["plans_fiscal_year"] == 2024 and years[1]["plans_fiscal_year"] == 2025


def test_a_program_budget_series_runs_across_a_stated_succession(timeline_json):
    """医工連携イノベーション推進事業 (FY2023) is succeeded by 医工連携グローバル展開事業 (stated in FY2024,
    NEW line 62): one series, 内数 throughout, one point per edition and kind."""
    programs = {p["name"]: p for p in timeline_json["timelines"][0]["programs"]}
    line = programs["医工連携グローバル展開事業"]
    assert line["names"][0] == "医工連携イノベーション推進事業"
    points = [(x["edition"], x["fiscal_year"], x["kind"], x["yen"], x["part_of"], x["synthetic"]) for x in line["points"]]
    assert points == [
        ("fy2023-synthetic", 2023, "initial", 2_000_000_000, True, True),
        ("fy2023-synthetic", 2024, "request", 1_900_000_000, True, True),
        ("fy2024", 2024, "initial", 1_900_000_000, True, False),
        ("fy2024", 2025, "request", 1_400_000_000, True, False),
        ("fy2025-synthetic", 2025, "initial", 1_400_000_000, True, True),
        ("fy2025-synthetic", 2026, "request", 1_400_000_000, True, True),
    ]
    assert [(e["event"], e["old"], e["new"]) for e in line["events"]][0] == ("succeeded", "fy2023-synthetic", "fy2024")
    for p in programs.values():  # never two points of one edition, kind and 内数
        keys = [(x["edition"], x["kind"], x["part_of"]) for x in p["points"]]
        assert len(keys) == len(set(keys)), p["name"]


def test_measure_lineages_follow_the_pairings(timeline_json):
    measures = timeline_json["timelines"][0]["measures"]
    by_first = {m["editions"][0]["id"]: m for m in measures if m["editions"][0]}
    # prevyear truth: m023 moved to another goal as NEW m014, its text unchanged.
    moved = by_first["m023"]
    assert [e and e["id"] for e in moved["editions"]][:2] == ["m023", "m014"]
    assert moved["steps"][0]["moved"] is True and moved["steps"][0]["status"] == "unchanged"
    # prevyear truth: m039 → m038 reworded (description), a changed step with its field.
    reworded = by_first["m039"]
    assert reworded["steps"][0]["status"] == "changed" and "description" in reworded["steps"][0]["fields"]
    # prevyear truth: m030 removed; nextyear truth: NEW m058 of FY2024 → FY2025 goes on.
    assert by_first["m030"]["steps"][0]["status"] == "removed" and by_first["m030"]["editions"][1] is None
    ids_per_edition = [sorted(m["editions"][k]["id"] for m in measures if m["editions"][k]) for k in range(3)]
    assert [len(x) for x in ids_per_edition] == [59, 59, 59] and all(len(set(x)) == 59 for x in ids_per_edition)


def test_text_marks_every_synthetic_edition_and_counts_one_real_year(chain_archive):
    code, out = run(chain_archive, "timeline")
    assert code == 0
    assert out.startswith(f"{DOC}: 3 edition(s), 1 real year(s) (FY2024)\n")
    assert "*** fy2023-synthetic, fy2025-synthetic: SYNTHETIC edition(s), not real reports" in out
    assert "fy2023-synthetic*  results FY2023 / plans FY2024  SYNTHETIC" in out
    assert "Promised again 2 or more years running" in out and "Dropped and never mentioned again" in out


def test_parts_and_csv_tables(chain_archive):
    code, out = run(chain_archive, "timeline", "--part", "follow-through")
    assert code == 0 and "Follow-through" in out and "\nPrograms (" not in out and "\nMeasures (" not in out
    code, out = run(chain_archive, "timeline", "--format", "csv")  # one table: the budget series by default
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert code == 0 and rows and {r["synthetic"] for r in rows} == {"True", "False"}
    assert {r["edition"] for r in rows} == {"fy2023-synthetic", "fy2024", "fy2025-synthetic"}
    code, out = run(chain_archive, "timeline", "--format", "csv", "--part", "follow-through")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [(r["old"], r["plans"]) for r in rows] == [("fy2023-synthetic", "103"), ("fy2024", "94")]
    code, out = run(chain_archive, "timeline", "--part", "budgets")
    assert code == 2 and "no part 'budgets'" in out


def test_one_timeline_per_document_and_document_picks_one(chain_archive, tmp_path, seed_path):
    import shutil

    archive = tmp_path / "archive"
    shutil.copytree(chain_archive, archive, symlinks=True)
    assert run(archive, "ingest", str(seed_path), "--document", "other-report")[0] == 0
    code, out = run(archive, "timeline", "--format", "json", "--part", "follow-through")
    assert code == 0 and [t["document"] for t in json.loads(out)["timelines"]] == [DOC, "other-report"]
    for args in (["other-report"], ["--document", "other-report"]):
        code, out = run(archive, "timeline", *args, "--format", "json")
        (only,) = json.loads(out)["timelines"]
        assert code == 0 and only["document"] == "other-report" and only["steps"] == []
    code, out = run(archive, "timeline", "--document", "iryokiki-kihonkeikakku")
    assert code == 2 and "no document 'iryokiki-kihonkeikakku'" in out and DOC in out and "Traceback" not in out
    assert run(archive, "timeline", DOC, "--document", "other-report")[0] == 2
    assert run(tmp_path / "none", "timeline")[0] == 2


def test_export_writes_sqlite_tables_with_stable_keys_and_foreign_keys(chain_archive, tmp_path):
    db_path = tmp_path / "archive.db"
    code, out = run(chain_archive, "export", str(db_path))
    assert code == 0 and out.startswith(f"wrote {db_path}: 3 editions, 2 pairs")
    first = db_path.read_bytes()
    db = sqlite3.connect(db_path)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"editions", "pairs", "measure_lineages", "measures", "bullets", "programs", "budgets",
                      "program_events", "follow_through", "review_marks"}
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert ("editions", "edition_id", "id") in [(r[2], r[3], r[4]) for r in db.execute("PRAGMA foreign_key_list(measures)")]
    assert db.execute("SELECT id, synthetic FROM editions ORDER BY results_fiscal_year").fetchall() == [
        (f"{DOC}/fy2023-synthetic", 1), (f"{DOC}/fy2024", 0), (f"{DOC}/fy2025-synthetic", 1)]
    assert db.execute("SELECT count(*) FROM budgets WHERE edition_id = ?", (f"{DOC}/fy2024",)).fetchone() == (71,)
    assert db.execute("SELECT count(*) FROM follow_through WHERE pair_id = ?",
                      (f"{DOC}/fy2023-synthetic..fy2024",)).fetchone() == (103,)
    # A budget of the real edition joins to its program across the succession.
    joined = db.execute("SELECT p.name FROM budgets b JOIN programs p ON b.program_id = p.id WHERE b.edition_id = ? "
                        "AND b.program = '医工連携イノベーション推進事業'", (f"{DOC}/fy2023-synthetic",)).fetchall()
    assert joined and {r[0] for r in joined} == {"医工連携グローバル展開事業"}
    keys = {table: sorted(db.execute(f"SELECT id FROM [{table}]")) for table in tables}
    db.close()
    # A rerun replaces the file whole, with the same keys.
    assert run(chain_archive, "export", str(db_path))[0] == 0
    again = sqlite3.connect(db_path)
    assert {table: sorted(again.execute(f"SELECT id FROM [{table}]")) for table in tables} == keys
    again.close()
    assert len(db_path.read_bytes()) == len(first)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_carries_review_marks(chain_archive, tmp_path):
    import shutil

    archive = tmp_path / "archive"
    shutil.copytree(chain_archive, archive, symlinks=True)
    change = api.review("fy2024", "fy2025-synthetic", archive).rows[0][0].id  # (reviewable change, its mark)
    code, _ = run(archive, "review", "fy2024", "fy2025-synthetic", "--mark", change, "query", "--note", "check p.3",
                  "--by", "A. Auditor")
    assert code == 0
    assert run(archive, "export", str(tmp_path / "a.db"))[0] == 0
    db = sqlite3.connect(tmp_path / "a.db")
    assert db.execute("SELECT old_edition_id, new_edition_id, change_id, mark, note, marked_by FROM review_marks"
                      ).fetchall() == [(f"{DOC}/fy2024", f"{DOC}/fy2025-synthetic", change, "query", "check p.3", "A. Auditor")]
