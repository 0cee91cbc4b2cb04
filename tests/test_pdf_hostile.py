"""Hostile and unreadable PDFs: refused with one line on stderr and exit 2, or read safely; never a
traceback (exit 3), never a hang. The files are written at test time by tests/pdfgen/hostile.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pdfgen import hostile

from policydiff.cli import cli

PDFS = Path(__file__).resolve().parent / "data" / "pdf"

REFUSED = {
    "encrypted.pdf": (lambda: (PDFS / "encrypted.pdf").read_bytes(), "encrypted"),
    "password.pdf": (hostile.encrypted_stub, "encrypted"),
    "scanned.pdf": (hostile.no_text_layer, "no text layer"),
    "letter.pdf": (hostile.text_without_table, "no table"),
    "pages.pdf": (hostile.many_pages, "10,000 pages; the limit is 1,000"),
    "lying-count.pdf": (hostile.lying_page_count, "more than 1,000 pages"),
    "bomb.pdf": (hostile.content_bomb, "decodes to more than 33,554,432 bytes"),
    "image.pdf": (hostile.huge_image, "no text layer"),
    "javascript.pdf": (hostile.javascript_action, "no text layer"),
    "truncated.pdf": (lambda: (PDFS / "seed-drawn.pdf").read_bytes()[:25_000], "not a readable PDF"),
    # issue 21: small files inside every limit whose work is not (findings 18, 19, 26)
    "flate-twice.pdf": (lambda: hostile.flate_twice(40), "decodes to more than 33,554,432 bytes"),
    "flate-twice-page.pdf": (lambda: hostile.flate_twice(12), "page 1 draws more than 8,388,608 bytes"),
    "form-operators.pdf": (lambda: hostile.form_operators(12), "page 1 draws more than 8,388,608 bytes"),
    "nested-forms.pdf": (hostile.nested_forms, "page 1 nests forms more than 12 deep"),
    "wide-forms.pdf": (lambda: hostile.nested_forms(10, 14_000), "page 1 draws more than 8,388,608 bytes"),
    "form-cycle.pdf": (hostile.form_cycle, "page 1 draws a form that draws itself"),
    "type3-forms.pdf": (hostile.type3_glyph_forms, "page 1 nests forms more than 12 deep"),
    "grid.pdf": (lambda: hostile.ruled_grid(200), "page 1 is ruled into 40,401 crossings"),
    "repeated-pages.pdf": (lambda: hostile.repeated_pages((PDFS / "seed-chromium.pdf").read_bytes(), 1_000),
                           "draw more than 33,554,432 bytes"),
    "text-pages.pdf": (lambda: hostile.shared_text_pages(1_000), "draw more than 33,554,432 bytes"),
}


def _show(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return CliRunner().invoke(cli, ["--archive", str(tmp_path / "archive"), "ingest", str(path)])


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_pdf_is_refused_with_one_line(tmp_path, name):
    make, words = REFUSED[name]
    result = _show(tmp_path, name, make())
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr
    assert "Traceback" not in result.output


def test_pdf_with_a_broken_xref_is_still_read_whole(tmp_path):
    broken = hostile.broken_xref((PDFS / "seed-drawn.pdf").read_bytes())
    result = _show(tmp_path, "broken-xref.pdf", broken)
    assert result.exit_code == 0, result.stderr
    assert "59 measures, 71 budget lines" in result.stdout


def test_pdf_over_fifty_megabytes_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.pdf"
    with path.open("wb") as f:
        f.write(b"%PDF-1.7\n")
        f.truncate(51 * 1024 * 1024)  # sparse: no 51 MB written
    result = CliRunner().invoke(cli, ["show", str(path)])
    assert result.exit_code == 2
    assert "limit is 52,428,800 bytes" in result.stderr


def test_nothing_is_stored_when_a_pdf_is_refused(tmp_path):
    _show(tmp_path, "scanned.pdf", hostile.no_text_layer())
    listed = CliRunner().invoke(cli, ["--archive", str(tmp_path / "archive"), "list"])
    assert "fy" not in listed.stdout
