"""Results bullets that end as the text's bullets end (「…の課題を採択」, no 。), and glued cuts the text's joins move
by half a nat: pdfplumber text cut from generated layouts (out/dev seed 3099, out/h5500 5558, out/d5400 5418)."""

from __future__ import annotations

import pytest
from interleaved_snippets import snippet_table

from policydiff.versions.readers.interleaved_ends import paragraph_ends


def test_a_description_line_at_a_page_foot_is_not_read_as_an_ended_bullets_last_words():
    # (seed 3099, Chromium, office first, 9 pt) the 「重点5分野」 row: its description's item 「④ 高齢者等の身体機能の
    # 補完・向上に関する医」 is a page's last line but one, 「療機器」 alone the last, and the results' last bullet above
    # it, 「・医療機器開発推進研究事業において２件の課題を採択」, stops a cell short with no 。: 「療機器」 was read as
    # that bullet's last words (「…の課題を採択療機器」).
    table = snippet_table("bullets-end-before-a-page-foot.txt")
    row = next(r for r in table.rows if any("重点分野における医療機器の研究開発の促進" in c.text for c in r.cells))
    description, results = row.cells[1].text, row.cells[2].text
    assert "向上に関する医療機器" in description
    assert "採択療機器" not in results
    assert "において２件の課題を採択・革新的がん医療実用化研究事業において２件の課題を採択" in results


def test_paragraph_ends_are_the_words_bullets_end_in_before_the_next_bullet():
    # the lines of the snippet above as text_layouts gives them: a bullet ending 「…課題を採択」 on one source line, a
    # bullet on the next (a line may part in two before its bullet, one source line)
    bullets = [["・医療機器等研究成果展開事業において１件の課題を採択"], ["・医療機器開発推進研究事業において２件の課題を採択"]]
    texts = bullets * 5 + [["・官民による若手研究者発掘支援事業において１件の課題を採択"], ["④ 高齢者等の身体機能の補完"]]
    assert paragraph_ends(texts, list(range(len(texts)))) == frozenset({"採択"})
    # a bullet's line going on (「…の課題を採択」 then 「した。」) as often as one ending there: nothing learned
    going = [["・医療機器開発推進研究事業において２件の課題を採択"], ["した。"]]
    assert paragraph_ends(texts + going * 3, list(range(len(texts) + 6))) == frozenset()


def _row(name: str):
    table = snippet_table(name)
    return next(r for r in table.rows if any("重点分野における医療機器の研究開発の促進" in c.text for c in r.cells))


@pytest.mark.slow  # (157 lines read: the joins are counted over the cells of several rows)
def test_a_glued_cut_moves_where_the_texts_joins_tell_it_by_half_a_nat():
    # (seed 5558, Chromium, synth7, no 「担当」) the results' 「…（以下の」 glued to the plans' 「を含むテーマ…」: the widths
    # cut after 「を」, and the better joins (「以下の」 「採択課題」, 「重点５分野」 「を含む」) gained less than the 2 nats a
    # moved cut needed
    results, plans = (c.text for c in _row("glued-cut-after-a-rare-join.txt").cells[1:3])
    assert "（以下の採択課題には" in results
    assert "重点５分野を含むテーマ" in plans


@pytest.mark.slow  # (98 lines read)
def test_a_glued_cut_never_leaves_an_items_number_to_the_column_before():
    # (seed 5418, reportlab) the description's 「…比較して、喫」 glued to the results' item 「①日常生活における…」: the
    # joins (「喫緊」) would move the cut past 「①」, which starts its item
    row = _row("glued-cut-before-an-item.txt")
    assert not any("喫①" in c.text for c in row.cells)
    assert any("他の重点分野と比較して、喫緊の課題" in c.text for c in row.cells)
