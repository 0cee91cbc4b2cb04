"""`policydiff diff` and `policydiff plans` as a user runs them: exit codes, formats, filters."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from policydiff.cli import cli


@pytest.fixture(scope="module")
def edited(tmp_path_factory, seed_bytes):
    """The real report with one budget cut (line 50: 19億円 → 17億円)."""
    lines = seed_bytes.decode("utf-8").split("\n")
    lines[49] = lines[49].replace("19億円", "17億円")
    path = tmp_path_factory.mktemp("edited") / "edited.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run(*args: str, archive=None):
    extra = ["--archive", str(archive)] if archive else []
    return CliRunner().invoke(cli, [*extra, *args])


def test_same_edition_exits_0(seed_path, tmp_path):
    result = run("diff", str(seed_path), str(seed_path), archive=tmp_path / "a")
    assert result.exit_code == 0, result.output
    assert "0 changed, 0 added, 0 removed" in result.stdout
    assert not (tmp_path / "a").exists()  # files are parsed in memory, nothing stored


def test_changes_exit_1_and_fail_on_narrows_it(seed_path, edited):
    assert run("diff", str(seed_path), str(edited)).exit_code == 1
    assert run("diff", str(seed_path), str(edited), "--fail-on", "budget").exit_code == 1
    assert run("diff", str(seed_path), str(edited), "--fail-on", "removed,rename").exit_code == 0


def test_bad_fail_on_is_a_usage_error(seed_path):
    result = run("diff", str(seed_path), str(seed_path), "--fail-on", "everything")
    assert result.exit_code == 2 and "--fail-on" in result.stderr


def test_json_output_to_a_file(seed_path, edited, tmp_path):
    out = tmp_path / "diff.json"
    result = run("diff", str(seed_path), str(edited), "--format", "json", "-o", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "policydiff/diff/2"
    assert data["summary"]["budgets"]["changed"] == 1
    assert data["budgets"][0]["delta_yen"] == -200_000_000


def test_archive_editions_can_be_diffed_by_name(seed_path, edited, tmp_path):
    archive = tmp_path / "archive"
    assert run("ingest", str(seed_path), archive=archive).exit_code == 0
    assert run("ingest", str(edited), "--edition", "fy2024-edited", archive=archive).exit_code == 0
    result = run("diff", "fy2024", "iryokiki-kihonkeikaku/fy2024-edited", "--format", "json", archive=archive)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["new"]["edition"] == "fy2024-edited"


def test_plans_on_the_real_report(seed_path):
    result = run("plans", str(seed_path), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["kind"] == "results-vs-plans"
    assert any(r["old"] == "医療機器等安定供給確保事業" for r in data["renames"])


def test_filters_apply_to_every_format(seed_path, edited):
    result = run("diff", str(seed_path), str(edited), "--format", "json", "--measure", "m004")
    assert [m["old_id"] for m in json.loads(result.stdout)["measures"]] == ["m004"]
    result = run("diff", str(seed_path), str(edited), "--format", "json", "--status", "removed")
    assert json.loads(result.stdout)["measures"] == []
    result = run("diff", str(seed_path), str(edited), "--format", "markdown", "--status", "changed")
    assert "m004" in result.stdout
    result = run("diff", str(seed_path), str(edited), "--status", "bogus")
    assert result.exit_code == 2


def test_markdown_and_csv_formats(seed_path, edited):
    md = run("diff", str(seed_path), str(edited), "--format", "markdown").stdout
    assert md.startswith("### policydiff editions") and "<details>" in md
    csv_out = run("diff", str(seed_path), str(edited), "--format", "csv").stdout
    assert csv_out.startswith("\ufeffstatus,program")


def test_missing_side_is_a_one_line_error(seed_path, tmp_path):
    result = run("diff", str(seed_path), "fy1999", archive=tmp_path / "none")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_synthetic_edition_is_labelled_in_text_output(seed_path, tmp_path, seed_bytes):
    synthetic = tmp_path / "synthetic.txt"
    synthetic.write_bytes(b"# policydiff-synthetic: test edits\n" + seed_bytes.split(b"\n", 1)[1])
    out = run("diff", str(seed_path), str(synthetic)).stdout
    assert "SYNTHETIC" in out


def test_synth_writes_a_labelled_synthetic_edition_and_its_truth(seed_path, tmp_path):
    out, truth = tmp_path / "next.txt", tmp_path / "truth.json"
    result = run("synth", str(seed_path), "-o", str(out), "--truth", str(truth), "--seed", "3", "--edits", "6")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# policydiff-synthetic:")
    assert len(json.loads(truth.read_text(encoding="utf-8"))["edits"]) == 6


def test_lineage_lists_the_stated_successions_of_the_archive(seeded):
    result = run("lineage", "--format", "json", archive=seeded)
    assert result.exit_code == 0, result.output
    chains = json.loads(result.stdout)["lineages"]["iryokiki-kihonkeikaku"]
    assert ["医工連携イノベーション推進事業", "医工連携グローバル展開事業"] in chains
    assert run("lineage", archive=seeded.parent / "nothing").exit_code == 2
