"""The report's text (what a PDF extraction gives) into an Edition: the reader of its layout
(text_layouts.py) rebuilds the table, then the grammar and the assembler every reader shares."""

from __future__ import annotations

from ..model.edition import Edition, Source
from .assembler import PARSER_VERSION, assemble
from .grammar import read_rows
from .line_cuts import cut_lines
from .text_checks import check_rows
from .text_layouts import read_text_table

__all__ = ["PARSER_VERSION", "parse_report_text"]


def parse_report_text(text: str, source: Source, document: str | None = None, edition: str | None = None,
                      synthetic: bool = False, synthetic_note: str = "") -> Edition:
    """Parse a report's text into an Edition; EditionParseError (one line) for what cannot be read.
    SYNTHETIC: the text says it is made up (its note: what was done to make it)."""
    table = read_text_table(text)
    if table.layout != "blocked":  # (the sample's blocked text keeps its cells apart by blank lines)
        table.warnings += cut_lines(table)
    made = assemble(table, read_rows(table), source, document, edition, synthetic_note if synthetic else None)
    # the sample's blocked text keeps its blank lines between cells: its rows are not guessed
    return made if table.layout == "blocked" else check_rows(made, table.layout, text.replace("\f", ""))
