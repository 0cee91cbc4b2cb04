"""Text whose columns share lines (profile 'interleaved'): pdfplumber's extract_text of the test PDFs and a
web service's layout. Each must read as the edition the PDF reader gives of the same PDF (the oracle), and
the seed's extractions as the bundled report's edition.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from pdf_editions import extraction_edition, pdf_edition

from policydiff import EditionParseError, parse_report
from policydiff.versions.model.normalize import fold_extracted, normalize
from policydiff.versions.readers import interleaved_reading
from policydiff.versions.readers.text_layouts import prepare, read_text_table

DATA = Path(__file__).resolve().parent / "data"
LAYOUTS = DATA / "text_layouts"
PDFS = ("seed-chromium", "seed-drawn", "office-synthetic", "fy2022-synthetic")


def _fold(text: str) -> str:
    return normalize(fold_extracted(text))


def _measure_key(m):
    return (_fold(m.title), _fold(m.description), m.ministries, m.goal, m.reposted, m.office,
            [_fold(b.text) for b in m.results], [_fold(b.text) for b in m.plans])


def _differences(got, want) -> list[str]:
    """What differs between two editions, field by field after folding width, radicals and white space."""
    out = []
    if (got.results_fy, got.plans_fy) != (want.results_fy, want.plans_fy):
        out.append("fiscal years")
    if [(v.number, _fold(v.title)) for v in got.visions] != [(v.number, _fold(v.title)) for v in want.visions]:
        out.append("visions")
    if [(g.vision, _fold(g.title), g.reposted, g.see_above) for g in got.goals] != \
            [(g.vision, _fold(g.title), g.reposted, g.see_above) for g in want.goals]:
        out.append("goals")
    if len(got.measures) != len(want.measures):
        return [*out, f"{len(got.measures)} measures, not {len(want.measures)}"]
    out += [w.id for g, w in zip(got.measures, want.measures, strict=True) if _measure_key(g) != _measure_key(w)]
    if [(b.fiscal_year, b.kind, b.yen, b.part_of) for *_, b in got.budgets()] != \
            [(b.fiscal_year, b.kind, b.yen, b.part_of) for *_, b in want.budgets()]:
        out.append("budgets")
    return out


def _oracle(name: str):
    return pdf_edition(name)  # the PDF reader's edition of the same PDF, read once per process


def _layout_warnings(ed) -> list[str]:
    return [w.code for w in ed.warnings if w.code.startswith("layout")]


@pytest.mark.parametrize("name", PDFS)
def test_pdfplumber_extraction_reads_as_the_pdf_itself(name):
    text = (DATA / "pdf" / f"{name}.pdfplumber.txt").read_bytes()
    assert prepare(text.decode("utf-8")).profile == "interleaved"
    ed = extraction_edition(f"{name}.pdfplumber.txt")  # parse_report(text), once per process
    want = _oracle(name)
    assert _differences(ed, want) == []
    assert len(ed.measures) == 59 and len(ed.budgets()) == 71
    assert ed.synthetic == want.synthetic
    assert _layout_warnings(ed) == []


@pytest.mark.parametrize("name", ["seed-chromium", "seed-drawn"])
def test_pdfplumber_extraction_of_the_seed_reads_as_the_bundled_text(name, seed_edition):
    ed = extraction_edition(f"{name}.pdfplumber.txt")
    assert _differences(ed, seed_edition) == []


def test_office_column_of_pdfplumber_is_each_measures_office():
    ed = extraction_edition("office-synthetic.pdfplumber.txt")
    assert ed.synthetic and (ed.results_fy, ed.plans_fy) == (2024, 2025)
    assert [m.office for m in ed.measures] == [m.office for m in _oracle("office-synthetic").measures]
    assert sum(1 for m in ed.measures if m.office) >= 55
    assert "経産省ヘルスケア産業課医療・福祉機器産業室" in {m.office for m in ed.measures}  # wrapped over two lines


def test_fy2022_header_of_pdfplumber_gives_its_fiscal_years():
    ed = extraction_edition("fy2022-synthetic.pdfplumber.txt")
    assert (ed.results_fy, ed.plans_fy, ed.edition) == (2022, 2023, "fy2022-synthetic")


def test_lines_keep_their_source_line_numbers():
    text = (DATA / "pdf" / "seed-chromium.pdfplumber.txt").read_text(encoding="utf-8")
    source = text.split("\n")
    for row in read_text_table(text).rows:  # every piece of every cell is cited at the line it was printed on
        for line in (x for cell in row.cells for x in cell.lines):
            assert all(piece in fold_extracted(source[line.no - 1]) for piece in line.text.replace("\t", " ").split(" ")
                       if piece and "［" not in piece), (line.no, line.text)
    ed = parse_report(text)
    m = next(m for m in ed.measures if m.title == "保険導入の手引きの作成")
    assert "保険導⼊の⼿引きの作成" in source[m.line - 1]
    assert m.results[0].line == m.line and m.plans[0].line == m.line  # side by side on the row's first line


def _make_web():
    spec = importlib.util.spec_from_file_location("make_web", LAYOUTS / "make_web.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_web_layout_of_the_whole_edition_is_what_its_generator_writes():
    assert _make_web().render() == (LAYOUTS / "interleaved-web-edition.txt").read_text(encoding="utf-8")


def test_web_layout_of_the_whole_edition_reads_as_the_bundled_text(seed_edition):
    data = (LAYOUTS / "interleaved-web-edition.txt").read_bytes()
    text = data.decode("utf-8")
    assert "[◎経]" in text and "(令和6年度予算:13億円)" in text  # half-width, as in the example
    assert prepare(text).profile == "interleaved"
    ed = parse_report(data)
    assert ed.synthetic and ed.edition == "fy2024-synthetic"  # a made-up extraction says so
    assert _differences(ed, seed_edition) == []
    assert len(ed.budgets()) == 71
    assert _layout_warnings(ed) == []


@pytest.mark.parametrize("widths", [(46.0, 66.0, 34.0), (56.0, 62.0, 38.0), (60.0, 50.0, 44.0)])
def test_web_layout_with_other_column_widths_reads_as_the_bundled_text(widths, seed_edition):
    # The widths are read from the text, not assumed: the same cells wrapped at other widths read the same.
    text = _make_web().render(widths)
    ed = parse_report(text)
    assert _differences(ed, seed_edition) == []
    assert _layout_warnings(ed) == []


def test_hand_made_web_fragment_reads_its_one_row(seed_edition):
    ed = parse_report((LAYOUTS / "interleaved-web.txt").read_bytes())
    (m,) = ed.measures
    want = next(w for w in seed_edition.measures if w.title == m.title)
    assert (_fold(m.description), m.ministries) == (_fold(want.description), want.ministries)
    assert _fold(m.results[0].text) == _fold(want.results[0].text)
    assert [b.yen for b in m.results[0].budgets] == [1_300_000_000]
    assert _fold(m.plans[0].text) == _fold(want.plans[0].text)


def _fragment_lines() -> list[str]:
    return (LAYOUTS / "interleaved-web.txt").read_text(encoding="utf-8").split("\n")


def test_a_bullet_that_fits_two_columns_is_warned_not_guessed():
    # Results and plans both end on line 7; the short bullet on line 8 fits either column, and its words
    # tell neither (「…を開催した。」 would be a result's, 「…する。」 a plan's).
    lines = _fragment_lines()
    lines[6] += " ・引き続き支援する。"
    lines[7] += " ・フォーラムの開催。"
    ed = parse_report("\n".join(lines))
    (warning,) = [w for w in ed.warnings if w.code.startswith("layout")]
    assert warning.code == "layout-ambiguous" and warning.line == 8
    assert "フォーラムの開催" in warning.message and "line 8" in warning.message


def test_interleaved_text_too_short_to_tell_the_columns_is_refused_saying_what_was_expected():
    lines = _fragment_lines()
    with pytest.raises(EditionParseError) as info:
        parse_report("\n".join(lines[:4] + ["特に革新的な医療機器につながり得るシーズはアカデミアに存在する可能性が高いと考えられる。"
                                            "このようなシーズを実 組む若手研究者を支援した。 いて、実用化を見据えた医療機器の開発"]))
    message = str(info.value)
    assert "layout 'interleaved'" in message and "expected the table's text" in message
    assert "\n" not in message


def test_side_by_side_text_without_the_table_header_is_still_refused_saying_what_was_expected():
    lines = [x for x in _fragment_lines() if "該当箇所" not in x] * 5
    assert prepare("\n".join(lines)).profile == "interleaved"
    with pytest.raises(EditionParseError) as info:
        parse_report("\n".join(lines))
    assert "no page header like '該当箇所 … 令和N年度の実績・状況 令和N年度の取組予定'" in str(info.value)


def test_the_bundled_sample_is_not_read_as_interleaved(seed_bytes, seed_edition):
    prepared = prepare(seed_bytes.decode("utf-8"))
    assert prepared.profile == "blocked" and read_text_table(seed_bytes.decode("utf-8")).warnings == []


@pytest.mark.slow
def test_reading_work_grows_linearly_with_the_text(monkeypatch):
    # The web layout of the seed repeated: ten times the rows take ten times the readings tried, not a
    # hundred (counted, not timed: the count does not depend on the machine's load).
    body = (LAYOUTS / "interleaved-web-edition.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    tried = 0
    candidates = interleaved_reading._candidates

    def counting(*args):
        nonlocal tried
        for item in candidates(*args):
            tried += 1
            yield item

    monkeypatch.setattr(interleaved_reading, "_candidates", counting)

    def work(copies: int) -> int:
        nonlocal tried
        tried = 0
        assert len(parse_report(body * copies).measures) == 59 * copies
        return tried

    one, ten = work(1), work(10)
    assert one > 1000 and ten <= 10.5 * one


def _one_long_row(lines: int) -> str:
    """An interleaved text of one row whose three cells run over LINES lines side by side."""
    desc = "医療機器の研究開発に積極的に携わる医師をはじめとする医療従事者の育成に取り組むため臨床分野の関係学会等"
    result = "・官民による若手研究者発掘支援事業において官民が協調して有望なシーズを発掘しそれに取り組む若手研究者を支"
    plan = "・令和６年度の取組に加え医療機器産業振興拠点における海外ネットワークの構築"
    head = ["該当箇所 列1 列2 列3 令和６年度の実績・状況 令和７年度の取組予定", "【医療従事者の増加】", "医療従事者の育成"]
    return "\n".join(head + [f"{desc[:54]} {result[:60]} {plan[:40]}"] * lines + ["って取り組む。［◎厚］"]) + "\n"


@pytest.mark.slow
def test_one_very_long_row_is_read_in_linear_work(monkeypatch):
    # Issue 21 item 24: one row of 70,000 lines took a minute, its growing text searched again and again.
    # Counted, not timed: the readings tried and the lines joined into texts (every join of a cell, a
    # paragraph or a bullet), which a search of a growing string would make grow with the square.
    from policydiff.versions.readers import cells, grammar, measures, table

    work = 0
    join, candidates = table.join_lines, interleaved_reading._candidates

    def joined(lines):
        nonlocal work
        work += len(lines)
        return join(lines)

    def tried(*args):
        nonlocal work
        for item in candidates(*args):
            work += 1
            yield item

    for module in (cells, grammar, measures, table):
        monkeypatch.setattr(module, "join_lines", joined)
    monkeypatch.setattr(interleaved_reading, "_candidates", tried)

    def read(lines: int) -> int:
        nonlocal work
        work = 0
        (m,) = parse_report(_one_long_row(lines)).measures
        assert len(m.results) == lines and m.ministries_text == "［◎厚］"
        return work

    small, large = read(300), read(3000)
    assert small > 3000 and large <= 10.5 * small
