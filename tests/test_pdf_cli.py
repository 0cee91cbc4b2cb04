"""The PDF through the CLI, as a user runs it: ingest, show, diff, plans, verify, reparse, --replace."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from policydiff.cli import cli

PDFS = Path(__file__).resolve().parent / "data" / "pdf"
CHROMIUM = PDFS / "seed-chromium.pdf"


def run(archive: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--archive", str(archive), *args])


def test_ingest_of_a_pdf_stores_its_bytes_as_the_source_and_verifies(tmp_path):
    archive = tmp_path / "archive"
    result = run(archive, "ingest", str(CHROMIUM))
    assert result.exit_code == 0, result.stderr
    assert "iryokiki-kihonkeikaku/fy2024: 59 measures, 71 budget lines" in result.stdout
    stored = archive / "sources" / "iryokiki-kihonkeikaku" / "fy2024.pdf"
    assert stored.read_bytes() == CHROMIUM.read_bytes()
    shown = json.loads(run(archive, "show", "fy2024", "--format", "json").stdout)
    assert shown["source"] == {"name": "seed-chromium.pdf", "sha256": hashlib.sha256(CHROMIUM.read_bytes()).hexdigest(),
                               "encoding": "binary", "format": "pdf", "size": CHROMIUM.stat().st_size}
    assert len(shown["measures"][0]["bbox"]) == 4
    assert run(archive, "verify").exit_code == 0
    again = run(archive, "reparse")
    assert again.exit_code == 0 and "reparsed: 0 edition(s) changed" in again.stdout


def test_the_text_of_an_edition_ingested_from_its_pdf_needs_replace(tmp_path, seed_path):
    archive = tmp_path / "archive"
    assert run(archive, "ingest", str(CHROMIUM)).exit_code == 0
    refused = run(archive, "ingest", str(seed_path))
    assert refused.exit_code == 2 and "--replace" in refused.stderr
    replaced = run(archive, "ingest", str(seed_path), "--replace")
    assert replaced.exit_code == 0, replaced.stderr
    sources = sorted(p.name for p in (archive / "sources" / "iryokiki-kihonkeikaku").iterdir())
    assert sources == ["fy2024.txt"]


def test_diff_of_the_text_and_the_pdf_of_one_edition_reports_no_change(seed_path):
    for pdf in ("seed-chromium.pdf", "seed-drawn.pdf"):
        result = CliRunner().invoke(cli, ["diff", str(seed_path), str(PDFS / pdf), "--format", "json"])
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["summary"]["measures"]["unchanged"] == 59
        assert not any(m["substantive"] for m in data["measures"])


def test_plans_and_show_accept_a_pdf_path():
    plans = CliRunner().invoke(cli, ["plans", str(PDFS / "seed-drawn.pdf"), "--format", "json"])
    assert plans.exit_code == 1, plans.stderr  # differences found: the plans are not the results
    assert json.loads(plans.stdout)["kind"] == "results-vs-plans"
    shown = CliRunner().invoke(cli, ["show", str(PDFS / "office-synthetic.pdf")])
    assert shown.exit_code == 0
    assert "SYNTHETIC" in shown.stdout and "担当 厚労省医療機器審査管理課" in shown.stdout


def test_installed_command_reads_a_pdf_without_noise_on_stderr(tmp_path):
    beside = Path(sys.executable).with_name("policydiff")  # the virtualenv's console script
    cmd = [str(beside)] if beside.is_file() else [sys.executable, "-m", "policydiff.cli"]
    result = subprocess.run([*cmd, "show", str(CHROMIUM), "--summary"], capture_output=True, text=True,
                            timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # pdfminer's font warnings are silenced; no progress off a terminal
    assert "59 measures" in result.stdout


def test_reading_a_pdf_reports_each_page_to_a_progress_callback():
    from policydiff.versions.readers.load import parse_report

    seen: list[tuple[int, int]] = []
    parse_report((PDFS / "seed-drawn.pdf").read_bytes(), progress=lambda page, pages: seen.append((page, pages)))
    assert seen == [(n, 6) for n in range(1, 7)]


def test_progress_goes_to_a_terminal_only_and_only_for_long_pdfs(monkeypatch, capsys):
    import policydiff.cli as cli_module

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert cli_module._progress() is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    report = cli_module._progress()
    assert report is not None
    report(1, 6)  # a seed-size PDF reads in a second: nothing to say
    assert capsys.readouterr().err == ""
    for page in (1, 2, 150):
        report(page, 150)
    assert capsys.readouterr().err == "\rreading page 1 of 150\rreading page 2 of 150\rreading page 150 of 150\n"
