"""The README's tour and review workflow, run as written, command by command (issue 13): a command
that a newcomer copies must work. The archive is the one `make demo` leaves (the real report and a
synthetic variant) in a checkout (examples/, tests/data/pdf/); old.txt, new.txt, some-report.txt and FILE stand for report files, ID for a change
id that `policydiff review` lists, marks.json for a marks file; the test provides each."""

from __future__ import annotations

import json
import re
import shlex
import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT

from policydiff import api
from policydiff.cli import cli

SECTIONS = ("## A short tour", "### The auditor's review")


def tour_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    out = []
    for heading in SECTIONS:
        block = re.search(r"```sh\n(.*?)```", readme[readme.index(heading):], re.S)
        assert block, heading
        for line in block.group(1).splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line.startswith("policydiff "):
                out.append(line)
    return out


@pytest.mark.slow  # the whole tour, a `make demo` archive and every command
def test_the_readme_tour_runs_as_written(tmp_path, seed_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POLICYDIFF_ARCHIVE", str(tmp_path / "archive"))
    monkeypatch.setenv("POLICYDIFF_REVIEWER", "README Reader")
    shutil.copy(seed_path, "old.txt")
    shutil.copy(seed_path, "some-report.txt")
    (tmp_path / "examples").mkdir()
    shutil.copy(seed_path, tmp_path / "examples" / seed_path.name)
    (tmp_path / "tests" / "data" / "pdf").mkdir(parents=True)  # the tour reads the bundled seed PDF
    shutil.copy(ROOT / "tests" / "data" / "pdf" / "seed-chromium.pdf", tmp_path / "tests" / "data" / "pdf")
    made = api.synth(seed_path, seed=2025)
    (tmp_path / "new.txt").write_text(made.text, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(seed_path)]).exit_code == 0  # what make demo leaves
    assert runner.invoke(cli, ["ingest", "new.txt", "--edition", "fy2024-synthetic"]).exit_code == 0
    commands = tour_commands()
    assert len(commands) >= 20 and any(c.startswith("policydiff review") for c in commands)
    for command in commands:
        args = shlex.split(command)[1:]
        if "ID" in args:
            sheet = json.loads(runner.invoke(cli, ["review", "fy2024", "fy2024-synthetic", "--format", "json"]).stdout)
            args[args.index("ID")] = sheet["changes"][0]["id"]
        if "marks.json" in args and not (tmp_path / "marks.json").exists():
            sheet = runner.invoke(cli, ["review", "fy2024", "fy2024-synthetic", "--format", "json"]).stdout
            (tmp_path / "marks.json").write_text(sheet, encoding="utf-8")
        args = [str(seed_path) if a == "FILE" else a for a in args]
        result = runner.invoke(cli, args)
        assert result.exit_code in (0, 1), f"{command}: exit {result.exit_code}: {result.output}"
        assert "Traceback" not in result.output
