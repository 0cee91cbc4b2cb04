"""Issue 10's smaller CLI findings: a NaN threshold, advice that names an option the command has,
a file named like an edition label, usage errors on one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from policydiff.cli import cli

UNKNOWN = Path(__file__).resolve().parent / "data" / "unknown_document" / "report.txt"


def run(tmp_path: Path, *args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(cli, ["--archive", str(tmp_path / "archive"), *args])
    with runner.isolated_filesystem(temp_dir=cwd):
        return runner.invoke(cli, ["--archive", str(tmp_path / "archive"), *args])


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.mark.parametrize("option", ["--match-threshold", "--rename-threshold"])
@pytest.mark.parametrize("value", ["nan", "NaN", "-nan"])
def test_a_nan_threshold_is_refused(seed_path, tmp_path, option, value):
    line = one_error_line(run(tmp_path, "plans", str(seed_path), option, value))
    assert option in line and "number" in line


@pytest.mark.parametrize("command", [["show"], ["plans"], ["diff", "X"]])
def test_advice_for_an_unrecognised_report_names_an_option_that_exists(tmp_path, command):
    args = [a if a != "X" else str(UNKNOWN) for a in command] + [str(UNKNOWN)]
    line = one_error_line(run(tmp_path, *args))
    assert "cannot tell which report" in line
    assert "ingest" in line and "--document ID" in line  # the command that has --document


def test_ingest_advice_for_an_unrecognised_report_still_works(tmp_path):
    line = one_error_line(run(tmp_path, "ingest", str(UNKNOWN)))
    assert "--document ID" in line
    assert run(tmp_path, "ingest", str(UNKNOWN), "--document", "saisei").exit_code == 0


def test_a_file_named_like_an_archived_edition_is_ambiguous_not_silently_taken(seeded, tmp_path, seed_path):
    work = tmp_path / "work"
    work.mkdir()
    (work / "fy2024").write_bytes(UNKNOWN.read_bytes())
    runner = CliRunner()
    import os

    here = os.getcwd()
    os.chdir(work)
    try:
        ambiguous = runner.invoke(cli, ["--archive", str(seeded), "show", "fy2024", "--summary"])
        as_file = runner.invoke(cli, ["--archive", str(seeded), "show", "./fy2024", "--summary"])
        as_edition = runner.invoke(cli, ["--archive", str(seeded), "show", "iryokiki-kihonkeikaku/fy2024", "--summary"])
    finally:
        os.chdir(here)
    line = one_error_line(ambiguous)
    assert "./fy2024" in line and "iryokiki-kihonkeikaku/fy2024" in line
    assert as_file.exit_code == 2 and "cannot tell which report" in as_file.stderr  # the file was read
    assert as_edition.exit_code == 0 and "results FY2024" in as_edition.output


@pytest.mark.parametrize("args", [["diff", "--bogus", "a", "b"], ["--bogus"], ["diff", "a"], ["show"],
                                  ["diff", "a", "b", "--format", "pdf"], ["nosuchcommand"]])
def test_usage_errors_are_one_line_with_the_help_hint(tmp_path, args):
    line = one_error_line(run(tmp_path, *args))
    assert "-h" in line  # where to look next, on the same line
