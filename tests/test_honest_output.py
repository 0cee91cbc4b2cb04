"""Issue 13, honest outputs: what a new user saw that misled them, each checked on real data.

A synthetic edition never looks real; --color always keeps the [-…-]{+…+} markers; filters move the
exit code as they move the output; unknown filter values and missing files say so; split and merged
rows do not lose programs to their sibling part; the parser does not hide a stray ＞ or a fragment label.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from policydiff import api
from policydiff.cli import cli

NEXT = "tests/data/nextyear/iryokiki-kihonkeikaku_fy2025-synthetic.txt"


def run(*args: str, archive=None):
    extra = ["--archive", str(archive)] if archive else []
    return CliRunner().invoke(cli, [*extra, *args])


@pytest.fixture
def with_synthetic(seeded, synthetic):
    assert run("ingest", str(synthetic), archive=seeded).exit_code == 0
    return seeded


# -- synthetic never looks real ------------------------------------------------------------------------

def test_list_text_marks_the_synthetic_edition(with_synthetic):
    lines = run("list", archive=with_synthetic).stdout.splitlines()
    (real,) = [x for x in lines if x.startswith("iryokiki-kihonkeikaku/fy2024\t")]
    (fake,) = [x for x in lines if x.startswith("iryokiki-kihonkeikaku/fy2024-synthetic\t")]
    assert "SYNTHETIC" in fake and "SYNTHETIC" not in real


def test_list_json_marks_the_synthetic_edition(with_synthetic):
    rows = json.loads(run("list", "--format", "json", archive=with_synthetic).stdout)["editions"]
    assert {r["edition"]: r["synthetic"] for r in rows} == {"fy2024": False, "fy2024-synthetic": True}


def test_lineage_names_the_synthetic_editions_it_drew_on(with_synthetic):
    text = run("lineage", archive=with_synthetic).stdout
    assert "SYNTHETIC" in text and "fy2024-synthetic" in text
    data = json.loads(run("lineage", "--format", "json", archive=with_synthetic).stdout)
    assert data["synthetic"] == {"iryokiki-kihonkeikaku": ["fy2024-synthetic"]}


def test_lineage_of_real_editions_says_nothing_synthetic(seeded):
    assert "SYNTHETIC" not in run("lineage", archive=seeded).stdout
    assert json.loads(run("lineage", "--format", "json", archive=seeded).stdout)["synthetic"] == {}


def test_csv_rows_name_the_synthetic_side(seed_path, synthetic):
    out = run("diff", str(seed_path), str(synthetic), "--format", "csv").stdout.lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["synthetic"] == "new: iryokiki-kihonkeikaku/fy2024-synthetic" for r in rows)
    real = run("diff", str(seed_path), str(seed_path), "--format", "csv").stdout.lstrip("\ufeff")
    assert "synthetic" in real.splitlines()[0]


def test_synthetic_file_under_a_real_label_is_stored_with_the_synthetic_suffix(seeded):
    result = run("ingest", NEXT, "--edition", "fy2025", archive=seeded)
    assert result.exit_code == 0, result.output
    assert "fy2025-synthetic" in result.stdout and "fy2025-synthetic" in result.stderr
    names = [e.edition for e in api.editions(seeded)]
    assert "fy2025-synthetic" in names and "fy2025" not in names


# -- --color always ------------------------------------------------------------------------------------

def test_color_always_keeps_markers_and_colour_when_piped(seed_path, synthetic):
    out = run("diff", str(seed_path), str(synthetic), "--color", "always").stdout
    assert "\033[31m[-" in out and "\033[32m{+" in out


def test_color_always_into_a_file_keeps_markers_and_colour(seed_path, synthetic, tmp_path):
    target = tmp_path / "report.txt"
    run("diff", str(seed_path), str(synthetic), "--color", "always", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert "\033[31m[-" in text and "\033[32m{+" in text


# -- filters and exit codes ----------------------------------------------------------------------------

def _budget_ministries(seed_path, synthetic) -> tuple[set[str], set[str]]:
    d = api.diff(seed_path, synthetic)
    cited = {b.new.measure if b.new else b.old.measure for b in d.budgets}
    with_budget = {c for m in d.measures if {m.old_id, m.new_id} & cited for c in m.ministries}
    everyone = {c for m in d.measures for c in m.ministries}
    return with_budget, everyone - with_budget


def test_a_ministry_filter_without_budget_changes_exits_0_on_fail_on_budget(seed_path, synthetic):
    with_budget, without = _budget_ministries(seed_path, synthetic)
    assert without, "the pair must have a ministry without budget changes"
    code = sorted(without)[0]
    assert run("diff", str(seed_path), str(synthetic), "--ministry", code, "--fail-on", "budget").exit_code == 0
    code = sorted(with_budget)[0]
    assert run("diff", str(seed_path), str(synthetic), "--ministry", code, "--fail-on", "budget").exit_code == 1


def test_a_measure_filter_on_an_unchanged_measure_exits_0(seed_path, synthetic):
    d = api.diff(seed_path, synthetic)
    quiet = next(m.new_id for m in d.measures if d.reads_as(m) == "unchanged" and not m.moved)
    assert run("diff", str(seed_path), str(synthetic), "--measure", quiet).exit_code == 0


@pytest.mark.parametrize(("option", "value", "hint"), [
    ("--ministry", "厚生", "厚"),
    ("--measure", "M004", "m004"),
    ("--status", "chnged", "changed"),
])
def test_an_unknown_filter_value_is_exit_2_with_a_suggestion(seed_path, synthetic, option, value, hint):
    result = run("diff", str(seed_path), str(synthetic), option, value)
    assert result.exit_code == 2
    assert f"did you mean {hint}" in result.stderr and value in result.stderr


def test_diff_with_a_missing_file_says_no_such_file(seed_path, tmp_path):
    result = run("diff", str(seed_path), "missing.txt", archive=tmp_path / "none")
    assert result.exit_code == 2
    assert "no such file: missing.txt" in result.stderr


# -- split and merged rows keep their programs -------------------------------------------------------

def test_split_and_merged_parts_do_not_report_programs_moved_to_the_sibling_part(seed_path, synthetic):
    d = api.diff(seed_path, synthetic)
    grouped = [m for m in d.measures if m.status in ("split", "merged")]
    assert {m.status for m in grouped} == {"split", "merged"}
    for status in ("split", "merged"):
        parts = [m for m in grouped if m.status == status]
        gone = {name for m in parts for op, name in m.programs if op == "-"}
        arrived = {name for m in parts for op, name in m.programs if op == "+"}
        assert not gone & arrived, f"{status}: {gone & arrived} reported as gone and as arrived"
        assert not gone, f"{status}: {gone} reported as gone though a sibling part names them"


# -- parser --------------------------------------------------------------------------------------------

def test_a_stray_closing_bracket_is_not_left_in_a_title(seed_edition):
    m040 = next(m for m in seed_edition.measures if m.id == "m040")
    assert m040.title == "国際展開支援における業界団体と行政の連携強化"
    assert any(w.code == "title-bracket" and w.line == m040.line for w in seed_edition.warnings)


def test_a_fragment_label_carries_a_warning(seed_edition):
    m016 = next(m for m in seed_edition.measures if m.id == "m016")
    assert m016.label.startswith("テンシャル")
    assert any(w.code == "label-fragment" and "m016" in w.message for w in seed_edition.warnings)
