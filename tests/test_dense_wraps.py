"""A line that had room for the next line's first character did not wrap there: its paragraph ends, on lines
cut from a real pypdfium2 extraction (tests/data/dense/, its header line first)."""

from __future__ import annotations

from dataclasses import replace

from dense_snippets import snippet_rows

from policydiff.versions.readers.dense_pieces import make_piece
from policydiff.versions.readers.dense_roles import DSC, LATIN_SLACK, OFF, PLN, RES, Columns, State, enter
from policydiff.versions.readers.dense_wraps import lead, unit


def test_a_descriptions_last_paragraph_is_not_read_as_the_results_first():
    # L3053 (chromium, all three columns about 24 cells wide): the description's last item text ends
    # 「継続率の向上等により重症化を予防する医療機器」 (22 cells), and the results open with no bullet
    # 「重点５分野については、…」. Read as one results paragraph, the first line would have held 「重」.
    rows = snippet_rows("description-last-paragraph-before-results", 24, 24, 24)
    row = rows[0]
    assert row["title"] == ["重点分野における医療機器の研究開発の促進"]
    assert row["description"][-1] == "継続率の向上等により重症化を予防する医療機器"
    assert row["results"][0] == "重点５分野については、AMEDによる支援を中心に基礎"
    assert row["plans"][0].startswith("引き続き、AMEDの")


def test_only_a_plain_character_that_may_start_a_line_is_evidence():
    assert lead("重点５分野については") == 1.0
    assert lead("ニーズに応じた") == 0.0  # 「ニ」 goes down with 「ー」 (kinsoku)
    assert lead("「医療機器」について") == 0.0  # an opening bracket may not end a line
    assert lead("AMEDにおいて") == 0.0  # a Latin word is kept whole
    assert lead("る研究開発") == 1.0
    assert lead("、研究") == 0.0


def test_a_line_short_of_a_latin_word_that_would_not_have_fitted_goes_on():
    # L3087 (chromium, 9 pt, portrait: the plans column holds 13 cells): the plans' bullet stops at
    # 「型、スタートアップ型」 (10 cells) because 「（ViCLE）」, a Latin word kept whole with its brackets, would
    # not fit in the 3 cells left; the bullet goes on 「（ViCLE）において、産学連」. Read as the bullet's end,
    # the rest was read as a row of its own (a title 「（ViCLE）において…」).
    rows = snippet_rows("plans-line-short-of-a-latin-word", 23, 18, 13)
    assert len(rows) == 2
    assert rows[0]["plans"][-8:-1] == ["盤創成事業（CiCLE）の一般", "型、スタートアップ型", "（ViCLE）において、産学連",
                                     "携、産産連携の下に行う医薬", "品や医療機器、再生医療等製", "品、医療技術などの実用化に",
                                     "向けた研究開発や環境整備を"]
    assert rows[0]["plans"][-1] == "支援する。"
    assert rows[1]["title"] == ["医療機器ベンチャーの創出・連携強化及び人材流動", "化に向けた取組の促進"]


def test_a_latin_word_or_a_character_is_carried_down_whole_with_its_brackets():
    assert unit("（ViCLE）において") == 2.0 + 2.5 + 5 * LATIN_SLACK  # the brackets may not be parted from it
    assert unit("MEDISO）」を通じて") == 2.0 + 3.0 + 6 * LATIN_SLACK
    assert unit("AMEDにおいて") == 2.0 + 4 * LATIN_SLACK
    assert unit("チャー・サミット") == 4.0  # (kinsoku: 「ャ」, 「ー」, 「・」 may not start a line)
    assert unit("「医療機器」") == 2.0  # (an opening bracket may not end a line)
    assert unit("重点５分野") == 0.0  # one plain character: dense_wraps.lead
    assert unit("・「MEDIC」や") == 0.0  # a bullet starts a paragraph
    assert unit("① 日常生活における") == 0.0


def test_a_line_short_of_a_kinsoku_run_that_would_not_have_fitted_may_have_wrapped():
    # L3080 (reportlab, 8 pt; all columns 18 cells): after a running title the results go on
    # 「た、「ジャパン・ヘルスケアベン」 (15 cells) / 「チャー・サミット2025」を開催し、大手」: 「チャー・」 goes down
    # whole (「ャ」, 「ー」, 「・」 may not start a line) and would not have fitted in the 3 cells left. Read as a
    # paragraph's end (the line leaves 「 open: it ends none), the line was read as the description's instead.
    cols = Columns((DSC, RES, PLN), {DSC: 18.0, RES: 18.0, PLN: 18.0, OFF: 16.0})
    x = make_piece("た、「ジャパン・ヘルスケアベン", 295)
    carried = replace(x, next_unit=unit("チャー・サミット2025」を開催し、大手"))
    assert enter(State(status=(0, 0, 0)), cols, x, RES).end == 8  # short inside the quote it opened: ends no
    # paragraph, weakly (as a line stopping mid-word, 5; a page break after it, its cell goes on: dense_resume)
    assert enter(State(status=(0, 0, 0)), cols, carried, RES).end == 4  # as a line a cell short of full


def test_a_results_first_line_short_of_a_latin_word_that_may_not_have_fitted_goes_on():
    # L3055 (chromium, 6 pt, all three columns 30 cells wide): the results open with no bullet
    # 「重点５分野については、…」 / 「まで一貫した…推進した。具体的には」 (27 cells) / 「AMEDにおいて…」: 「AMED」,
    # kept whole, is printed at most 3 cells wide and the line had just 3 left. Read as the paragraph's end, the
    # results' first two lines were read as the description's last item's text.
    rows = snippet_rows("results-opening-short-of-a-latin-word", 30, 30, 30)
    assert rows[0]["description"][-1] == "⑤\t医療従事者の業務の効率化・負担軽減に資する医療機器"
    assert rows[0]["results"][:3] == ["重点５分野については、AMEDによる支援を中心に基礎から実用化",
                                      "まで一貫した研究開発を省庁横断的に推進した。具体的には",
                                      "AMEDにおいて関連するテーマの課題を以下のように採択し支援"]
