"""Issue 13: a report holds no absolute local path: where the archive or a file lives on the reviewer's
machine is the reader's business, not the report's (it is shared, attached, published)."""

from __future__ import annotations

from click.testing import CliRunner

from policydiff.cli import cli


def test_reports_of_archived_editions_and_of_files_name_no_absolute_path(seeded, seed_path, tmp_path, synthetic_text):
    made = tmp_path / "next.txt"
    made.write_text(synthetic_text, encoding="utf-8")
    assert CliRunner().invoke(cli, ["--archive", str(seeded), "ingest", str(made)]).exit_code == 0
    for old, new in (("fy2024", "fy2024-synthetic"), (str(seed_path), str(made))):
        for fmt in ("html", "json", "markdown", "text"):
            out = CliRunner().invoke(cli, ["--archive", str(seeded), "diff", old, new, "--format", fmt]).stdout
            for path in (seeded, tmp_path, seed_path.parent):
                assert str(path) not in out, f"{fmt} of {old} names {path}"
