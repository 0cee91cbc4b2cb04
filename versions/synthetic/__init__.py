"""Synthetic next editions: known edits applied to a real report's lines, with the ground truth.

Only one real edition exists, so the diff engine is tested on "next editions" made here: the real
text with a few known edits (a sentence reworded, 19億円→17億円, a program renamed, a measure split,
merged, moved, added or removed, lines re-wrapped...) and a record of what was done. Untouched
measures keep their lines byte for byte; edited ones are re-wrapped the way the PDF extraction
prints them (results and descriptions 52-60 cells wide, plans 34-42, blank lines between blocks,
each description closed by its ministry tag), and every step is re-parsed and checked, so the
parser reads each edition exactly as the truth says. For tests and demos only: the first line of
every generated text is SYNTHETIC_MARKER, and nothing here is a real report.

- records.py: the edit kinds, SyntheticEdit, GroundTruth, SyntheticEdition and what a diff must report
- wording.py: what the edits may write (rewordings, renamed words, amounts, added rows' vocabulary)
- layout.py: wrapping and rendering a row the way the PDF extraction prints the table
- state.py: the working lines, their parse, the ledger of claimed edits, the pieces an edit rewrites
- text_edits.py, structural_edits.py: the edit kinds, in place and row by row
- generate.py: make_synthetic, each proposed edit taken only if the re-parse agrees
- scaled.py: make_scaled, OLD and NEW reports of any size for benchmarks
"""

from .generate import EDITORS, budget_lines, make_synthetic
from .layout import PLANS_WIDTH, RESULTS_WIDTH, TITLE_MAX, Row, render_row, wrap
from .records import (
    CHANGE_KINDS,
    EDIT_KINDS,
    EXPECTED_CHANGES,
    GroundTruth,
    SyntheticEdit,
    SyntheticEdition,
    summarize,
)
from .scaled import RENAME_FIELDS, RENAME_REGIONS, RENAME_USES, SCALED_TOUCHED, make_scaled
from .state import Sig, signature
from .wording import (
    ADD_ACTIONS,
    ADD_REASONS,
    ADD_TAGS,
    ADD_TITLE_ENDS,
    ADD_TOPICS,
    AMOUNT_RE,
    COUNT_RE,
    FULL_DIGITS,
    HALF_DIGITS,
    MINISTRY_CODES,
    QUOTED_RE,
    RENAME_WORDS,
    REWORDS,
    WIDTH_MAPS,
)

__all__ = [
    "ADD_ACTIONS", "ADD_REASONS", "ADD_TAGS", "ADD_TITLE_ENDS", "ADD_TOPICS", "AMOUNT_RE",
    "CHANGE_KINDS", "COUNT_RE", "EDITORS", "EDIT_KINDS", "EXPECTED_CHANGES", "FULL_DIGITS", "HALF_DIGITS",
    "MINISTRY_CODES", "PLANS_WIDTH", "QUOTED_RE", "RENAME_FIELDS", "RENAME_REGIONS", "RENAME_USES", "RENAME_WORDS",
    "RESULTS_WIDTH", "REWORDS", "SCALED_TOUCHED", "TITLE_MAX", "WIDTH_MAPS", "GroundTruth", "Row", "Sig",
    "SyntheticEdit", "SyntheticEdition", "budget_lines", "make_scaled", "make_synthetic", "render_row",
    "signature", "summarize", "wrap",
]
