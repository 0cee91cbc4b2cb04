"""Results bullets that end as the text's bullets end (「…の課題を採択」, no 。), pdfplumber text cut from a generated
layout (out/dev seed 3099), and the words learned from such a text."""

from __future__ import annotations

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
