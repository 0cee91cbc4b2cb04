"""A text reading's rows checked against what every row of the report holds (versions/readers/text_checks.py):
a misread title or a bullet read in the other column is named in a warning, never passed silently."""

from __future__ import annotations

import gzip
from dataclasses import replace
from pathlib import Path

import pytest

import policydiff
from policydiff.versions.model.errors import EditionParseError
from policydiff.versions.readers.text_checks import check_rows, heading_start

LAYOUTS = Path(__file__).parent / "data" / "layouts"
SEED = Path(__file__).parents[1] / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"


def _read(name: str) -> policydiff.Edition:
    return policydiff.parse_report(gzip.decompress((LAYOUTS / name).read_bytes()), source_name=name[:-3])


def _doubted(ed: policydiff.Edition) -> set[str]:
    return {w.message.split(":")[0] for w in ed.warnings if w.code == "layout-row-doubt"}


def test_a_title_read_into_its_description_is_named():
    """pdfplumber's text of layout 1 (9 pt, bold titles): m003's title 「臨床現場を理解した企業の医療機器の研究
    開発人材の育成」 runs into its description; before, nothing named the row."""
    ed = _read("L0001-reportlab-fy2024.pdfplumber.txt.gz")
    m = next(m for m in ed.measures if m.description.startswith("臨床現場を理解した企業"))
    assert not m.title and m.id in _doubted(ed)
    assert any(w.measure == m.id for w in ed.warnings if w.code == "layout-row-doubt")  # the row, in its field
    assert ed.warnings[0].code == "reading-doubtful"


def test_a_heading_is_told_only_where_a_sentence_follows_it():
    assert heading_start("臨床現場を理解した企業の医療機器の研究開発人材の育成医療機器の研究開発に当たっては、") \
        == "臨床現場を理解した企業の医療機器の研究開発人材の育成"
    assert heading_start("AI研究開発に必要な人材の育成\n今後、AIを用いた") == "AI研究開発に必要な人材の育成"
    assert heading_start("医療従事者の育成ることが必要である。") == "医療従事者の育成"  # first line lost
    assert heading_start("医療機器の研究開発の推進に取り組む。") == ""
    assert heading_start("特に医療機器の研究開発においてニーズに応じたプロトタイプの作製が重要") == ""


def test_the_rows_of_the_bundled_edition_read_as_the_report_writes_them():
    """The checks name no row of the real edition, not even m016, whose description starts mid-word (its
    first line lost in extraction: 「テンシャルを有する地域連携」「拠点については、…」)."""
    ed = policydiff.parse_report(SEED.read_bytes(), source_name=SEED.name)
    assert _doubted(check_rows(ed, "dense")) == set()


def test_a_text_whose_columns_were_lost_is_refused_in_one_line():
    """pdfminer's text of layout 8 (担当 first): its boxes lost the columns, offices read as bullets, titles
    in descriptions, 44 of 59 rows wrong; before, an edition of 74 measures, 45 rows unwarned."""
    with pytest.raises(EditionParseError, match=r"columns were not told apart .* rows do not read") as err:
        _read("L0008-chromium-fy2024.pdfminer.txt.gz")
    assert "\n" not in str(err.value)


def test_cells_spliced_after_a_sentence_end_are_named():
    """pdfminer's text of seed-chromium.pdf: m011's last plan ends 「…推進する。において、産学連携…」, the
    next row's result spliced on; before, nothing named m011."""
    ed = policydiff.load_edition(Path(__file__).parent / "data" / "pdf" / "seed-chromium.pdfminer.txt")
    assert "m011" in _doubted(ed)


def test_results_or_plans_opening_mid_sentence_are_named():
    """pypdfium2's text of layout 18: a page break cut m045's plans, whose first line was read elsewhere;
    before, the row differed unnamed."""
    assert "m045" in _doubted(_read("L0018-chromium-fy2024.pypdfium2.txt.gz"))


def test_a_line_of_another_cell_spliced_onto_a_bullet_is_named():
    """pypdfium2's texts of seeds 1500, 1517, 1528 (fresh layouts): the 重点分野 row's last result joined to
    the first line of its plan, 「…３件の課題を採択引き続き、AMEDの…」; before, nothing named the row."""
    ed = policydiff.parse_report(SEED.read_bytes(), source_name=SEED.name)
    k, m = next((k, m) for k, m in enumerate(ed.measures) if m.description.startswith("以下の5分野"))
    spliced = replace(m.plans[0], text="・医工連携グローバル展開事業において３件の課題を採択" + m.plans[0].text)
    ed = replace(ed, measures=(*ed.measures[:k], replace(m, plans=(spliced,)), *ed.measures[k + 1:]))
    assert _doubted(check_rows(ed, "dense")) == {m.id}
