"""A line that had room for the next line's first character did not wrap there: its paragraph ends, on lines
cut from a real pypdfium2 extraction (tests/data/dense/, its header line first)."""

from __future__ import annotations

from dense_snippets import snippet_rows

from policydiff.versions.readers.dense_roles import LATIN_SLACK
from policydiff.versions.readers.dense_wraps import lead, word


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


def test_a_latin_word_is_carried_down_whole_with_its_brackets():
    assert word("（ViCLE）において") == 2.0 + 2.5 + 5 * LATIN_SLACK  # the brackets may not be parted from it
    assert word("MEDISO）」を通じて") == 2.0 + 3.0 + 6 * LATIN_SLACK
    assert word("AMEDにおいて") == 2.0 + 4 * LATIN_SLACK
    assert word("重点５分野") == 0.0  # a plain character: dense_wraps.lead
    assert word("「医療機器」") == 0.0
