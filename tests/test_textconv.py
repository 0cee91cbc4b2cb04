"""`policydiff textconv`: an edition as stable line-oriented text, and git's diff, log -p and blame
of report files through it (real git, the configuration the README shows)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from policydiff.cli import cli

DATA = Path(__file__).parent / "data"
NEXT = DATA / "nextyear" / "iryokiki-kihonkeikaku_fy2025-synthetic.txt"


def _textconv(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["textconv", *args])
    return result.exit_code, result.output


def test_textconv_prints_one_block_per_measure_with_its_facts(seed_path, seed_edition):
    code, out = _textconv(str(seed_path))
    assert code == 0
    blocks = out.split("\n## ")[1:]
    assert len(blocks) == len(seed_edition.measures) == 59
    for block, m in zip(blocks, seed_edition.measures, strict=True):
        lines = block.splitlines()
        assert lines[1] == f"id: {m.id}"
        assert lines[2].startswith("goal: 【") and lines[3].startswith("ministries: ")
        assert len([x for x in lines if x.startswith("    budget: ")]) == sum(len(b.budgets) for _, b in m.bullets)
    # One line per fact: no page or line numbers, every bullet joined on its line.
    assert not re.search(r"\b[pl]\.\s?\d", out)
    assert "    budget: FY2024 initial 1,900,000,000円 (19億円) 内数 医工連携イノベーション推進事業" in out


def test_textconv_reads_text_xml_and_pdf_alike(seed_path, tmp_path):
    xml = tmp_path / "fy2024.xml"
    assert CliRunner().invoke(cli, ["show", str(seed_path), "--format", "xml", "-o", str(xml)]).exit_code == 0
    text, from_xml = _textconv(str(seed_path))[1], _textconv(str(xml))[1]
    assert text == from_xml
    code, from_pdf = _textconv(str(DATA / "pdf" / "seed-chromium.pdf"))
    assert code == 0
    ids = re.compile(r"^id: (m\d+)$", re.M)
    assert ids.findall(from_pdf) == ids.findall(text)


def test_textconv_refuses_what_is_no_report_naming_the_file(seed_path, tmp_path):
    bad = DATA / "inputs" / "english_prose.txt"
    code, out = _textconv("--check", str(seed_path), str(bad))
    assert code == 2 and "english_prose.txt" in out and "Traceback" not in out
    assert _textconv("--check", str(seed_path))[1] == ""  # a parse check prints nothing
    assert _textconv(str(tmp_path / "missing.pdf"))[0] == 2


def _policydiff() -> str:
    """The installed entry point, as git would run it from a user's configuration."""
    found = Path(sys.executable).parent / "policydiff"
    return str(found) if found.exists() else shutil.which("policydiff") or "policydiff"


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent), "GIT_PAGER": "cat"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_diff_log_and_blame_read_report_files_through_textconv(tmp_path, seed_path):
    repo = tmp_path / "reports"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.name", "A. Auditor")
    _git(repo, "config", "user.email", "auditor@example.org")
    # The README's set-up, word for word.
    (repo / ".gitattributes").write_text("*.pdf diff=policydiff\nreport*.txt diff=policydiff\n", encoding="utf-8")
    _git(repo, "config", "diff.policydiff.textconv", f"{_policydiff()} textconv")
    shutil.copy(seed_path, repo / "report.txt")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "FY2024 edition")
    shutil.copy(NEXT, repo / "report.txt")
    _git(repo, "commit", "-qam", "FY2025 edition (SYNTHETIC)")

    diff = _git(repo, "diff", "HEAD~1", "--", "report.txt")
    assert "Binary files" not in diff
    assert "+# SYNTHETIC edition: not a real report" in diff
    # A results bullet of m001 rewritten, shown as one removed and one added line of its block.
    assert "-  ・｢優れた医療機器の創出に係る産業振興拠点強化事業｣において、臨床現場のニーズに応じた" in diff
    assert re.search(r"^\+  ・｢優れた医療機器の創出に係る産業振興拠点強化事業｣において、医療機器創出人材の育成", diff, re.M)
    # The raw extraction's wrapped lines never show: every changed line is a fact of a block.
    changed = [x[1:] for x in diff.splitlines() if x[:1] in "+-" and not x.startswith(("+++", "---"))]
    assert changed and all(x == "" or x.startswith(("#", "## ", "id: ", "goal: ", "ministries: ", "description: ",
                                                    "results:", "plans:", "  ", "office: ", "reposted: "))
                           for x in changed)
    log = _git(repo, "log", "-p", "--format=%s", "--", "report.txt")
    assert "FY2025 edition (SYNTHETIC)" in log and "+# SYNTHETIC edition: not a real report" in log
    blame = _git(repo, "blame", "report.txt")
    first = next(x for x in blame.splitlines() if "id: m001" in x)
    assert first.startswith("^")  # unchanged since the first commit: blame reads the converted text
