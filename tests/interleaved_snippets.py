"""Snippets of pdfplumber text cut from generated layouts (tests/data/interleaved_rows/), read by the
interleaved reader as text_layouts hands a text to it: shared by the interleaved reader's tests."""

from __future__ import annotations

from pathlib import Path

from policydiff.versions.readers.text_interleaved import read_interleaved
from policydiff.versions.readers.text_layouts import prepare

ROWS = Path(__file__).resolve().parent / "data" / "interleaved_rows"


def snippet_input(name: str):
    """The snippet NAME as the interleaved reader is given it: folded as every text is, its header read
    (lines, their source numbers, whether the header names a 「担当」 column)."""
    prepared = prepare((ROWS / name).read_text(encoding="utf-8"))
    return prepared.lines, prepared.numbers, prepared.office


def snippet_table(name: str):
    """The table the interleaved reader reads from the snippet NAME."""
    prepared = prepare((ROWS / name).read_text(encoding="utf-8"))
    return read_interleaved(prepared.lines, prepared.numbers, prepared.office, prepared.breaks)
