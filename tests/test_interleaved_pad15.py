"""Spaces inside a cell, plans ending with their verb and no 。, latin words after a glued piece, and bullets whose
bracket is still open: pdfplumber lines cut from the generated layouts, read with the geometry their texts measure."""

from __future__ import annotations

from policydiff.versions.readers.interleaved_cuts import CharModel, _spaced_move
from policydiff.versions.readers.interleaved_groups import line_options
from policydiff.versions.readers.interleaved_reading import Reading, read_lines
from policydiff.versions.readers.text_interleaved import _pieces, estimate_fulls


def _read(lines: list[str], widths: tuple[float, ...], fills: tuple[float, ...], results: int = 1,
          ends: frozenset[str] = frozenset()) -> list[Reading]:
    readings, _, _ = read_lines(lines, _pieces, ["text"] * len(lines), widths, estimate_fulls(widths, fills), None, fills,
                                results, True, ends=ends)
    return readings


def _texts(line: str, widths: tuple[float, ...], fills: tuple[float, ...], order: tuple[int, ...]) -> list[list[str]]:
    return [[g.text for g in groups] for groups, _ in line_options(_pieces(line), widths, fills, glued=True, order=order)]


def test_a_character_after_a_space_inside_a_cell_ends_its_line_before_the_next_columns_bullet():
    # h7000 7037, source line 273 (reportlab; columns 39, 43 and 29 cells, the results' full lines 44): the report
    # prints 「（先進的研究開発・開発体制強靱化事業　令和6年度予算…」 with a full-width space, so the results' line is
    # 「…強靱化事業 令」, its 「令」 glued to the plans' 「・令和7年度…」. Read as the plans' first line 「令・令和7年度…」, the
    # results lost their 「令」 (「…事業和6年度予算」).
    lines = ["医療機器の研究開発に関するガイドライン・ルールの整備 ・「医療機器等における開発ガイドライン策定事業」（先進的研究"
             "開発・開発体制強靱化事業 令・令和7年度に新設される「医療機器開発ガイダンス事業」（先",
             "上市の迅速化に資する、革新的な医療機器の研究開発や評価の方法を明確にする医療機 和6年度予算：37億円の内数）を通じ"
             "て、医療機器等の開発における工学的安定性や生物学的安定進的研究開発・開発体制強靱化事業の後継となる、次世代型医療",
             "器ガイドラインを策定する。また、ガイドラインの検討のため、国内外の医療や技術、 性に関する各評価項目の試験方法等を、"
             "医療機器開発ガイドラインとして整備した。またガイダン機器開発等促進事業として令和7年度予算案：24億円の内数）を"]
    groups = dict(_read(lines, (39.0, 43.0, 29.0), (39.0, 44.0, 29.0))[0].groups)
    assert groups[1].endswith("強靱化事業 令")
    assert groups[2].startswith("・令和7年度に新設される")


def test_a_lines_first_words_before_a_space_may_fill_a_column_with_the_glued_piece_after_them():
    # dev 3091, source line 436 (reportlab; columns 21, 25, 25 and 6 cells): the results' line 「年11月29日付け医薬機審発
    # 1129第２号）により、「脱」 (the report's own space) glued to the plans' 「・「次世代…」. The space was read as a column
    # gap: 「年11月29日付け医薬機審発」 started a row of its own.
    line = "年11月29日付け医薬機審発 1129第２号）により、「脱・「次世代医療機器・再生医療等製品評価指標作成事"
    assert ["年11月29日付け医薬機審発 1129第２号）により、「脱", "・「次世代医療機器・再生医療等製品評価指標作成事"] \
        in _texts(line, (21.0, 25.0, 25.0, 6.0), (21.0, 25.6, 25.6, 6.0), (0, 1, 2, 3))
    # ... or the description's line 「…３大バイオバンク 等に蓄積さ」 glued to the results' 「活用支援…」, its words going
    # on (h7000 7013, source line 363; reportlab, columns 25, 15 and 20 cells, full lines 25, 14 and 20)
    line = "築、データの品質管理及び３大バイオバンク 等に蓄積さ活用支援を進めると共に、NCBN"
    assert ["築、データの品質管理及び３大バイオバンク 等に蓄積さ", "活用支援を進めると共に、NCBN"] \
        in _texts(line, (25.0, 15.0, 20.0), (25.0, 14.0, 20.0), (0, 1, 2))


def test_a_plans_bullet_ending_with_its_verb_and_no_full_stop_may_end_the_cell_at_a_full_line():
    # h7000 7051, source lines 225-230 (reportlab; columns 56, 45 and 33 cells): the plans' last bullet 「・「SaMD産学官
    # 連携フォーラム」…に引き続き取り組む」 has no 。 and its last line fills the plans' column. Ending the plans there cost
    # as much as a paragraph ending exactly at the edge, so the bullet went to the results (13 cells short of their
    # fill) and its second line started a row.
    lines = ["ンス等の特有のコスト構造等の違いを整理した上で、産業界と行政の連携のもとSaMDの研究開発の促進に向けた論点の整理 "
             "発者と規制当局関係者とがその解決に向けた情報共有や忌憚のない意見交換を行うことを目的として SaMD導入によるワーク"
             "フロー改善、収益性向上等の経済的有用性を示す",
             "に引き続き取り組む。［◎文、◎厚、◎経］ 「第4回SaMD産学官連携フォーラム」を開催（令和6年9月3日）。 ための臨床試験に"
             "対する資金的支援を実施。",
             "・「SaMD産学官連携フォーラム」を継続的に開催し、産業界と行政の連",
             "携のもとSaMDの研究開発の促進に向けた論点の整理に引き続き取り組む",
             "医療機器の研究開発に関するガイドライン・ルールの整備 ・「医療機器等における開発ガイドライン策定事業」（先進的研究"
             "開発・開発体制強靱化事業 令和6 ・令和7年度に新設される「医療機器創出ガイダンス事業」（先進的研究"]
    readings = _read(lines, (56.0, 45.0, 33.0), (56.0, 45.0, 33.0))
    assert [c for c, _ in readings[2].groups] == [2] and not readings[2].new_row
    assert [c for c, _ in readings[3].groups] == [2] and not readings[3].new_row
    assert readings[4].new_row


def test_a_latin_run_after_a_glued_piece_counts_its_line_from_the_bullet_in_that_piece():
    # h6800 6851, source line 307 (reportlab; three 30-cell columns): the description's full line glued to the results'
    # 「・令和７年度の…「Brain」, then 「Computer」, then 「Interface利用」 glued to the plans' 「・＜次世代…」. The last piece was
    # measured after the latin words only, never cut, fitted no column: the line started a row of its own.
    line = ("的に反映し、策定プロセスを明確化するルールインテリジェンス機・令和７年度の国衛研委託事業で「Brain Computer "
            "Interface利用・＜次世代医療機器・再生医療等製品評価指標作成事業＞（国衛")
    assert ["的に反映し、策定プロセスを明確化するルールインテリジェンス機",
            "・令和７年度の国衛研委託事業で「Brain Computer Interface利用", "・＜次世代医療機器・再生医療等製品評価指標作成事業＞（国衛"] \
        in _texts(line, (29.0, 29.5, 30.0), (30.0, 30.0, 30.0), (0, 1, 2))


def test_a_bullet_whose_bracket_is_open_goes_on_though_its_word_ends_the_texts_bullets():
    # d6900 6949, source lines 306-309 (reportlab, the plans printed first; columns 32, 37, 37 and 9 cells): the
    # results' 「…を７件支援した（うち新規採択」 ends in 「採択」, as the text's bullets 「…の課題を採択」 end, so its 「２件）。」
    # below was read with the plans' bullet 「・引き続き、…進める。」 (「…進める。 ２件）。」) in the results.
    lines = ["新興国・途上国の医療ニーズと日本の医療機器産業のマッチングによる ・「開発途上国・新興国等における医療技術等実用化研究"
             "事業」を通じて、引き続 ・「開発途上国・新興国等における医療技術等実用化研究事業」において、アフリ 厚労省医療機器審査",
             "展開支援 き、アフリカ地域等のニーズを踏まえた製品の研究開発を推進する予定。 カ地域等のニーズを踏まえた製品の研究開発"
             "課題を７件支援した（うち新規採択 管理課",
             "日本企業は、日本の市場に合わせて医療機器を開発する傾向がある一 ・引き続き、アフリカにおける医療関係者等との関係構築を"
             "進める。 ２件）。",
             "方、国際展開に当たっては、相手国のニーズを汲んでいくことは重要で ・エジプトにおいて現地医療機関と日本企業の意見交換会を"
             "開催し、アフリカにお"]
    readings = _read(lines, (32.0, 37.0, 37.0, 9.0), (32.0, 37.0, 36.0, 9.0), results=2, ends=frozenset({"採択"}))
    assert dict(readings[2].groups)[1] == "・引き続き、アフリカにおける医療関係者等との関係構築を進める。"
    assert dict(readings[2].groups)[2] == "２件）。"


def test_a_word_of_the_next_column_cut_by_a_glued_character_takes_it_back_to_the_line_before_the_space():
    # d6900 6910 (reportlab; four columns, 35 cells and 9): the description's 「…ルールインテリジェンス機能 を」 (the report's
    # own space) glued to the plans' 「ラム医療機器」…」, the plans' line above ending 「…家庭用プログ」. Read silently as the
    # plans' 「…プログをラム…」 and a description 「…機能構築する。」: the text's own n-grams tell 「プログ」 then 「ラム」.
    # The counts: the pieces of the text's source lines 276-300.
    pieces = ["医療機器の研究開発に関するガイドライン・ルールの整備", "・令和7年度に新設される「医療機器開発ガイダンス事業」（先進的研究開", "発・開発体制強靱化事業の後継となる、次世代型医療機器開発等促進事業", "・「医療機器等における開発ガイドライン策定事業」（先進的", "研究開発・開発体制強靱化事業", "令和6年度予算：37億円の内数）を通じて、", "・「次世代医療機器・再生医療等製品評価指標作成事業」に", "基づき令和６年度", "までに策定された「包括的高度慢性下肢虚血用医療機器」及び「家庭用プログ", "家庭用プログラム医療機器」、「Brain", "Computer", "Interface利用機器」に係る", "・「プログラム医療機器に係る優先的な審査等の試行的実施」を継続", "「家庭用プログラム医療機器」", "ルールインテリジェンス機能を構築する。", "ルールインテリジェンス機能の運用を開始し策定プロセスの明確化に努めた。", "インテリジェンス機能を通じて明確なプロセスの元で策定に努める。"]
    readings = [
        Reading(False, ((0, "また、ガイドラインの検討のため、国内外の医療や技術、規制、標準等の動向"),
                        (1, "までに策定された「包括的高度慢性下肢虚血用医療機器」及び「家庭用プログ"),
                        (2, "機審発 1129第２号）により、「脱細胞化組織利用機器の品質及び安全性に関"), (3, "業課医療・福祉機器"))),
        Reading(False, ((0, "を体系的に反映し、策定プロセスを明確化するルールインテリジェンス機能"),
                        (1, "をラム医療機器」の評価指標について、令和７年度中に公表する予定。"),
                        (2, "する評価指標」及び「半月板修復再建用医療機器に関する評価指標」を公表し"), (3, "産業室"))),
        Reading(False, ((0, "構築する。［厚、◎経］"), (2, "た。")))]
    moved = _spaced_move(1, 0, readings, (35.0, 35.0, 35.0, 9.0), (31.7, 31.7, 31.7, 7.78), CharModel(pieces))
    assert moved is not None
    assert moved.groups[0][1].endswith("ルールインテリジェンス機能 を")
    assert moved.groups[1][1].startswith("ラム医療機器」")
