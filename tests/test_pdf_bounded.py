"""Issue 21: a PDF's work is bounded by what the limits promise and checked before it is done.

Each test counts the work (pages drawn, bytes pdfminer reads) rather than timing it: before the fix,
these files took minutes and gigabytes (tests/benchmarks/run.py measures them in seconds and MB)."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdfgen import hostile

from policydiff.cli import cli
from policydiff.versions.model.errors import EditionParseError
from policydiff.versions.readers.pdf_cells import read_table

pytestmark = pytest.mark.slow  # hostile PDFs built and read in child processes under memory caps (make test runs it)

PDFS = Path(__file__).resolve().parent / "data" / "pdf"

BOMBS = {
    "flate-twice": lambda: hostile.flate_twice(12),
    "form-operators": lambda: hostile.form_operators(12),
    "nested-forms": hostile.nested_forms,
    "wide-forms": lambda: hostile.nested_forms(10, 14_000),
    "type3-glyph-forms": hostile.type3_glyph_forms,
    "repeated-pages": lambda: hostile.repeated_pages((PDFS / "seed-chromium.pdf").read_bytes(), 1_000),
    "text-pages": lambda: hostile.shared_text_pages(1_000),
}


def _pages_drawn(data: bytes) -> tuple[list[int], str]:
    drawn: list[int] = []
    with pytest.raises(EditionParseError) as refused:
        read_table(data, progress=lambda n, total: drawn.append(n))
    return drawn, str(refused.value)


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_pdf_whose_drawing_passes_the_bounds_is_refused_before_any_page_is_drawn(name):
    drawn, message = _pages_drawn(BOMBS[name]())
    assert drawn == [], message
    assert "limit bounds the work" in message


def test_characters_are_counted_for_the_whole_file_as_pages_are_read(monkeypatch):
    from policydiff.versions.readers import pdf_work

    monkeypatch.setattr(pdf_work, "MAX_CHARS", 20_000)
    drawn, message = _pages_drawn(hostile.shared_text_pages(pages=10, chars=5_000))
    assert drawn == [1, 2, 3, 4, 5]  # the fifth page passes 20,000: no page after it is read
    assert message.startswith("the PDF has more than 20,000 characters by page 5")


def test_rule_crossings_are_counted_for_the_whole_file_before_the_table_finder_runs(monkeypatch):
    from policydiff.versions.readers import pdf_work

    monkeypatch.setattr(pdf_work, "MAX_GRID_POINTS_TOTAL", 5_000)
    calls = []
    import pdfplumber.page

    real = pdfplumber.page.Page.find_tables
    monkeypatch.setattr(pdfplumber.page.Page, "find_tables", lambda self, s: calls.append(1) or real(self, s))
    page = hostile.ruled_grid(40)  # 1,681 crossings: under the page bound, three pages pass the file's
    drawn, message = _pages_drawn(hostile.repeated_pages(page, 5))
    assert drawn == [1, 2, 3] and len(calls) == 2, message
    assert "ruled into more than 5,000 crossings" in message


def test_a_grid_of_many_cells_is_refused_before_the_table_finder_runs(monkeypatch):
    import pdfplumber.page

    monkeypatch.setattr(pdfplumber.page.Page, "find_tables", lambda self, s: pytest.fail("table finder ran"))
    drawn, message = _pages_drawn(hostile.ruled_grid(100))
    assert drawn == [1] and "page 1 is ruled into 10,201 crossings" in message


def test_bytes_after_eof_are_never_read_line_by_line(monkeypatch, tmp_path):
    """pdfminer searches startxref by lines read backwards: a 16 MB line after %%EOF took 30 s."""
    from pdfminer.psparser import PSBaseParser

    read: list[int] = []
    real = PSBaseParser.revreadlines

    def counting(self):
        for line in real(self):
            read.append(len(line))
            yield line

    monkeypatch.setattr(PSBaseParser, "revreadlines", counting)
    path = tmp_path / "tail.pdf"
    path.write_bytes(hostile.long_tail((PDFS / "seed-drawn.pdf").read_bytes(), mb=4))
    result = CliRunner().invoke(cli, ["--archive", str(tmp_path / "a"), "ingest", str(path)])
    assert result.exit_code == 0, result.output
    assert "59 measures, 71 budget lines" in result.stdout
    assert 0 < sum(read) < 1_000


def _edition_json(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["show", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    # Boxes move by rounding (0.1 pt) when the page is turned; the source names its own file.
    text = re.sub(r'"bbox": \[[^\]]*\]', "", result.stdout)
    return re.sub(r'"source": \{[^}]*\}', "", text)


@pytest.fixture(scope="module")
def unrotated(tmp_path_factory) -> str:
    return _edition_json(tmp_path_factory.mktemp("seed"), "seed.pdf", (PDFS / "seed-chromium.pdf").read_bytes())


@pytest.mark.parametrize("rotate", [90, 180, 270])
@pytest.mark.parametrize("upright", [False, True], ids=["turned", "shown-upright"])
def test_a_rotated_page_reads_as_the_unrotated_page(tmp_path, unrotated, rotate, upright):
    """/Rotate alone (the page shows turned) and a page drawn turned and shown upright by /Rotate (a
    landscape page printed on portrait paper) both give the edition of the unrotated PDF: no space inside
    「10.9億円」 or 「MEDIC」 (pdfium infers spaces in the page as shown), no table lost to turned axes."""
    seed = (PDFS / "seed-chromium.pdf").read_bytes()
    got = _edition_json(tmp_path, "rotated.pdf", hostile.rotated(seed, rotate, upright))
    assert got == unrotated
    assert "10.9億円" in got and "1 0.9億円" not in got and "ME DIC" not in got


def _limit_memory() -> None:
    limit = 3 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is Linux's")
def test_under_a_memory_cap_a_form_bomb_ends_in_one_line_not_an_abort(tmp_path):
    """Forms drawing each other twice, 30 levels deep, took 24 GB; under a cap pdfium aborted (exit 134)."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(hostile.nested_forms())
    proc = subprocess.run([sys.executable, "-m", "policydiff.cli", "show", str(path)], capture_output=True,
                          text=True, timeout=300, preexec_fn=_limit_memory)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and "nests forms" in proc.stderr
