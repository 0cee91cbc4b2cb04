"""A line breaks only where the next unbreakable unit does not fit: pdfplumber text cut from generated layouts
(out/d3000 and out/d3040: synthetic editions, their lines as extracted) where a cell's line holds a space of
its own (「…３大バイオバンク 等に蓄」, 「…ルールインテリジェンス機能 を構築す」) and the words after it were read into
the next column, leaving the cell's line stopping cells short of its column although its sentence goes on below."""

from __future__ import annotations

import pytest
from interleaved_snippets import snippet_table


def _row(table, words):
    return next(r for r in table.rows if any(words in c.text for c in r.cells))


@pytest.mark.parametrize(("snippet", "order"), [
    # (seed 3037, office first, plans last, 5.5 pt, 3 pt padding) 「…３大バイオバンク」 measures 38 cells where the
    # description fills 41: counted a full line, the plans took 「等に蓄」 before their 「の予算措置を行う。」
    ("space-in-a-full-description-line.txt", ("office", "description", "results", "plans")),
    # (seed 3098, office last, plans before results) the description's line after its title stops 24 cells short,
    # and 「む。［◎内、…］」 goes on its sentence: the results took 「等に蓄積された…」
    ("space-in-a-description-line-after-its-title.txt", ("description", "plans", "results", "office")),
], ids=["full-line", "after-title"])
def test_words_after_a_cells_own_space_stay_in_its_line_where_the_line_would_stop_short(snippet, order):
    row = _row(snippet_table(snippet), "念頭においた医療情報の収集")
    cells = dict(zip(order, (c.text for c in row.cells), strict=True))
    assert "データの品質管理及び３大バイオバンク 等に蓄積されたデータの活用に向けた支援に引き続き取り組む。［◎内、文、◎厚、◎経］" \
        in cells["description"]
    assert cells["plans"].endswith("NCBN試料のゲノム情報の活用体制強化の検討を進めるための予算措置を行う。")
    assert cells["results"].endswith("これらの運営管理事業費に予算措置を行っている。")


def test_a_words_end_after_a_cells_own_space_is_not_read_as_the_next_columns_line_after_a_sentences_end():
    # (seed 3021, office first, 5.5 pt portrait, 3 pt padding) 「…ルールインテリジェンス機能 を構築す」: the results'
    # last line 「…を公表した。」 ended a sentence, and no line goes on a sentence with 「を構築す」 where the line above
    # stopped 8 cells short of its column; the description's line stops 5 cells short without it.
    row = _row(snippet_table("space-before-a-words-end.txt"), "ガイドラインの検討のため")
    _, description, results, plans = (c.text for c in row.cells)
    _assert_the_rows_cells_end_whole(description, results, plans)


def test_text_after_a_ministry_tag_and_a_space_is_not_read_as_the_same_columns_line():
    # (seed 3036, 4 pt padding) 「ンテリジェンス機能 を構築する。［厚、◎経］ 標」を公表した。 グラム医療機器」…」: the
    # description's last line holds a space of its own, and 「を構築する。［厚、◎経］ 標」を公表した。」 read as one
    # results line cost no more than the right reading; the description, left without its tag, ran into the next row
    row = _row(snippet_table("space-before-a-tagged-words-end.txt"), "ガイドラインの検討のため")
    description, results, plans = (c.text for c in row.cells)
    _assert_the_rows_cells_end_whole(description, results, plans)


def test_a_tags_first_names_glued_to_the_next_columns_line_are_not_read_whole_in_that_column():
    # (seed 3050, reportlab, plans before results, 1 pt padding) 「…ルールインテリジェンス機能 を構築する。［厚、中に公表
    # する予定。」: the description's last line (a space of its own before 「を構築する」) ends in its tag's first names,
    # the plans' 「中に公表する予定。」 glued to them, the tag's rest 「◎経］」 on the next line. Read whole as the
    # plans' line, the tag's start cost nothing and the description lost 「を構築する。［厚、」
    row = _row(snippet_table("tag-glued-to-the-next-columns-line.txt"), "ガイドラインの検討のため")
    description, plans, results = (c.text for c in row.cells)
    _assert_the_rows_cells_end_whole(description, results, plans)


def _assert_the_rows_cells_end_whole(description: str, results: str, plans: str) -> None:
    """The row of the 「…ルールインテリジェンス機能 を構築する。」 cut (dev 3021, 3036, 3050), each cell whole."""
    assert description.endswith("策定プロセスを明確化するルールインテリジェンス機能 を構築する。［厚、◎経］")
    assert results.endswith("「半月板修復再建用医療機器に関する評価指標」を公表した。")
    assert plans.endswith("「家庭用プログラム医療機器」の評価指標について、令和７年度中に公表する予定。")
