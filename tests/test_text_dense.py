"""The 'dense' layout (pypdfium2's extraction: no blank lines) reads as the PDF reader reads the same PDF.

The four pypdfium2 extractions in tests/data/pdf/ come from two producers (Chromium, reportlab) with
different column widths, a four-column 「担当」 variant and an FY2022-style header. Rows cut by a page
break, cells sharing a baseline and description items are in them as pypdfium2 printed them. A text
rewrapped at other column widths (below) checks that no width of the sample is assumed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_editions import extraction_edition, pdf_edition

from policydiff import parse_report
from policydiff.versions.model.normalize import display_width, fold_extracted, normalize
from policydiff.versions.readers.text_dense import estimate_widths
from policydiff.versions.readers.text_layouts import prepare
from policydiff.versions.readers.vocabulary import HEADER_RE

PDF = Path(__file__).resolve().parent / "data" / "pdf"
NAMES = ("seed-chromium", "seed-drawn", "office-synthetic", "fy2022-synthetic")


def _fold(text: str) -> str:
    return normalize(fold_extracted(text))


def _row(m) -> tuple:
    return (_fold(m.title), _fold(m.description), m.ministries, [_fold(b.text) for b in m.results],
            [_fold(b.text) for b in m.plans], _fold(m.office))


def _budgets(ed) -> list[tuple]:
    return [(m.id, column, b.fiscal_year, b.kind, b.yen, b.part_of) for m, column, _, b in ed.budgets()]


@pytest.fixture(scope="module")
def by_pdf() -> dict:
    return {name: pdf_edition(name) for name in NAMES}  # api.open_edition of each PDF, once per process


@pytest.fixture(scope="module")
def by_text() -> dict:
    return {name: extraction_edition(f"{name}.pypdfium2.txt") for name in NAMES}  # parse_report of its bytes


@pytest.mark.parametrize("name", NAMES)
def test_pypdfium2_extraction_reads_as_the_pdf_reader_reads_the_pdf(name, by_pdf, by_text, seed_edition):
    got, want = by_text[name], by_pdf[name]
    assert prepare((PDF / f"{name}.pypdfium2.txt").read_text()).profile == "dense"
    assert len(got.measures) == len(want.measures) == 59
    assert (got.results_fy, got.plans_fy, got.synthetic) == (want.results_fy, want.plans_fy, want.synthetic)
    assert [v.title for v in got.visions] == [v.title for v in want.visions]
    assert [_fold(g.title) for g in got.goals] == [_fold(g.title) for g in want.goals]
    assert _budgets(got) == _budgets(want) and len(got.budgets()) == 71
    assert [w.id for g, w in zip(got.measures, want.measures, strict=True) if _row(g) != _row(w)] == []
    # m050 is the report's one row without a tag; m036's tag, wrapped so that 「］」 starts a line in the
    # reportlab PDFs, is read whole by both (tests/test_pdf_tag_wrap.py).
    assert _untagged(got) == _untagged(want) == _untagged(seed_edition) == ["m050"]


def _untagged(ed) -> list[str]:
    return [w.message.split(":")[0] for w in ed.warnings if w.code == "no-ministry-tag"]


def test_a_row_cut_by_a_page_break_is_joined_column_by_column(by_text, seed_edition):
    # seed-chromium: m021's results and plans go on after the page header (line 270) as 「・…19億円の内数…」
    # then 「定。」, the last two characters of a plans bullet; seed-drawn: m009's results and plans share
    # the first line of the next page; office: m009's description goes on, with its tag, after the header.
    for name, mid in (("seed-chromium", "m021"), ("seed-drawn", "m009"), ("office-synthetic", "m009"),
                      ("seed-drawn", "m039"), ("fy2022-synthetic", "m009")):
        got = next(m for m in by_text[name].measures if m.id == mid)
        want = next(m for m in seed_edition.measures if m.id == mid)
        assert _row(got)[:5] == _row(want)[:5], (name, mid)


def test_a_row_continued_on_the_next_page_cites_the_page_it_is_printed_on(by_text, by_pdf):
    got, want = by_text["seed-chromium"], by_pdf["seed-chromium"]
    m021 = next(m for m in got.measures if m.id == "m021")
    assert [b.page for b in m021.results] == [2, 3] and [b.page for b in m021.plans] == [2, 3]
    assert [m.page for m in got.measures] == [m.page for m in want.measures]


def test_description_items_after_the_tag_stay_in_the_description(by_text, by_pdf):
    # 「① 日常生活における…」 (a space where the sample has a tab) right after m030's tag ［◎内、文、厚、経］.
    for name in ("seed-chromium", "office-synthetic"):
        got = next(m for m in by_text[name].measures if m.id == "m030")
        want = next(m for m in by_pdf[name].measures if m.id == "m030")
        assert got.description.count("\n") == want.description.count("\n") == 10
        assert _fold(got.description) == _fold(want.description)
        assert _fold(got.results[0].text).startswith("重点5分野については")


def test_a_block_the_extraction_cannot_place_is_named_in_a_warning(by_text):
    # seed-chromium m030: two one-line bullets at the top of page 4, before the next row; nothing in the text
    # says whether they continue the results or the plans column. Read as results (the column longer on the
    # page before, as the PDF has them), and said so.
    got = by_text["seed-chromium"]
    warned = [w for w in got.warnings if w.code.startswith("layout-") and w.code != "layout-dense"]
    assert [(w.code, w.message.split(":")[0], w.line) for w in warned] == [("layout-page-break-column", "m030", 411)]
    assert "results" in warned[0].message and "plans" in warned[0].message
    m030 = next(m for m in got.measures if m.id == "m030")
    assert _fold(m030.results[-1].text) == "・医工連携イノベーション推進事業において1件の課題を採択"


def test_page_breaks_the_text_does_not_mark_are_said_to_be_unmarked(by_text):
    # reportlab's PDFs print the header on the first page only: pypdfium2's text shows no page break, so
    # where one cut a row the parts are joined by widths alone. Chromium's repeat the header on each page.
    codes = {name: [w.code for w in ed.warnings if w.code == "layout-page-breaks-unmarked"]
             for name, ed in by_text.items()}
    assert codes == {"seed-chromium": [], "seed-drawn": ["layout-page-breaks-unmarked"],
                     "office-synthetic": [], "fy2022-synthetic": ["layout-page-breaks-unmarked"]}
    warning = next(w for w in by_text["seed-drawn"].warnings if w.code == "layout-page-breaks-unmarked")
    assert "page break" in warning.message and (warning.page, warning.line) == (0, 0)


def test_office_column_is_each_measures_office_never_its_text(by_text, by_pdf):
    got, want = by_text["office-synthetic"], by_pdf["office-synthetic"]
    assert [m.office for m in got.measures] == [_fold(m.office) for m in want.measures]
    assert sum(1 for m in got.measures if m.office) >= 55
    offices = {m.office for m in got.measures if m.office}
    for m in got.measures:
        text = m.title + m.description + "".join(b.text for b in m.results + m.plans)
        assert not any(office in _fold(text) for office in offices), m.id


def test_fy2022_header_gives_fiscal_years_2022_and_2023(by_text):
    ed = by_text["fy2022-synthetic"]
    assert (ed.results_fy, ed.plans_fy, ed.synthetic, ed.edition) == (2022, 2023, True, "fy2022-synthetic")


def test_column_widths_are_estimated_from_each_extraction():
    got = {name: estimate_widths((PDF / f"{name}.pypdfium2.txt").read_text().split("\n")) for name in NAMES}
    assert {name: (w.plans, w.description, w.results) for name, w in got.items()} == {
        "seed-chromium": (40, 54, 60), "seed-drawn": (39, 50, 57),
        "office-synthetic": (36, 48, 54), "fy2022-synthetic": (39, 50, 57)}


# A dense text written from the bundled report's edition at other column widths than any PDF here: the
# plans column wider than the sample's NARROW (45) and the description column wider than its TITLE_MAX.
def _wrap(text: str, width: float) -> list[str]:
    """Greedy wrap at WIDTH cells, as a typesetter does: never between two Latin letters or digits (a join
    would add a space), never before a character that may not start a line (・、。」）］) nor after one that
    may not end it (「（［)."""
    lines, line = [], ""
    for c in text:
        if line and display_width(line + c) > width:
            cut = len(line)
            while cut > 1 and (_no_break(line[cut - 1], line[cut] if cut < len(line) else c)):
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        line += c
    return lines + [line] if line else lines


def _no_break(left: str, right: str) -> bool:
    latin = re.compile(r"[A-Za-z0-9.,]")
    return bool(latin.match(left) and latin.match(right)) or right in "・、。」）］" or left in "「（［"


def _dense_text(ed, description: float, results: float, plans: float, page: int = 10_000) -> str:
    """The edition as pypdfium2 prints a table: per row the description cell's lines, the results cell's,
    the plans cell's; PAGE lines a page, a row cut by a page break printed cell by cell on each page, the
    header repeated on top of each."""
    header = "該当箇所 列1 列2 列3 " + ed.results_label + " " + ed.plans_label
    out = ["# policydiff-synthetic: rewrapped", header]
    used = 0

    def emit(cells: list[list[str]]) -> None:
        nonlocal used
        while True:
            room = page - used
            if max(map(len, cells)) <= room:
                out.extend(x for cell in cells for x in cell)
                used += max(map(len, cells))
                return
            if room >= 2 and len(cells) > 1:  # the row starts here and goes on on the next page
                out.extend(x for cell in cells for x in cell[:room])
                cells = [cell[room:] for cell in cells]
            out.append(header)
            used = 0

    rows: dict[str, list] = {}
    for m in ed.measures:
        rows.setdefault(m.goal, []).append((m.line, m))
    for g in ed.goals:
        rows.setdefault(g.id, []).extend((n.line, n) for n in g.notes)
    visions = {v.number: v for v in ed.visions}
    shown: set[int] = set()
    for g in ed.goals:
        if g.vision not in shown and g.vision in visions:
            emit([[visions[g.vision].title]])
            shown.add(g.vision)
        emit([[g.title] + (["（上記参照）"] if g.see_above else [])])
        for _, row in sorted(rows.get(g.id, []), key=lambda r: r[0]):
            cell = [row.title] if row.title else []
            if not hasattr(row, "results"):  # a note: title and text
                emit([cell + _wrap(row.text, description)])
                continue
            first, *items = row.description.split("\n")
            cell += _wrap(first + row.ministries_text, description) if first or row.ministries_text else []
            for item in items:
                cell += _wrap(re.sub(r"^([①-⑳])\t", r"\1 ", item), description)
            emit([cell, [x for b in row.results for x in _wrap(b.text, results)],
                  [x for b in row.plans for x in _wrap(b.text, plans)]])
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(("widths", "page"), [((58, 72, 48), None), ((48, 56, 34), None),
                                              ((54, 60, 40), 60), ((48, 56, 34), 35), ((58, 72, 48), 45)])
def test_a_dense_text_at_other_column_widths_reads_as_the_report(seed_edition, widths, page):
    # Rows cut by page breaks (PAGE lines a page) come back whole, or the measure is named in a layout-
    # warning (a short bullet at the top of a page may continue the results or the plans): never silently.
    description, results, plans = widths
    text = _dense_text(seed_edition, description, results, plans, page or 10_000)
    assert sum(1 for x in text.split("\n") if HEADER_RE.search(x)) > (1 if page else 0)
    ed = parse_report(text)
    assert prepare(text).profile == "dense"
    est = estimate_widths(text.split("\n"))
    assert est is not None and (est.plans, est.description, est.results) == (plans, description, results)
    assert len(ed.measures) == len(seed_edition.measures)
    warned = {w.message.split(":")[0] for w in ed.warnings if w.code == "layout-page-break-column"}
    # One page, its header printed once: the reader cannot tell it from a text whose page breaks are unmarked.
    assert ("layout-page-breaks-unmarked" in {w.code for w in ed.warnings}) == (page is None)
    differ = [w.id for g, w in zip(ed.measures, seed_edition.measures, strict=True) if _row(g) != _row(w)]
    assert set(differ) <= warned
    if not page:
        assert differ == [] and not warned
        assert _budgets(ed) == _budgets(seed_edition)
    assert len(warned) <= 2
