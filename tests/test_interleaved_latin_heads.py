"""A latin word glued to the next column's text after a space between latin words (interleaved_cuts.latin_head_move),
on pdfplumber text cut from the generated layouts (the head of each text, for the columns' widths, then the row)."""

from __future__ import annotations

from interleaved_snippets import snippet_table

from policydiff.versions.readers.interleaved_latin import glued_head


def _cell(table, column: int, needle: str) -> str:
    return next(r.cells[column].text for r in table.rows if len(r.cells) > column and needle in r.cells[column].text)


def test_a_latin_word_glued_to_the_plans_ends_the_results_line():
    # Seen 6056 (source line 331): 「…対面でのThink Tank的に貢献していく。」 is the results' 「…対面でのThink Tank」
    # (going on 「Meetingを東京で開催した。」) and the plans' 「的に貢献していく。」 after 「…議論に積極」. The space
    # inside 「Think Tank」 was read as the column gap: results 「…Think Meeting…」, plans 「…積極Tank的に…」.
    table = snippet_table("latin-word-glued-after-a-latin-word.txt")
    assert "対面でのThink Tank Meetingを東京で開催した。" in _cell(table, 1, "HBDについて")
    assert "規制調和に係る議論に積極的に貢献していく。" in _cell(table, 2, "議長国としての任期")


def test_latin_words_glued_to_a_particle_then_the_next_column():
    # Seen 5532 (source line 437): 「…支援を行ったOUI Inc.社の指す日本企業への…」: the results' 「…OUI Inc.社の」,
    # then the plans' 「指す日本企業への支援を実施予定。」 after 「…取得等を目」; read 「…OUI」 and 「Inc.社の指す…」.
    table = snippet_table("latin-words-glued-then-the-next-column.txt")
    assert "支援を行ったOUI Inc.社の「眼科用診断スマホカメラ」" in _cell(table, 1, "OUI")
    assert "事前認証等の取得等を目指す日本企業への支援を実施予定。" in _cell(table, 2, "事前認証等の取得等")


def test_a_number_glued_to_a_latin_word_ends_the_column_before():
    # Seen 7102 (source line 287): 「…医薬機審発 1129Computer Interface利用機器」…」 is the results' 「…医薬機審発
    # 1129」 (then 「第２号）により…」) and the plans' 「Computer Interface利用機器」…」 after 「…引き続き「Brain」: no
    # number of the report runs into a word. Read 「…審発」 and 「1129Computer…」.
    table = snippet_table("number-glued-to-a-latin-word.txt")
    assert "医薬機審発 1129第２号）により" in _cell(table, 1, "脱細胞化")
    assert "引き続き「Brain Computer Interface利用機器」" in _cell(table, 2, "国衛研委託事業で、引き続き")


def test_a_latin_word_going_on_its_columns_latin_line_end_stays():
    # Seen 7029 (source line 360): 「…令和８年度の国衛研委託事業で、「Brain Interface利用機器」に係る…」 is the plans'
    # 「…「Brain」 (going on 「Computer Interface…」 below) and the results' 「Interface利用機器」に係る…」, whose line
    # before ends 「「Brain Computer」: its next word goes on it over a space the n-grams do not count.
    table = snippet_table("latin-line-end-then-its-next-word.txt")
    results = "「Brain Computer Interface利用機器」に係る次世代医療機器評価指標案の策定に向けた議論を継続して行った。"
    assert results in _cell(table, 2, "令和７年度の国衛研委託事業で「Brain")


def test_only_a_latin_word_glued_to_other_text_is_a_head():
    assert glued_head("…対面でのThink", "Tank的に貢献") == 4
    assert glued_head("…行ったOUI", "Inc.社の指す") == 4
    assert glued_head("…医薬機審発", "1129Computer Interface") == 4
    assert glued_head("…Healthcare", "Innovation Hubにて") == 0  # (the next word follows after a space, no glue)
    assert glued_head("…推進した。", "Tank的に") == 0  # (no latin word before the space: a column gap)
    assert glued_head("…令和", "7年度") == 0
    assert glued_head("…を目的として「第4回SaMD", "SaMD導入による") == 0  # (one word twice: two cells' words, 6045)
