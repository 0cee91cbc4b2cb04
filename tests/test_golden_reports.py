"""Golden reports through the CLI: the diff contract (policydiff/diff/2 JSON), the HTML report and the
other formats, byte for byte, on the real report and edited copies of it. A refactor that changes one
of them shows the change in the golden diff of its commit; `pytest --update-golden` rewrites them."""

from __future__ import annotations

from pathlib import Path

import html_cases as cases
import pytest
from click.testing import CliRunner

from policydiff.cli import cli

NEXTYEAR = Path(__file__).resolve().parent / "data" / "nextyear"
EPOCH = "1767225600"  # 2026-01-01 00:00 UTC: the HTML report's "generated at" under SOURCE_DATE_EPOCH


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, seed_bytes):
    """The case inputs as files in one folder, named as the reports show them (paths are relative)."""
    from policydiff.versions.synthetic import make_synthetic

    folder = tmp_path_factory.mktemp("golden-inputs")
    seed = seed_bytes.decode("utf-8")
    files = {
        "fy2024.txt": seed,
        "fy2024-edited.txt": cases.edited_text(),
        "fy2024-format.txt": cases.format_only_text(),
        "fy2024-synthetic.txt": make_synthetic(seed, seed=2025, n_edits=12).text,
        # The hand-written SYNTHETIC next edition (tests/data/nextyear): a next-year pair.
        "fy2025-synthetic.txt": (NEXTYEAR / "iryokiki-kihonkeikaku_fy2025-synthetic.txt").read_text(encoding="utf-8"),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _run(inputs, monkeypatch, args: list[str]) -> str:
    monkeypatch.chdir(inputs)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = CliRunner().invoke(cli, ["--archive", "no-archive", *args])
    assert result.exit_code in (0, 1), result.output
    return result.output


CASES = {
    "plans-fy2024": ["plans", "fy2024.txt"],
    "edited-pair": ["diff", "fy2024.txt", "fy2024-edited.txt"],
    "synthetic-pair": ["diff", "fy2024.txt", "fy2024-synthetic.txt"],
    "format-only-pair": ["diff", "fy2024.txt", "fy2024-format.txt"],
    "format-only-pair-shown": ["diff", "fy2024.txt", "fy2024-format.txt", "--show-format-only"],
    "edited-pair-filtered": ["diff", "fy2024.txt", "fy2024-edited.txt", "--status", "changed,removed",
                             "--ministry", "厚"],
    "nextyear-pair": ["diff", "fy2024.txt", "fy2025-synthetic.txt"],
}
FORMATS = {"json": "json", "html": "html", "csv": "csv", "text": "txt", "markdown": "md"}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_report_matches_its_golden_file(inputs, monkeypatch, golden, case, fmt):
    golden(f"cli/{case}.{FORMATS[fmt]}", _run(inputs, monkeypatch, [*CASES[case], "--format", fmt]))


@pytest.mark.parametrize("fmt,ext", [("text", "txt"), ("json", "json"), ("xml", "xml")])
def test_edition_view_matches_its_golden_file(inputs, monkeypatch, golden, fmt, ext):
    golden(f"cli/show-fy2024.{ext}", _run(inputs, monkeypatch, ["show", "fy2024.txt", "--format", fmt]))
    if fmt == "text":
        golden("cli/show-fy2024-summary.txt",
               _run(inputs, monkeypatch, ["show", "fy2024.txt", "--format", fmt, "--summary"]))


@pytest.mark.parametrize("case", ["plans-fy2024", "edited-pair"])
def test_english_html_report_matches_its_golden_file(inputs, monkeypatch, golden, case):
    golden(f"cli/{case}.en.html", _run(inputs, monkeypatch, [*CASES[case], "--format", "html", "--lang", "en"]))


@pytest.mark.parametrize("table", ["budgets", "follow-through", "events"])
def test_next_year_csv_tables_match_their_golden_files(inputs, monkeypatch, golden, table):
    args = ["diff", "fy2024.txt", "fy2025-synthetic.txt", "--format", "csv", "--table", table]
    golden(f"cli/nextyear-pair-{table}.csv", _run(inputs, monkeypatch, args))


def test_next_year_report_filtered_by_outcome_matches_its_golden_file(inputs, monkeypatch, golden):
    args = ["diff", "fy2024.txt", "fy2025-synthetic.txt", "--outcome", "dropped,reworked", "--format", "text"]
    golden("cli/nextyear-pair-dropped.txt", _run(inputs, monkeypatch, args))
