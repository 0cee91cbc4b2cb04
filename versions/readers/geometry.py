"""The table's column geometry: where each column wraps, in full-width cells, and what follows from it.

A PDF measures it (cell edges and the body font's size); a text reader estimates it from the widths of
its lines (each in its own way: wrapped lines, boxes with a tag, pieces side by side). Either way the
grammar and the readers ask the same questions of one object: is a line full, may it be a title, is it
narrow enough for the plans column, does a description item wrap at it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import TITLE_MAX

DESCRIPTION, RESULTS, PLANS, OFFICE = "description", "results", "plans", "office"
ROLES = (DESCRIPTION, RESULTS, PLANS, OFFICE)
FULL_MARGIN = 2.5  # a wrapped line ends within ~2 cells of its column's width (kinsoku, half-width digits)
TITLE_MARGIN = 4.0  # cells between the widest title and the description column's width (48 and ~54 in the sample)
NARROW_MARGIN = 3.0  # a plans line may overrun its wrap width by a hanging mark or wide latin letters
SHORT = 2.0  # a line whose slack (Line.slack) is over this ends its paragraph: 2 ems short on a PDF page (a
# line that wraps before a mark that may not start a line stops one em short, two with a full-width bracket)


@dataclass(frozen=True)
class Geometry:
    """Column widths in full-width cells (the sample's by default: ~54 / 60 / 40 / 14) and the limits read
    from them. NARROW: the widest a plans line prints; TITLE_MAX: the widest a title may be (a full line of
    the description column is text); ITEM_WRAP: a description item's line at least this wide wrapped."""

    description: float = 54.0
    results: float = 60.0
    plans: float = 40.0
    office: float = 14.0
    title_max: float = TITLE_MAX
    narrow: float = 45.0
    item_wrap: float = 60.0  # the sample's items run to the full table width (~70 cells)
    # A title in the body font ends at least this far short (Line.slack) of the column's full line: 3 ems
    # on a PDF page, where TITLE_MAX is fixed; a text reader's TITLE_MAX is already below its column's
    # width (None: no more is asked).
    title_short: float | None = 3.0

    @classmethod
    def from_widths(cls, description: float, results: float, plans: float, office: float = 14.0,
                    title_max: float | None = None) -> Geometry:
        """The limits of a table whose columns wrap at these widths."""
        return cls(description, results, plans, office,
                   description - TITLE_MARGIN if title_max is None else title_max, plans + NARROW_MARGIN,
                   wrapped(description), None)

    def of(self, role: str) -> float:
        return {DESCRIPTION: self.description, RESULTS: self.results, PLANS: self.plans, OFFICE: self.office}[role]

    def slack(self, width: float, role: str) -> float:
        """How many cells a line of WIDTH stops short of its column's full line (negative: it overruns)."""
        return self.of(role) - width


def slack(width: float, full: float) -> float:
    """A text line's slack, for a reader that holds a line of at least FULL cells full: over SHORT
    exactly when the line is narrower."""
    return full - width + SHORT


def wrapped(column: float) -> float:
    """The narrowest a line that wrapped at COLUMN prints."""
    return column - FULL_MARGIN
