"""A line that had room for the next line's first character did not wrap there: its paragraph ends, on lines
cut from a real pypdfium2 extraction (tests/data/dense/, its header line first)."""

from __future__ import annotations

from dense_snippets import snippet_rows

from policydiff.versions.readers.dense_wraps import lead


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
