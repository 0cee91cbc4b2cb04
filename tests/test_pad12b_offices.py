"""The 「担当」 column's first lines glued to the plans' in every row they print in (round 12), on lines of
pdfplumber text cut from the generated layouts of the dev and seen sets, with the geometry the reader
estimated for their text."""

from __future__ import annotations

from policydiff.versions.readers.interleaved_groups import line_options
from policydiff.versions.readers.interleaved_offices import office_lines

ORDER = (0, 1, 2, 3)  # description, results, plans, the office last

# Dev 3015 (cells set 0.5 pt apart), source lines 236, 247 and 448: the office 「内閣府健康・医療戦」 / 「略推進事務局」
# glued to the plans' line in each row it is printed in, never apart.
DEV_3015 = [
    "医療機器の研究開発等の目的に合致したデータバンクの構築支援 ・NCBNでは各NCバイオバンクでのデータ・試料の利活用を進めると共 "
    "・引き続き「バイオバンクにおけるデータ・試料の利活用」を進めるべく、内閣府健康・医療戦",
    "次世代医療基盤法に基づく認定事業者の医療情報の提供の促進 ・昨年4月から、改正次世代医療基盤法が施行され、改正法で新たに創設さ "
    "・引き続き、仮名加工医療情報に関して、利用事業者等への認定申請を促進内閣府健康・医療戦",
    "重点分野における医療機器の研究開発の促進 重点５分野については、AMEDによる支援を中心に基礎から実用化まで一貫"
    "引き続き、AMEDの医療機器・ヘルスケアプロジェクトにおいて、重点５分内閣府健康・医療戦",
]


def _texts(options) -> set[tuple[str, ...]]:
    return {tuple(g.text for g in groups) for groups, _ in options}


def test_an_office_glued_in_every_row_is_told_by_its_first_line_after_a_ministrys_name():
    # The widths put the cut of line 448 a character early (「…重点５分内」 / 「閣府健康・医療戦」): the office's first
    # line, ending each glued plans' line after the ministry's name, tells it.
    offices = office_lines([x.split(" ") for x in DEV_3015], ORDER, 9.0)
    assert "内閣府健康・医療戦" in offices
    widths, fills = (34.0, 33.0, 32.5, 9.0), (34.0, 34.0, 34.0, 9.0)
    options = _texts(line_options(DEV_3015[2].split(" "), widths, fills, True, ORDER, offices=offices))
    assert any(x[-2].endswith("重点５分") and x[-1] == "内閣府健康・医療戦" for x in options)
    assert not any(x[-1] == "閣府健康・医療戦" for x in options)


def test_a_plans_line_ending_twice_with_a_ministrys_name_and_a_particle_is_no_office():
    # Seen 5355, source lines 653 and 659: two plans' lines end 「…経済産業省とも連携」, no office glued.
    lines = ["計画確認手続制度（IDATEN）の活用事例集 ・引き続き経済産業省とも連携",
             "行うことを目的として、経済産業省とも連携"]
    assert not office_lines([x.split(" ") for x in lines], ORDER, 4.0)


def test_an_offices_cut_is_tried_with_every_cut_of_a_glued_piece_before_it():
    # Seen 5355, source line 9: the description glued to the results' bullet, and the plans' line to the office's
    # 「厚労省医」. The office's cuts, tried before the others, filled the cap on the alternatives with the first
    # cuts of the description's piece (「医療機器」 / …), the right one among those left out: the line fit no column.
    widths, fills = (19.0, 20.0, 13.0, 4.0), (19.0, 19.0, 12.5, 4.0)
    pieces = ["医療機器の研究開発に積極的に携わる医師・｢優れた医療機器の創出に係る産業振興拠点", "・令和７年度の取組に加え、拠厚労省医"]
    expected = ("医療機器の研究開発に積極的に携わる医師", "・｢優れた医療機器の創出に係る産業振興拠点", "・令和７年度の取組に加え、拠",
                "厚労省医")
    assert expected in _texts(line_options(pieces, widths, fills, True, ORDER, offices=frozenset({"厚労省医"})))
