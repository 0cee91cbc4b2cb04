"""ReportOptions: the one set of settings every renderer reads (each uses the fields it needs)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..diffengine.review import Mark

MARKDOWN_LIMIT = 65_000  # GitHub refuses comments over 65,536 characters


@dataclass(frozen=True)
class ReportOptions:
    show_format_only: bool = False  # also show changes of width, quotes or wrapping
    color: bool = False  # text: ANSI colours (the CLI decides from --color and NO_COLOR)
    context: int = 24  # text: characters of unchanged text kept on each side of a change
    show_unchanged: bool = False  # text: list unchanged measures too
    lang: Literal["ja", "en"] = "ja"  # html: labels
    generated_at: str | None = None  # html: a time to print (the CLI honours SOURCE_DATE_EPOCH); None: none
    version: str = ""  # html: the version named in the footer (api.render gives its own; "": none named)
    full_report: str = ""  # markdown: where the complete report is, named in a truncation note
    limit: int = MARKDOWN_LIMIT  # markdown: most characters
    # The auditor's review marks of the pair (policydiff review): every format shows them beside
    # their change; the HTML report also lets a reviewer set them.
    marks: tuple[Mark, ...] = ()
    summary_only: bool = False  # edition views and the text diff (--summary): the counts, no measures
    table: str = ""  # csv: a table of the annual layer (budgets, follow-through, events); "": the budget changes


def mark_of(opts: ReportOptions, change_id: str) -> Mark | None:
    for m in opts.marks:
        if m.id == change_id:
            return m
    return None
