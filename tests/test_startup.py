"""Start-up (issue 19): a command imports only what it needs. Diffing two report files must not pull in
numpy, scipy, the PDF libraries, GitPython, lxml or Jinja2, whose imports alone cost more than the
whole seed-size diff. Checked on WHICH modules a fresh process imports, never on time (the benchmark,
tests/benchmarks/run.py, times it)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from policydiff.diffengine import fields
from policydiff.versions.model.normalize import normalize

HEAVY = frozenset({"numpy", "scipy", "pdfplumber", "pdfminer", "pypdfium2", "pypdfium2_raw", "git", "gitdb",
                   "lxml", "jinja2", "PIL", "charset_normalizer", "xmldiff", "playwright"})

# Runs the command as the `policydiff` entry point does, then lists the modules it imported.
CHILD = r"""
import json, sys
sys.argv = ["policydiff", *json.loads(sys.argv[1])]
from policydiff.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
print(json.dumps({"exit": code, "modules": sorted(sys.modules)}))
"""


def _modules(args: list[str], cwd) -> tuple[int, set[str]]:
    """The exit code and every module the command imported."""
    proc = subprocess.run([sys.executable, "-c", CHILD, json.dumps(args)], capture_output=True, text=True,
                          cwd=cwd, check=True)
    found = json.loads(proc.stdout.splitlines()[-1])
    return found["exit"], set(found["modules"])


def _imported(args: list[str], cwd) -> tuple[int, set[str]]:
    """The exit code and the top-level packages the command imported."""
    code, modules = _modules(args, cwd)
    return code, {m.split(".")[0] for m in modules}


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_diff_of_two_report_files_imports_no_heavy_module(seed_path, synthetic, tmp_path, fmt):
    out = tmp_path / f"diff.{fmt}"
    code, top = _imported(["diff", str(seed_path), str(synthetic), "--format", fmt, "-o", str(out)], tmp_path)
    assert code == 1 and out.stat().st_size > 1000  # the diff was made, changes found
    assert "policydiff" in top and "click" in top
    assert top & HEAVY == set()


def test_a_diff_of_text_files_loads_none_of_the_pdf_readers_page_modules(seed_path, synthetic, tmp_path):
    # api.py and readers/load.py imported pdf_cells for a type name (Progress): the PDF reader's page,
    # column and work modules loaded with every command.
    out = tmp_path / "diff.json"
    code, modules = _modules(["diff", str(seed_path), str(synthetic), "--format", "json", "-o", str(out)], tmp_path)
    assert code == 1 and "policydiff.versions.readers.parse_text" in modules
    pdf_reader = {f"policydiff.versions.readers.{m}" for m in ("pdf_cells", "pdf_page", "pdf_columns", "pdf_work",
                                                              "parse_pdf")}
    assert modules & pdf_reader == set()


def test_plans_of_a_report_file_imports_no_heavy_module(seed_path, tmp_path):
    code, top = _imported(["plans", str(seed_path), "--format", "json", "-o", str(tmp_path / "p.json")], tmp_path)
    assert code == 1 and top & HEAVY == set()


def test_the_html_report_imports_jinja2_and_nothing_else_heavy(seed_path, synthetic, tmp_path):
    """The check sees an import when there is one: the HTML format needs Jinja2, and only it."""
    out = tmp_path / "diff.html"
    code, top = _imported(["diff", str(seed_path), str(synthetic), "--format", "html", "-o", str(out)], tmp_path)
    assert code == 1 and out.exists()
    assert top & HEAVY == {"jinja2"}


def test_small_bullet_columns_score_as_rapidfuzz_cdist_does(seed_edition, monkeypatch):
    """A column of up to SMALL_PAIRS bullet pairs is scored in a Python loop (no numpy): the scores are
    the very floats cdist gives, so every alignment is the same."""
    columns = [[normalize(b.text) for b in bullets] for m in seed_edition.measures
               for bullets in (m.results, m.plans) if bullets]
    pairs = list(zip(columns, columns[1:] + columns[:1], strict=True)) + [(["", "a"], ["", "b", ""])]
    looped = [fields._similarities(a, b) for a, b in pairs]
    assert any(len(a) * len(b) > 20 for a, b in pairs)
    monkeypatch.setattr(fields, "SMALL_PAIRS", 0)
    assert [fields._similarities(a, b) for a, b in pairs] == looped

