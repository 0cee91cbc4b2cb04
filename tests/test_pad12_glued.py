"""Glued cuts of the interleaved reader told by the widths and the words (round 12), on lines of pdfplumber
text cut from the generated layouts of the dev set (seeds 3000-3099), with the geometry the reader
estimated for their text."""

from __future__ import annotations

from policydiff.versions.readers.interleaved_groups import line_options


def _texts(options) -> set[tuple[str, ...]]:
    return {tuple(g.text for g in groups) for groups, _ in options}


def test_a_piece_no_wider_than_its_columns_full_line_is_not_cut_as_glued():
    # Dev 3004 (「担当」 first, cells set 0.5 pt apart, so the text has glued lines), source line 314: the
    # description's last line 「⑤ 医療従事者の業務の効率化・負担軽減に資する医療機器」 (26.5 cells) alone on its line,
    # the description's full lines 27 cells. It was cut 「…医療機」 / 「器」 as a full line and the results' next
    # characters: a glued line reaches its column's edge, and this one fits the column whole.
    widths, fills = (26.0, 26.0, 26.0, 7.0), (27.0, 27.0, 27.0, 7.0)
    line = "⑤ 医療従事者の業務の効率化・負担軽減に資する医療機器"
    cuts = _texts(line_options([line], widths, fills, True, (3, 0, 1, 2)))
    assert (line,) in cuts
    assert all(len(x) == 1 or len(x[0]) <= 8 for x in cuts)  # (but after the 「担当」 column's full line: an office)


def test_a_piece_wider_than_a_columns_full_line_may_still_be_cut():
    # The same text, a piece wider than the description's full line: its full line and the next column's start.
    widths, fills = (26.0, 26.0, 26.0, 7.0), (27.0, 27.0, 27.0, 7.0)
    line = "度、費用対効果や実現可能性を踏まえつつ、社会変革をもた。"
    assert ("度、費用対効果や実現可能性を踏まえつつ、社会変革をも", "た。") in \
        _texts(line_options([line], widths, fills, True, (3, 0, 1, 2)))


def test_words_before_a_glued_piece_that_fits_a_column_join_it_in_the_wider_column():
    # Dev 3029, source line 202: the results' line holds a space of its own (「…開発体制強靱化事業 令和6年度予算：
    # 37億円の内数）を通」, 42 cells then 16) and is glued to the plans' 「・令和7年度に…」: the glued piece fits a
    # column (56 cells), and the words before it are too wide for the plans' lines (39) yet not for the results'
    # (58). Unread, the line fit no column and the row's title was lost.
    widths, fills = (52.0, 59.0, 39.0), (52.0, 58.0, 39.0)
    title = "医療機器の研究開発に関するガイドライン・ルールの整備"
    words = "・「医療機器等における開発ガイドライン策定事業」（先進的研究開発・開発体制強靱化事業"
    glued = "令和6年度予算：37億円の内数）を通・令和7年度に新設される「医療機器創出ガイダンス事業」（先進的研究開発・開発体制"
    cut = glued.index("・令和7年度")
    assert (title, words + " " + glued[:cut], glued[cut:]) in _texts(line_options([title, words, glued], widths, fills, True))


def test_a_closing_bracket_hanging_past_a_full_line_before_the_next_columns_bullet_is_cut_there():
    # Dev 3018, source line 407: the results' full line 「・「開発途上国・新興国等における医療技術等実用化研究事業」」
    # (29 cells, its 」 hanging past a 28-cell column whose full lines are 27) glued to the plans' bullet
    # 「・「開発途上国…」. Cut two cells past the fill or not at all, the line fit no column: the row's title
    # 「新興国・途上国の医療ニーズと…マッチングによる展開支援」 lost its first line.
    widths, fills = (25.0, 28.0, 18.0), (25.0, 27.0, 17.0)
    title = "新興国・途上国の医療ニーズと日本の医療機器産業の"
    results = "・「開発途上国・新興国等における医療技術等実用化研究事業」"
    plans = "・「開発途上国・新興国等における医療技"
    assert (title, results, plans) in _texts(line_options([title, results + plans], widths, fills, True))


def test_a_glued_bullet_after_latin_words_is_cut_where_their_line_fills_the_column():
    # Dev 3051, source line 270: the results' full line 「・ヘルスケアに関する…である、Healthcare Innovation Hubにて、
    # スタートアッ」 (latin words parted by spaces) glued to the plans' 「・引き続き、Healthcare…」: the glued piece
    # 「Hubにて、スタートアッ・引き続き、Healthcare」 alone fits a column, its line with the words before it does not.
    # Uncut, the line fit no column and the row's title 「…連携強化（その２）」 was lost.
    widths, fills = (45.0, 45.0, 45.0), (45.6, 45.6, 45.6)
    pieces = ["国際展開支援における業界団体と行政の連携強化（その２）", "・ヘルスケアに関するワンストップ相談窓口である、Healthcare",
              "Innovation", "Hubにて、スタートアッ・引き続き、Healthcare", "Innovation",
              "Hubにて、スタートアップ企業等からの相談を受け付け、支援"]
    results = "・ヘルスケアに関するワンストップ相談窓口である、Healthcare Innovation Hubにて、スタートアッ"
    plans = "・引き続き、Healthcare Innovation Hubにて、スタートアップ企業等からの相談を受け付け、支援"
    assert (pieces[0], results, plans) in _texts(line_options(pieces, widths, fills, True))


def test_words_before_a_glued_piece_count_their_punctuation_pairs_set_narrow():
    # Seen 5307 (Chromium), source line 210: the results' line 「・「次世代医療機器評価指標の公表について」（令和６年
    # 11月29日付け医薬機審発 1129第２号）により、「脱細胞化組織利」 holds a space of its own and two punctuation pairs
    # (「・「」, 「」（」) set half a cell narrower each; counted at full width, the plans' bullet glued after it lay
    # past where the results' line could end, the line fit no column and the row's title was lost.
    widths, fills = (46.0, 54.5, 55.0), (46.0, 53.0, 54.0)
    title = "医療機器の研究開発に関するガイドライン・ルールの整備（その２）"
    words = "・「次世代医療機器評価指標の公表について」（令和６年11月29日付け医薬機審発"
    glued = ("1129第２号）により、「脱細胞化組織利・「次世代医療機器・再生医療等製品評価指標作成事業」に基づき令和６年度までに"
             "策定された「包括的高度慢性下肢虚血")
    cut = glued.index("・「次世代")
    results = next(groups[1] for groups, _ in line_options([title, words, glued], widths, fills, True)
                   if tuple(g.text for g in groups) == (title, words + " " + glued[:cut], glued[cut:]))
    assert 1 in results.must  # (the results' full line, not only the plans')
