"""Issue 17's targets on the fixed sample of generated layouts (tests/data/layouts/, tests/layoutgen/).

Each of the sample's layouts prints one edition (the real FY2024 report, the hand-written SYNTHETIC
FY2025, or a `policydiff synth` variant) as a PDF through Chromium or reportlab; its three text
extractions lie beside it. The targets: at least 98 % of the PDFs, and 90 % of each extractor's texts,
give the text reader's edition field by field after the fold; every reading that falls short names its
differing rows in warnings, or is refused in one line. The files are committed: no Chromium is needed
(`make layouts-sample` rewrites them).

The first tests check the harness itself, so that a target failing means a reader fails.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from layoutgen.campaign import INDEX, READERS, SAMPLE, SAMPLE_SEEDS, read_runs
from layoutgen.editions import oracle, printed
from layoutgen.layout import draw_layout
from layoutgen.report import spot_table
from layoutgen.score import fold, score

XFAIL = pytest.mark.xfail(strict=False, reason="issue 17: target not met yet (tests/layoutgen/README.md)")


@pytest.fixture(scope="module")
def runs():
    """Every sample layout read by the PDF reader and by the text reader on each extraction."""
    out = []
    for seed in SAMPLE_SEEDS:
        lay = draw_layout(seed)
        out += read_runs(lay, SAMPLE / f"{lay.name}.pdf", packed=True)
    return out


def _share(runs, reader: str, ok) -> tuple[float, list[str]]:
    mine = [r for r in runs if r.reader == reader]
    bad = [f"seed {r.seed} {r.outcome}: {r.detail[:120]}" for r in mine if not ok(r)]
    return 1 - len(bad) / len(mine), bad


def test_the_sample_is_what_the_generator_draws():
    lines = (SAMPLE / INDEX).read_text(encoding="utf-8").splitlines()
    assert lines == [str(draw_layout(seed)) for seed in SAMPLE_SEEDS]  # else: make layouts-sample
    for seed in SAMPLE_SEEDS:
        lay = draw_layout(seed)
        assert (SAMPLE / f"{lay.name}.pdf").read_bytes().startswith(b"%PDF-")
        for reader in READERS[1:]:
            assert (SAMPLE / f"{lay.name}.{reader}.txt.gz").stat().st_size > 1000
    assert {draw_layout(s).producer for s in SAMPLE_SEEDS} == {"chromium", "reportlab"}
    assert len({draw_layout(s).edition for s in SAMPLE_SEEDS}) == 3


def _characters(text: str) -> Counter:
    return Counter(fold(text).replace(" ", ""))


@pytest.mark.slow
def test_every_sample_pdf_prints_all_of_its_edition():
    """A generator that lost a line at a page break would blame the readers: every character of the
    printed rows is in the PDF's text (pypdfium2 may drop a hyphen that ends a line)."""
    for seed in SAMPLE_SEEDS:
        lay = draw_layout(seed)
        table = printed(lay.edition, lay.office != "none").table
        want = _characters("".join(t for r in table.rows
                                   for t in (r.text, r.title, *r.blocks, *r.results, *r.plans, r.office)))
        for reader in ("pdfminer", "pdfplumber"):
            text = gzip.decompress((SAMPLE / f"{lay.name}.{reader}.txt.gz").read_bytes()).decode("utf-8")
            assert not want - _characters(text), (lay.name, reader)


def test_a_layout_is_one_line_and_the_same_seed_draws_the_same_layout():
    a, b, c = draw_layout(41), draw_layout(41), draw_layout(42)
    assert a == b and a != c and "\n" not in str(a)
    assert len(str(a).split()) >= 12  # seed, edition and at least 10 choices


def test_the_oracle_scores_itself_as_passing():
    for name in ("fy2024", "fy2025-synthetic", "synth7"):
        ed = oracle(name)
        result = score(ed, ed)
        assert result.passed and result.differing == 0 and result.measures == len(ed.measures) > 40


def test_the_fold_removes_extraction_noise_only():
    assert fold("⼈材 ⺠間 ⻑期 〜 ｢ＡＩ｣ 令和６年度") == fold("人材民間長期～「AI」令和6年度")
    assert fold("Brain Computer") != fold("BrainComputer")
    assert fold("13億円") != fold("31億円")


def test_a_changed_budget_a_lost_row_and_an_extra_row_are_differing_rows():
    ed = oracle("fy2024")
    m = ed.measures[3]
    bullet = m.results[0]
    cut = replace(ed, measures=ed.measures[:3] + (replace(m, results=(replace(bullet, text=bullet.text + "。追記"),)
                                                           + m.results[1:]),) + ed.measures[4:])
    assert (s := score(cut, ed)).differing == 1 and not s.passed and m.id in s.example
    assert score(replace(ed, measures=ed.measures[:10] + ed.measures[11:]), ed).differing == 1
    extra = replace(ed.measures[10], id="m999", title="（上記参照）")
    assert score(replace(ed, measures=ed.measures[:10] + (extra,) + ed.measures[10:]), ed).differing == 1


def test_a_differing_row_counts_as_warned_only_when_a_new_warning_names_it():
    ed = oracle("fy2024")
    m = ed.measures[20]
    got = replace(ed, measures=ed.measures[:20] + (replace(m, title=m.title + "X"),) + ed.measures[21:])
    assert score(got, ed).unwarned == 1  # the oracle's own warnings name nothing new
    named = replace(ed.warnings[0], code="layout-row", message=f"{m.id}: a row read with doubt", page=m.page,
                    line=m.line)
    assert score(replace(got, warnings=ed.warnings + (named,)), ed).unwarned == 0
    elsewhere = replace(named, message="a row read with doubt", page=m.page + 3, line=1)
    assert score(replace(got, warnings=ed.warnings + (elsewhere,)), ed).unwarned == 1


def test_each_row_of_a_differing_block_needs_its_own_warning():
    ed = oracle("fy2024")
    extra = [replace(ed.measures[10], id=f"m99{k}", title=f"【目標{k}】", description="") for k in (8, 9)]
    got = replace(ed, measures=ed.measures[:10] + tuple(extra) + ed.measures[10:])
    one = replace(ed.warnings[0], code="layout-row", message="m998: a goal read as a measure", page=0, line=0)
    result = score(replace(got, warnings=ed.warnings + (one,)), ed)
    assert (result.differing, result.unwarned) == (2, 1)


def test_printed_offices_are_the_oracle_of_an_office_column():
    what = printed("fy2024", office=True)
    assert what.synthetic and len(what.offices) == len(what.oracle.measures)
    assert "担当" in what.table.synthetic_note and not printed("fy2024", office=False).synthetic


@pytest.mark.slow
def test_no_reader_crashes_on_a_sample_layout(runs):
    """Refusing a layout is allowed (one line); a traceback never is."""
    crashes = [f"seed {r.seed} {r.reader}: {r.detail}" for r in runs if r.outcome == "crash"]
    assert not crashes
    assert all("\n" not in r.detail for r in runs if r.outcome == "refused")


@pytest.mark.slow
def test_pdfs_give_the_text_edition_field_by_field(runs):
    share, bad = _share(runs, "pdf", lambda r: r.outcome == "pass")
    assert share >= 0.98, bad


@pytest.mark.slow
# pdfplumber's text reaches the target on the sample since round 14 (not on fresh held-out layouts:
# tests/layoutgen/README.md); pdfminer's and pypdfium2's do not yet
@pytest.mark.parametrize("reader", [pytest.param(r, marks=XFAIL) if r == "pdfminer" else r for r in READERS[1:]])
def test_each_extractors_text_gives_the_text_edition(runs, reader):
    share, bad = _share(runs, reader, lambda r: r.outcome == "pass")
    assert share >= 0.90, bad


@pytest.mark.slow
# pdfminer's text: every sample layout it cannot read exactly is refused in one line (issue 17, round 3);
# pdfplumber's: every row it reads differently is named (round 4)
@pytest.mark.parametrize("reader", READERS)
def test_every_layout_that_falls_short_names_its_rows_in_warnings(runs, reader):
    _, bad = _share(runs, reader, lambda r: r.outcome in ("pass", "refused") or r.unwarned == 0)
    assert not bad


@pytest.mark.slow
def test_the_campaign_counts_where_failing_readings_first_go_wrong(runs):
    """`make layouts` prints, per reader, the passages its failing readings first go wrong at: each counted
    once, under its edition and first differing row, since a passage misread in many layouts is what a fix
    must aim at to carry over to layouts never seen."""
    table = spot_table(runs, limit=len(runs))
    for reader in READERS:
        bad = [r for r in runs if r.reader == reader and r.outcome != "pass"]
        row = next((line for line in table.splitlines() if line.startswith(f"| {reader} |")), None)
        if not bad:
            assert row is None
            continue
        assert sum(int(n) for n in re.findall(r"\((\d+)\)", row.split(" | ")[2])) == len(bad), row
        for r in bad:
            assert (f"{r.edition} {r.detail.split()[0]} " if r.outcome == "differ" else r.outcome) in row


def test_the_sample_stays_small():
    size = sum(f.stat().st_size for f in Path(SAMPLE).iterdir())
    assert size < 16_000_000


# Reportlab layouts of the tuning pool that the PDF reader got wrong before issue 17's second round, each
# for a different reason: a page-tall row cut with rules (37), hidden labels drawn over 担当 (85, 98), a cut
# row's rest looking like a title (129), a goal cut by a page break and closed with rules (142, 154); and
# of the fresh seeds of round 3: a line's blank running past a column boundary at 0.5 pt padding (1057).
REDRAWN = (37, 85, 98, 129, 142, 154, 1057)


@pytest.mark.slow
@pytest.mark.parametrize("seed", REDRAWN)
def test_reportlab_layouts_that_were_misread_read_exactly(seed, tmp_path):
    from layoutgen.draw import draw_pdf

    import policydiff

    lay = draw_layout(seed)
    assert lay.producer == "reportlab"
    what = printed(lay.edition, lay.office != "none")
    draw_pdf(lay, what.table, tmp_path / "layout.pdf")
    result = score(policydiff.load_edition(tmp_path / "layout.pdf"), what.oracle, what.offices)
    assert result.passed, result.example


# A Chromium layout of the lead's fresh set of round 9 (5001) where a row ended right at a page's foot, no
# header followed, and Chromium drew the rule between that row and the next at the next page's top only: the
# next row (m052) was read into it (m051), silently. (5014 of the same set, warned, was the same case.)
@pytest.mark.slow
def test_a_chromium_layout_whose_row_ended_at_a_pages_foot_reads_exactly(tmp_path):
    from layoutgen.html_print import Printer

    import policydiff

    lay = draw_layout(5001)
    assert lay.producer == "chromium" and lay.header == "first-page"
    what = printed(lay.edition, lay.office != "none")
    with Printer() as printer:
        printer.print_pdf(lay, what.table, tmp_path / "layout.pdf")
    result = score(policydiff.load_edition(tmp_path / "layout.pdf"), what.oracle, what.offices)
    assert result.passed, result.example
