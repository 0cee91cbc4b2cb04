"""Numbered items (①…⑳) and sentences' wording of pdfplumber text (columns side by side), cut from the generated
layouts: the description's items after its ministry tag and the results' list of 採択 print beside each other; a
bullet that may go to either column is told by how its sentence ends."""

from __future__ import annotations

from interleaved_snippets import snippet_table


def _row(name: str, title: str):
    rows = snippet_table(name).rows
    return next(r for r in rows if r.cells[0].text.startswith(title))


def test_an_item_number_glued_to_the_line_before_starts_the_next_columns_item():
    # 「…有効性が確認されることが望まし② 予後改善につながる…」 (d3000 3023, source line 544): the results' item
    # number printed right after the description's full line, no space between them; 「②」 was read into the
    # description and the results' item lost its number.
    row = _row("item-number-glued.txt", "重点分野における医療機器の研究開発の促進")
    description, results = row.cells[0].text, row.cells[1].text
    assert "定量的なエビデンスで有効性が確認されることが望ましい。［◎内、文、厚、経］" in description
    assert "治療継続率の向上等により重症化を予防する医療機器②" in description
    assert "・医療機器等研究成果展開事業において１件の課題を採択② 予後改善につながる" in results
    assert "・医療機器等における先進的研究開発・開発体制強靭化事業において１件の課題を採択③ 臨床的な" in results


def test_an_item_out_of_its_cells_sequence_is_the_other_columns_next_item():
    # 「2040年までに健康寿命を男女とも3年以上延伸し75歳以」 alone on its line (d3000 3002, source line 368), after the
    # description's 「④ 高齢者等の…医療機器」 and the results' full line 「・医工連携…１件の課題を採択」: it was read as
    # the results' (the description ends at its tag, its lines never full after it), and a new row opened with
    # 「上にすることを目指し、…」 whose description went on to 「⑤ 医療従事者の…」. A new row's description does not
    # start its items at ⑤: the line is the description's, the paragraph of its item ④.
    row = _row("items-in-sequence.txt", "重点分野における医療機器の研究開発の促進")
    description, results = row.cells[0].text, row.cells[1].text
    assert description.endswith("④\t高齢者等の身体機能の補完・向上に関する医療機器2040年までに健康寿命を男女とも3年以上延伸し75歳以上に"
                                "することを目指し、高齢者等に対して、加齢や疾病等により、喪失・低下した身体機能を補完・向上する医療機器⑤\t"
                                "医療従事者の業務の効率化・負担軽減に資する医療機器")
    assert "2040年" not in results
    assert results.endswith("・医工連携イノベーション推進事業において１件の課題を採択")


def test_a_sentences_end_alone_on_its_line_is_worded_with_the_line_before():
    # Printed 該当箇所 | 取組予定 | 実績・状況 (d3000 3006, source lines 182-183): both cells' paragraphs ended, then
    # 「・医療機器の多言語表示に…８事例を取りまとめ」 / 「た。」 alone; 「た。」 tells no wording by itself, so the
    # bullet went to the plans. With its line before, 「…取りまとめた。」 reports what was done: a result.
    rows = snippet_table("sentence-end-worded-with-its-line.txt").rows
    row = next(r for r in rows if r.cells[0].text.startswith("医療機器の多言語表示に向けた取組"))
    plans, results = row.cells[1].text, row.cells[2].text
    assert plans.endswith("・関係団体と連携し、医療機器の多言語表示に関する周知を進める。")
    assert results.endswith("・医療機器の多言語表示に関する国内外の先行事例を収集し、８事例を取りまとめた。")
