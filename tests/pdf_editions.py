"""The test PDFs (tests/data/pdf/) and their extractors' texts read once per test process, for the modules
that compare one reading with another.

Why: a PDF's reading takes 0.7-1.3 s, and the same four PDFs were read again by every module that uses one
as an oracle (the dense, interleaved and PDF-reader tests, the formats and citations tests): 20-odd reads
where four do. The extractions' texts (0.2-1 s each) were read again by the layout tests. A reading is an Edition of frozen records, so sharing it cannot let one test change what
another sees; a test that changes a table gets its own deep copy (pdf_table). tests/conftest.py runs
these modules on one pytest-xdist worker (SHARED_SCOPES), so that the readings are made once in all.
What reading a PDF does through the CLI, the archive or progress callbacks stays tested where it was
(test_pdf_cli.py, test_pdf_hostile.py, ...): those tests still read their PDFs themselves.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path

PDFS = Path(__file__).resolve().parent / "data" / "pdf"


def pdf_path(name: str) -> Path:
    """NAME with or without .pdf: 'seed-chromium' or 'seed-chromium.pdf'."""
    return PDFS / (name if name.endswith(".pdf") else f"{name}.pdf")


@cache
def _edition(path: Path):
    from policydiff.api import open_edition

    return open_edition(path)


def pdf_edition(name: str):
    """The edition of tests/data/pdf/NAME as a user opens it (policydiff.api.open_edition: the PDF's bytes
    through the PDF reader, its file name and size in the source), read once per process."""
    return _edition(pdf_path(name))


@cache
def _text_edition(path: Path):
    from policydiff import parse_report

    return parse_report(path.read_bytes())


def extraction_edition(name: str):
    """The text reader's edition of tests/data/pdf/NAME, an extractor's text of a test PDF such as
    'seed-chromium.pypdfium2.txt' (policydiff.parse_report of its bytes), read once per process."""
    return _text_edition(PDFS / name)


@cache
def _table(path: Path):
    from policydiff.versions.readers.pdf_cells import read_table

    return read_table(path.read_bytes())


def pdf_table(name: str):
    """A fresh copy of the PDF reader's table of tests/data/pdf/NAME (its cells, before the rows are read
    as measures), the PDF read once per process: the caller may change its copy."""
    return copy.deepcopy(_table(pdf_path(name)))
