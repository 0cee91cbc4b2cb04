"""The one assembler: what the grammar read, made into the Edition, the same way for every reader.

Fiscal years from the header's labels, the document id, the edition's label (never a real one for a
synthetic edition), goal and measure ids, the layout notes named by the measure holding their line, the
warnings in source order, and whether the reading is doubtful: an edition that a reader could only
place from weak evidence says so first among its warnings (code 'reading-doubtful'), which `show` and
every report print.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..model.edition import Edition, Goal, Measure, ParseWarning, Source
from ..model.eras import ERA_YEAR_RE, era_year
from ..model.errors import EditionParseError
from .grammar import Reading
from .measures import make_measure
from .table import LineNote, Table
from .vocabulary import SYNTHETIC_MARK, document_of

PARSER_VERSION = "3"  # 3: one table grammar for every reader, warnings name their measure; 2: 「担当」 and PDF boxes
DOCUMENT_ROWS = 20  # the report family is told by the text of the table's first rows
# Warnings that say a reader placed text from weak evidence, or that the grammar left a row out.
DOUBT_CODES = ("layout-", "unplaced-row", "unknown-row")
LEFT_OUT = ("unplaced-row", "unknown-row")  # a row the grammar could not place: its text is in no measure


def assemble(table: Table, reading: Reading, source: Source, document: str | None = None,
             edition: str | None = None, synthetic_note: str | None = None) -> Edition:
    """The Edition of READING; SYNTHETIC_NOTE (not None) marks it synthetic, as does a mark in the table's
    outside text (a PDF's metadata or first page)."""
    years = (_year_of(reading.results_label), _year_of(reading.plans_label))
    warnings = list(reading.warnings) + list(table.warnings)
    goals: list[Goal] = []
    measures: list[Measure] = []
    for n, draft in enumerate(reading.goals, 1):
        gid = f"g{n:02d}"
        for row in draft.rows:
            measures.append(make_measure(row, f"m{len(measures) + 1:03d}", draft.vision, gid, years, warnings))
        goals.append(Goal(gid, draft.vision, draft.title, draft.reposted, draft.see_above, draft.page, draft.line,
                          tuple(draft.notes)))
    if not measures:
        where = " in the PDF's table: no row with a description and columns" if table.layout == "pdf" else \
            ": no description closed by a ministry tag like ［◎厚］"
        raise EditionParseError(f"no measures found{where}")
    warnings.extend(_named(measures, table.notes))
    if not table.lines_in_cells:
        warnings = _placed(measures, warnings)
    if synthetic_note is None:
        synthetic_note = _synthetic_note(table)
    synthetic = synthetic_note is not None
    doc = document or document_of(" ".join([*table.outside, reading.header_text,
                                            *(cell.text for row in table.rows[:DOCUMENT_ROWS] for cell in row.cells)]))
    if doc is None:
        # Only ingest has --document (show, diff and plans read a stored edition under its id).
        raise EditionParseError("cannot tell which report this is from its text; "
                                "store it under an id you choose: policydiff ingest FILE --document ID")
    if table.lines_in_cells:  # lines count within a page's cells: the page first
        warnings.sort(key=lambda w: (w.page, w.line, w.code, w.message))
    else:
        warnings.sort(key=lambda w: (w.line, w.code, w.message))
    doubt = doubt_warning(warnings, table.layout)
    return Edition(
        document=doc,
        edition=edition or f"fy{years[0]}" + ("-synthetic" if synthetic else ""),  # never the real label
        results_fy=years[0],
        plans_fy=years[1],
        results_label=reading.results_label,
        plans_label=reading.plans_label,
        source=replace(source, format="pdf") if table.layout == "pdf" else source,
        parser_version=PARSER_VERSION,  # one version for all readers: verify and reparse use it
        synthetic=synthetic,
        synthetic_note=synthetic_note or "",
        visions=tuple(reading.visions),
        goals=tuple(goals),
        measures=tuple(measures),
        warnings=tuple(doubt + warnings),
    )


def _year_of(label: str) -> int:
    m = ERA_YEAR_RE.search(label)
    assert m is not None  # the header's labels hold an era year
    return era_year(m.group(1), m.group(2))


def _synthetic_note(table: Table) -> str | None:
    for text in table.outside:
        if SYNTHETIC_MARK in text:
            return text.split(SYNTHETIC_MARK, 1)[1].strip()
    return None


def _named(measures: list[Measure], notes: list[LineNote]) -> list[ParseWarning]:
    """What the layout lost, named by the measure whose row holds the source line (the last one starting
    before it)."""
    starts = [m.line for m in measures]
    out = []
    for note in notes:
        if not note.line:  # about the whole text
            out.append(ParseWarning(note.code, note.message, 0, 0))
            continue
        k = max(bisect.bisect_right(starts, note.line) - 1, 0)
        out.append(ParseWarning(note.code, f"{measures[k].id}: {note.message}", measures[k].page, note.line,
                                measures[k].id))
    return out


def _placed(measures: list[Measure], warnings: list[ParseWarning]) -> list[ParseWarning]:
    """A reader's warning about a source line (「line 140: the columns of … can be read two ways」) named by
    the measure whose row holds the line, with its page: a reader warns as it reads lines, before any
    measure exists, and a warning that names no row leaves the user to find it."""
    starts = [m.line for m in measures]
    out = []
    for w in warnings:
        k = bisect.bisect_right(starts, w.line) - 1
        if w.code in LEFT_OUT and not w.measure and w.line:
            out.append(_between(measures, k, w))
            continue
        if w.measure or w.page or not w.line or k < 0:
            out.append(w)
            continue
        m = measures[k]
        out.append(replace(w, message=f"{m.id}: {w.message}", page=m.page, measure=m.id))
    return out


def _between(measures: list[Measure], k: int, w: ParseWarning) -> ParseWarning:
    """A row the grammar left out, named by the measures read on either side of it (K: the last one
    starting before it): its text is most often the cut start of the next row or the lost end of the
    row before, and a warning that names only one of them sends the user to the wrong row."""
    near = [measures[j].id for j in (k, k + 1) if 0 <= j < len(measures)]
    where = f"between {near[0]} and {near[1]}" if len(near) == 2 else f"next to {near[0]}"
    return replace(w, message=f"{'/'.join(near)}: {w.message} ({where}: check both rows' text)",
                   measure=near[-1] if k < 0 else near[0])


def doubt_warning(warnings: list[ParseWarning], layout: str) -> list[ParseWarning]:
    """One warning first, when any says a row was placed from weak evidence or left out."""
    doubtful = [w for w in warnings if w.code.startswith(DOUBT_CODES)]
    if not doubtful:
        return []
    codes = sorted({w.code for w in doubtful})
    what = "the PDF's table" if layout == "pdf" else f"the text (layout '{layout}')"
    return [ParseWarning("reading-doubtful", f"this edition's reading of {what} is doubtful: {len(doubtful)} "
                         f"warning(s) ({', '.join(codes)}) name rows that were placed from weak evidence or left "
                         "out; check them against the PDF", 0, 0)]
