"""The PDF reader against the text reader: the same edition from the bundled report's PDFs.

tests/data/pdf/ holds the bundled report rebuilt as a table and printed two ways (tests/pdfgen/):
by Chromium from HTML and drawn with reportlab. Read from either, the edition must equal the one the
text reader makes of examples/, field by field after folding width, radicals and white space.
"""

from __future__ import annotations

import pdf_editions
import pytest

from policydiff.versions.model.normalize import fold_extracted, normalize

SEED_PDFS = ("seed-chromium.pdf", "seed-drawn.pdf")


def _fold(text: str) -> str:
    return normalize(fold_extracted(text))


def read_pdf(name: str):
    return pdf_editions.pdf_edition(name)  # api.open_edition of the PDF, read once per process


@pytest.fixture(scope="module", params=SEED_PDFS)
def pdf_edition(request):
    return read_pdf(request.param)


def _budget(b):
    return (b.fiscal_year, b.kind, b.yen, b.part_of, b.program and _fold(b.program))


def _bullet(b):
    return (_fold(b.text), tuple(_fold(p) for p in b.programs), tuple(_budget(x) for x in b.budgets))


def test_pdf_gives_the_counts_of_the_text(pdf_edition, seed_edition):
    assert pdf_edition.counts() == seed_edition.counts()
    assert len(pdf_edition.measures) == 59 and len(pdf_edition.budgets()) == 71


def test_pdf_gives_the_years_visions_and_goals_of_the_text(pdf_edition, seed_edition):
    assert (pdf_edition.results_fy, pdf_edition.plans_fy) == (2024, 2025)
    assert (pdf_edition.document, pdf_edition.edition, pdf_edition.synthetic) == (seed_edition.document, "fy2024", False)
    assert [(v.number, _fold(v.title)) for v in pdf_edition.visions] == \
        [(v.number, _fold(v.title)) for v in seed_edition.visions]

    def goal(g):
        return (g.id, g.vision, _fold(g.title), g.reposted, g.see_above,
                [(_fold(n.title), _fold(n.text)) for n in g.notes])

    assert [goal(g) for g in pdf_edition.goals] == [goal(g) for g in seed_edition.goals]


def test_pdf_gives_each_measure_of_the_text_field_by_field(pdf_edition, seed_edition):
    for text_m, pdf_m in zip(seed_edition.measures, pdf_edition.measures, strict=True):
        assert (pdf_m.id, pdf_m.goal, pdf_m.vision) == (text_m.id, text_m.goal, text_m.vision)
        assert _fold(pdf_m.title) == _fold(text_m.title), text_m.id
        assert _fold(pdf_m.description) == _fold(text_m.description), text_m.id
        assert pdf_m.ministries == text_m.ministries, text_m.id
        assert (pdf_m.reposted, pdf_m.first_line_lost) == (text_m.reposted, text_m.first_line_lost), text_m.id
        assert [_bullet(b) for b in pdf_m.results] == [_bullet(b) for b in text_m.results], text_m.id
        assert [_bullet(b) for b in pdf_m.plans] == [_bullet(b) for b in text_m.plans], text_m.id


def test_pdf_gives_the_successions_and_warnings_of_the_text(pdf_edition, seed_edition):
    def succession(s):
        return (_fold(s.old), _fold(s.new))

    assert [succession(s) for *_, s in pdf_edition.successions()] == \
        [succession(s) for *_, s in seed_edition.successions()]
    assert sorted(w.code for w in pdf_edition.warnings) == sorted(w.code for w in seed_edition.warnings)


def test_pdf_citations_are_pdf_pages_lines_in_cells_and_boxes(pdf_edition):
    pages = {m.page for m in pdf_edition.measures}
    assert min(pages) == 1 and max(pages) >= 5  # the table runs over 6 pages
    for m in pdf_edition.measures:
        assert m.bbox is not None and m.bbox[0] < m.bbox[2] and m.bbox[1] < m.bbox[3]
        for b in m.results + m.plans:
            assert b.bbox is not None and b.line >= 1
            x0, top, x1, bottom = b.bbox
            assert x0 >= m.bbox[2] - 1 and top < bottom  # the bullets sit right of the description cell
    assert pdf_edition.source.format == "pdf"


@pytest.mark.parametrize("name", SEED_PDFS)
def test_rows_cut_by_a_page_break_are_joined_into_one(name):
    table = pdf_editions.pdf_table(name)
    cut = [row for row in table.rows if len({cell.page for cell in row.columns[0]}) > 1]
    assert len(cut) >= 3  # rows continued on the next page, each one row with its parts in order
    for row in cut:
        for parts in row.columns:
            assert [c.page for c in parts] == sorted(c.page for c in parts)
    assert sum(1 for row in table.rows if not row.spanning and row.text(0).startswith("該当箇所")) == 1


def test_radicals_wave_dash_and_minus_are_folded_as_printed():
    assert fold_extracted("⼈材 ⺠間 ⻑期 〜") == "人材 民間 長期 ～"
    assert fold_extracted("レギュラトリ−サイエンス 5−3") == "レギュラトリ－サイエンス 5−3"
    assert fold_extracted("令和６年度") == "令和６年度"  # full width digits stay as printed


@pytest.mark.parametrize("name", ["office-synthetic.pdf", "fy2022-synthetic.pdf"])
def test_invented_variants_carry_the_seed_measures_field_by_field(name, seed_edition):
    # Other producers' settings: Noto Sans CJK with a proportional 「・」 and four columns (Chromium), the
    # synthetic mark pushing every page break elsewhere (reportlab).
    ed = read_pdf(name)
    assert ed.synthetic
    for text_m, pdf_m in zip(seed_edition.measures, ed.measures, strict=True):
        assert (_fold(pdf_m.title), _fold(pdf_m.description), pdf_m.ministries) == \
            (_fold(text_m.title), _fold(text_m.description), text_m.ministries), text_m.id
        # (a mention without a year, 予算措置, takes its column's year: FY2022 under the invented header)
        assert [(_fold(b.text), [x.yen for x in b.budgets]) for b in pdf_m.results + pdf_m.plans] == \
            [(_fold(b.text), [x.yen for x in b.budgets]) for b in text_m.results + text_m.plans], text_m.id
