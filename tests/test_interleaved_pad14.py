"""Glued pieces of the 「重点5分野」 and 「データバンク」 rows, lines cut from the generated layouts (pdfplumber text), and
the page breaks text_layouts knows."""

from __future__ import annotations

from interleaved_snippets import ROWS

from policydiff.versions.readers.interleaved_groups import line_options
from policydiff.versions.readers.text_interleaved import _kind, _page_breaks
from policydiff.versions.readers.text_layouts import prepare


def _texts(line: str, widths: tuple[float, ...], fills: tuple[float, ...], order: tuple[int, ...]) -> list[list[str]]:
    return [[g.text for g in groups] for groups, _ in line_options(line.split(" "), widths, fills, glued=True, order=order)]


def test_a_rest_too_wide_for_every_column_right_of_the_cut_is_cut_again():
    # d5400 5407, source line 438 (reportlab; columns 45, 36, 26 and 8 cells wide, full lines 45, 37, 25.5, 8): the
    # description's full line, the results' full line and the plans' 「る。」 in one piece. Its rest after the
    # description's line, 39 cells, is narrower than the widest column (so it was not cut again) but wider than any
    # column printed right of the description: no reading fitted, and the line started a row of its own.
    line = ("社会変革をもたらす医療機器の研究開発の活性化をより一層図ることとし、｢医療従事者の業務の効率を以下のように採択し"
            "支援を行った。（以下の採択課題には複数の重点分野にまたる。")
    assert ["社会変革をもたらす医療機器の研究開発の活性化をより一層図ることとし、｢医療従事者の業務の効率",
            "を以下のように採択し支援を行った。（以下の採択課題には複数の重点分野にまた", "る。"] \
        in _texts(line, (45.0, 36.0, 26.0, 8.0), (45.0, 37.0, 25.5, 8.0), (0, 1, 2, 3))


def test_a_glued_piece_is_cut_for_the_leftmost_column_first():
    # d6900 6906, source line 618 (reportlab; columns 30, 17, 23.5 and 5 cells wide): the description's full line
    # glued to the results' 「る。」, then the plans' and the office's lines. Its cuts for the narrower columns to the
    # right came first, and the ways to cut the line are capped: the cut after the description's full line was lost.
    line = "究開発の活性化をより一層図ることとし、｢医療従事者の業務の効率る。 を以下のように採択し支援を行った。（以下の採択課 局"
    assert ["究開発の活性化をより一層図ることとし、｢医療従事者の業務の効率", "る。", "を以下のように採択し支援を行った。（以下の採択課",
            "局"] in _texts(line, (30.0, 17.0, 23.5, 5.0), (30.0, 18.0, 23.0, 5.0), (0, 1, 2, 3))


def test_a_piece_opening_with_a_bullet_mark_does_not_go_on_the_words_before_it():
    # h6800 6805, source line 197 (reportlab, 「担当」 first; columns 7, 30, 33 and 22 cells): a title filling its line,
    # then the results' 「・NCBNでは、…」 glued to the plans'. Read as the title's words going on (a space of the
    # cell's own), the piece was cut where the description fills: the title took the results' 「・」, and its row
    # lost its title.
    line = ("厚労省医療機器 医療機器の研究開発等の目的に合致したデータバンクの構築支援 ・NCBNでは、オールジャパンのバイオバンク"
            "連携体制の整備を進めるとと・引き続き「バイオバンクにおけるデータ・試料")
    readings = _texts(line, (30.0, 33.0, 22.0, 7.0), (30.0, 33.0, 22.0, 7.0), (3, 0, 1, 2))
    assert not any(text.endswith("構築支援 ・") for texts in readings for text in texts)
    assert ["厚労省医療機器", "医療機器の研究開発等の目的に合致したデータバンクの構築支援",
            "・NCBNでは、オールジャパンのバイオバンク連携体制の整備を進めるとと", "・引き続き「バイオバンクにおけるデータ・試料"] in readings


def test_a_bullets_first_line_may_hang_its_mark_a_cell_past_the_columns_fill():
    # d6000 6014, source line 336 (Chromium, hanging bullets; columns 29, 21 and 32.5 cells, the plans' full lines
    # 20): the plans' first line 「・令和7年度に新設される「医療機器創出ガイダ」 is 21.6 cells, its mark printed left of
    # the column's text, then the results' 「・「医療機器等…」 glued to it. No cut was tried before that 「・」: the
    # line fitted no column and the row lost its title.
    line = ("医療機器の研究開発に関するガイドライン・ルールの整備 ・令和7年度に新設される「医療機器創出ガイダ・「医療機器等"
            "における開発ガイドライン策定事業」（先進的研究開発・")
    assert ["医療機器の研究開発に関するガイドライン・ルールの整備", "・令和7年度に新設される「医療機器創出ガイダ",
            "・「医療機器等における開発ガイドライン策定事業」（先進的研究開発・"] \
        in _texts(line, (29.0, 21.0, 32.5), (29.0, 20.0, 31.0), (0, 1, 2))
    # ... but not before a 「・」 between two nouns (dev 3010, source line 121; reportlab, 39-cell results and plans):
    # the results' first line 「・｢医療機器開発支援…イノベーショ」, the plans' 「る企業・大学等に…」 glued to it
    line = ("の構築に取り組む。［◎経］ ・｢医療機器開発支援ネットワーク｣や｢地域連携拠点｣（いずれも医工連携イノベーショる企業・"
            "大学等に対するワンストップ支援を推進する。")
    readings = _texts(line, (33.0, 38.0, 39.0), (33.0, 39.0, 39.0), (0, 1, 2))
    assert ["の構築に取り組む。［◎経］", "・｢医療機器開発支援ネットワーク｣や｢地域連携拠点｣（いずれも医工連携イノベーショ",
            "る企業・大学等に対するワンストップ支援を推進する。"] in readings
    assert not any(text.endswith("イノベーショる企業") for texts in readings for text in texts)


def test_a_bullet_mark_after_a_particle_is_where_the_next_column_starts():
    # dev 3051, source line 238 (reportlab, three 45-cell columns): the results' line 「…2024年9月に」 glued to the
    # plans' 「・安全性・信頼性を…」. Of the two 「・」 near the fill, the later was taken (latin letters may print
    # narrower): the results read 「…9月に・安全性」. A 「・」 after a particle parts no two nouns.
    line = ("に基づき、2024年6月には第4回MEV-MEJフォーラムをベトナムのフエで開催した他、2024年9月に・安全性・信頼性を確保した"
            "デジタルインフラの海外展開助成事業を活用し、デジタル技術の国際展")
    readings = _texts(line, (45.0, 45.0, 45.0), (45.6, 45.6, 45.6), (0, 1, 2))
    assert ["に基づき、2024年6月には第4回MEV-MEJフォーラムをベトナムのフエで開催した他、2024年9月に",
            "・安全性・信頼性を確保したデジタルインフラの海外展開助成事業を活用し、デジタル技術の国際展"] in readings
    assert not any(text.endswith("・安全性") for texts in readings for text in texts)


def _cheapest(line: str, widths: tuple[float, ...], fills: tuple[float, ...], order: tuple[int, ...]) -> list[str]:
    groups, _ = min((x for x in line_options(line.split(" "), widths, fills, glued=True, order=order)
                     if len(x[0]) == len(widths)), key=lambda x: x[1])
    return [g.text for g in groups]


def test_a_wave_dash_alone_after_a_latin_word_stays_with_it():
    # d5400 5427, source line 259 (Chromium, 「担当」 last; 15-cell columns): the plans' 「・「MedTech ROUND ～」, a space
    # after the latin word, then the office's last line 「産業室」. The dash was read as the office's: 「…機器～産業室」.
    line = "チャー企業との戦略的提携や買 ・「MEDIC」（医工連携イノベー ・「MedTech ROUND ～ 産業室"
    assert _cheapest(line, (15.0, 15.0, 15.0, 3.5), (15.0, 15.0, 15.0, 3.0), (0, 1, 2, 3))[-2:] == \
        ["・「MedTech ROUND ～", "産業室"]


def test_a_number_with_a_decimal_point_is_no_latin_word_and_is_never_cut():
    # dev 3086, source line 429 (Chromium, 「担当」 first; columns 5, 23, 17 and 26 cells): the results' 「…（案）：11.2」
    # and the plans' 「10.9億円）…」. Joined as latin words, the pair was read in the plans, cut inside the number.
    line = ("振興局ライ 新しい予防、計測、診断、治療を可能とする革新的 事業」」（令和７年度予算（案）：11.2 10.9億円）において、"
            "実用化支援や企業マッチングを実")
    readings = _texts(line, (23.0, 17.0, 26.0, 5.0), (23.0, 17.0, 25.0, 5.0), (3, 0, 1, 2))
    assert _cheapest(line, (23.0, 17.0, 26.0, 5.0), (23.0, 17.0, 25.0, 5.0), (3, 0, 1, 2))[2:] == \
        ["事業」」（令和７年度予算（案）：11.2", "10.9億円）において、実用化支援や企業マッチングを実"]
    assert not any(text.endswith(("：1", "：11")) for texts in readings for text in texts)


def test_a_running_title_taken_away_is_a_page_break_wherever_it_stands():
    # d6900 6953, source lines 1-150 (Chromium, no page numbers: the running title 「医療機器基本計画 …進捗状況」 is a
    # page's only furniture): at line 143 it stands between a description's last line and a goal. Told from the blank
    # line it leaves between two text lines, it was no page break there; text_layouts knows where it was taken away.
    prepared = prepare((ROWS / "pad14-running-title-before-a-goal.txt").read_text(encoding="utf-8"))
    kinds = _page_breaks([_kind(x) for x in prepared.lines], prepared.numbers, prepared.breaks)
    assert [no for no, kind in zip(prepared.numbers, kinds, strict=True) if kind == "page"] == [1, 71, 143]
