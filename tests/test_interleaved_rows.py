"""Rows of pdfplumber text (columns side by side) cut from the generated layouts (out/d3000, seeds 3014 and
3024): each piece of a line goes to its column."""

from __future__ import annotations

from interleaved_snippets import ROWS, snippet_table

from policydiff import parse_report
from policydiff.versions.readers.text_interleaved import untangle_office_label


def _read(name: str):
    return parse_report((ROWS / name).read_bytes())


def test_a_title_that_fills_its_line_is_the_title_not_the_description():
    # 「産学連携の強化による…事業化の促進」 is 30 cells in a description column of 32: a heading's words,
    # then the description on the next line (it was read into the description, the row refused).
    (m,) = _read("full-width-title.txt").measures
    assert m.title == "産学連携の強化によるニーズ・シーズマッチング及び事業化の促進"
    assert m.description.startswith("官民が協調して資金拠出し")


def test_latin_words_parted_by_a_mark_stay_in_their_cell():
    # 「・「MedTech ROUND ～MedTech Startups acceleration」 then the plans' 「る。」: the space before 「～MedTech」
    # parts latin words of one cell, not two columns.
    m = next(m for m in _read("latin-words-in-a-cell.txt").measures if "MedTech" in m.results[1].text)
    assert "MedTech ROUND ～MedTech Startups acceleration program～" in m.results[1].text
    assert not any("Startups" in b.text for b in m.plans)
    assert m.plans[0].text.endswith("エコシステム形成に向けた取り組みを推進する。")


def _rows(name: str):
    return snippet_table(name).rows


def test_a_cell_whose_line_ends_at_a_comma_goes_on_below():
    # Printed 該当箇所 | 取組予定 | 実績・状況: the results open 「令和６年度保険医療材料制度改革において、」 and go on
    # with their bullets, under the plans' one finished bullet; they were read as more plans, unwarned.
    row = next(r for r in _rows("results-open-at-a-comma.txt") if r.cells[0].text.startswith("イノベーション"))
    plans, results = row.cells[1].text, row.cells[2].text
    assert plans == "・関係団体等の意見も伺いながら、令和８年度診療報酬改定に向けて検討を行う。"
    assert results.startswith("令和６年度保険医療材料制度改革において、・チャレンジ申請の申請期限の延長")
    assert results.endswith("指導管理料・導入期加算や評価療養・選定療養の新設等を実施したところ。")


def test_a_full_line_is_told_by_the_commonest_width_of_its_column():
    # The plans column prints 22 cells a line, now and then 23 (wide brackets): 「連携グローバル展開事業として
    # 令和7年度予算」 (20.5 cells, a half-width digit) is full, and the line below, 「［◎厚、◎経］ 案：16億円の内数）
    # …」, goes on with the same row; it was read as a new row without a description, unwarned.
    row = next(r for r in _rows("full-line-of-a-narrow-column.txt") if r.cells[0].text.startswith("また、ベンチャー等"))
    assert row.cells[0].text.endswith("マッチングに取り組む。［◎厚、◎経］")
    assert "令和7年度予算案：16億円の内数）を通じ、企業と研究機関等とのマッチングがより一層進む" in row.cells[2].text


def test_a_line_cut_short_mid_word_goes_on_in_its_column():
    # 「…アーリーステージでのベン」 stops short of the plans column's edge, the word going on below (「チャー企業の…」);
    # the 「担当」 office's last piece 「室」 on its line was read into the plans (「ベン室チャー」), unwarned.
    row = next(r for r in _rows("word-runs-on-past-a-short-line.txt") if r.cells[0].text.startswith("治験実施等における"))
    assert "でのベンチャー企業の開発支援を引き続き推進する。" in row.cells[2].text
    assert row.cells[3].text == "経産省ヘルスケア産業課医療・福祉機器産業室"


def test_an_office_printed_first_is_read_as_the_office_and_keeps_its_place():
    # 「担当 列1 該当箇所 列2 …」: each line starts with the office's piece (「経産省ヘル」 / 「スケア産業」 / …), then
    # the description, results and plans; the grammar takes the cells in the header's order.
    rows = [r for r in _rows("office-first.txt") if len(r.cells) == 4]
    row = next(r for r in rows if r.cells[1].text.startswith("販路開拓の支援"))
    assert row.cells[0].text == "経産省ヘルスケア産業課医療・福祉機器産業室"
    assert row.cells[1].text.endswith("販路開拓の支援に引き続き取り組む。［◎経］")
    # 「会（MEDICA2025等）への出展支援を実施し、事業者の販路開」 is a full results line (latin prints wider than
    # half a cell): 「拓を支援した。」 below goes on with it, not joined to the plans' 「援を実施する。」.
    assert row.cells[2].text.endswith("事業者の販路開拓を支援した。")
    assert row.cells[3].text.endswith("海外展示会への出展支援を実施する。")


def test_columns_set_close_are_cut_where_a_full_line_ends_and_the_cut_is_warned():
    # Cells padded by half a point: a full results line and the plans' text print with no space between
    # them (「…臨床現場のニーズに・令和６年度の取組に加え、…」); the line is cut where the results' full lines
    # end (39 cells, told by the bullets that start the plans there) and named in a warning.
    table = snippet_table("glued-columns.txt")
    row = next(r for r in table.rows if r.cells[0].text.startswith("医療機器の研究開発に積極的に携わる"))
    assert row.cells[1].text == ("・｢優れた医療機器の創出に係る産業振興拠点強化事業｣において、臨床現場のニーズに応じた優れた"
                                 "医療機器の創出に向けて、医療機器創出人材の育成・リスキリングを提供すると共に、医療機器スタート"
                                 "アップを伴走支援する拠点整備を推進した。")
    assert row.cells[2].text.startswith("・令和６年度の取組に加え、医療機器産業振興拠点における海外ネットワークの構築や臨床上の")
    glued = [w for w in table.warnings if w.code == "layout-glued"]
    assert any(w.line == 5 for w in glued)


def test_a_page_number_is_a_page_break_where_the_header_is_on_page_one_only():
    # 「- 9 -」 between two lines of a row: its plans stop a line early at the foot of the page and go on at
    # the top of the next; the row went on as a new row (「相手国のニーズを汲んで…」 without a title), unwarned.
    rows = _rows("page-number-break.txt")
    row = next(r for r in rows if r.cells[0].text.startswith("新興国・途上国の医療ニーズ"))
    assert row.cells[0].text.endswith("国際展開に当たっては、相手国のニーズを汲んでいくことは重要である。日本企業が相手国の"
                                      "医療の実情やニーズを十分に把握・理解できる機会の充実に引き続き取り組み、先進国とともに"
                                      "新興国・途上国の医療ニーズに適した医療機器の研究開発・展開につなげる。［◎厚、経］")
    assert row.cells[2].text.endswith("・引き続き、アフリカにおける医療関係者等との関係構築を進める。")
    assert not any(r.cells[0].text.startswith("相手国のニーズ") for r in rows if len(r.cells) > 1)


def test_a_glued_line_may_start_with_latin_words_before_its_space():
    # 「…課 Innovation Hubにて、スタートアップ企業等からの相談を受け付け、支からの相談を…」: the results' full
    # line is 「Innovation Hubにて、…受け付け、支」 (a space between latin words, then the plans glued on); the
    # line was read as a row of its own, unwarned.
    row = next(r for r in _rows("glued-after-latin-words.txt") if r.cells[0].text.startswith("国際展開支援における"))
    assert row.cells[1].text.startswith("・ヘルスケアに関するワンストップ相談窓口である、Healthcare Innovation Hubにて、"
                                        "スタートアップ企業等からの相談を受け付け、支援者・支援団体（InnoHub")
    assert row.cells[2].text.startswith("・引き続き、Healthcare Innovation Hubにて、スタートアップ企業等からの相談を受け付け、"
                                        "支援者・支援団体（InnoHubアドバイザー・サポーター団体）等へのマッチング")


def test_a_bullet_goes_to_the_column_its_wording_belongs_to():
    # Both the results (「…開発支援を推進した。」, short) and the plans (「…引き続き推進する。」, full) end a
    # sentence on one line; the next bullet, alone on its lines, ends 「…ワンストップ支援を推進した。」: a result.
    # It was read as a plan (the plans' full line made skipping them dearer), unwarned.
    row = next(r for r in _rows("bullet-worded-as-a-result.txt") if r.cells[0].text.startswith("医療機器の研究開発の伴走支援（その２）"))
    assert row.cells[1].text.endswith("・「医療機器開発支援ネットワーク」や「地域連携拠点」（いずれも医工連携イノベーション"
                                      "推進事業として令和6年度予算：19億円の内数）を通じたセミナーや伴走支援により、企業・"
                                      "大学等に対するワンストップ支援を推進した。")
    assert row.cells[2].text.endswith("アーリーステージでのベンチャー企業の開発支援を引き続き推進する。")


def test_a_sentence_going_on_in_brackets_stays_in_its_column():
    # 「…とのマッチングを推進した」 stops short of the results column's edge, its sentence going on below in
    # brackets 「（マッチング件数21件）。」, beside the plans' 「む環境を整備する。」; the two were joined as plans.
    row = next(r for r in _rows("sentence-goes-on-in-brackets.txt") if any("マッチング件数" in c.text for c in r.cells))
    assert row.cells[2].text.endswith("企業と研究機関等とのマッチングを推進した（マッチング件数21件）。")
    assert row.cells[3].text.endswith("企業と研究機関等とのマッチングがより一層進む環境を整備する。")


def test_a_short_tail_of_the_next_column_glued_to_a_full_line_is_cut():
    # Columns set close (a text with glued lines): 「いて」（令和７年10月17日付け医薬機審定。」 fits the results column,
    # yet it is the results' full line and the plans' last characters 「定。」; the plans ended 「…公表する予」.
    table = snippet_table("glued-short-tail.txt")
    row = next(r for r in table.rows if any("公表する予" in c.text for c in r.cells))
    assert row.cells[2].text.endswith("に係る次世代医療機器評価指標を取りまとめ、公表する予定。")
    assert "医薬機審定。" not in row.cells[1].text
    assert any(w.code == "layout-glued" and w.line == 89 for w in table.warnings)  # (source line 467)


def test_an_office_name_goes_on_over_its_lines():
    # 「担当」 first: 「内閣官房健」 / 「康・医療戦略」 / 「室」, one name wrapped in a narrow column; 「康・医療戦略」
    # was read into the description (「…の展開康・医療戦略支援」), unwarned.
    row = next(r for r in _rows("office-name-wraps.txt") if len(r.cells) == 4 and r.cells[1].text.startswith("協力覚書"))
    assert row.cells[0].text == "内閣官房健康・医療戦略室"
    assert row.cells[1].text.startswith("協力覚書を踏まえた日本の技術・医療機器の展開支援各国との")


def test_an_office_column_is_measured_by_the_pieces_an_office_may_print():
    # Columns set close, the 「担当」 office run into the plans (「…海外ネットワー厚労省医療機器審査」; d3000 3015): on
    # the lines that print four pieces, a wide one in the office's place is another column's line (the office's
    # cell blank there, or a plans' line glued to it), and the column measured 36 cells, which no office name
    # does: the text was refused. Measured by the pieces an office's line may be, it is 9 cells wide, and every
    # row's office reads as one of the table's names, whole.
    table = snippet_table("office-run-into-plans.txt")
    offices = [r.cells[3].text for r in table.rows if len(r.cells) == 4]
    assert len(offices) >= 25
    assert set(offices) == {"厚労省医療機器審査管理課", "経産省ヘルスケア産業課医療・福祉機器産業室",
                            "文科省研究振興局ライフサイエンス課", "内閣府健康・医療戦略推進事務局"}


def test_a_space_after_a_latin_word_inside_a_cell_keeps_the_word_ending_there():
    # 「…連携することでARO に ・医療技術実用化総合促進事業…」: the latin letters print wider than the text measures
    # them, and a space follows them inside the description; its 「に」 was read as the results' first word.
    row = next(r for r in _rows("space-after-latin.txt") if r.cells[0].text.startswith("臨床研究中核病院においては"))
    assert row.cells[0].text.startswith("臨床研究中核病院においては、研究開発拠点と連携することでARO に必要な人材")
    assert row.cells[1].text.startswith("・医療技術実用化総合促進事業")


def test_a_cell_that_stops_at_a_pages_foot_goes_on_after_the_break_not_before():
    # The plans end 「…検討を行う。」 two lines above the page's foot, the results go on with their bullets; the
    # last line's 「・経済性加算の新設」 was read as a plan (a cell may stop early at a page's foot, but it
    # goes on after the break, not on the same page), unwarned.
    row = next(r for r in _rows("cell-stops-at-page-foot.txt") if r.cells[0].text.startswith("イノベーションへの適切な評価"))
    assert row.cells[2].text == "・関係団体等の意見も伺いながら、令和８年度診療報酬改定に向けて検討を行う。"
    assert "・経済性加算の新設" in row.cells[1].text


def test_a_cell_waits_at_most_a_line_at_a_pages_foot_where_another_could_take_the_piece():
    # (seed 3030, plans before results, 7 pt landscape) the plans' one bullet 「…検討を行う。」 ends their cell; the
    # results' 「…制度改革において、」 then its bullet 「・チャレンジ申請の…」 two lines above the break. Read as the
    # plans' (the plans going on, the results' lead-in waiting two lines for the break) at no more cost, the
    # results lost the bullet and its 「拡大」
    row = next(r for r in _rows("cell-held-two-lines-at-a-page-foot.txt")
               if r.cells[0].text.startswith("イノベーションへの適切な評価"))
    assert row.cells[1].text == "・関係団体等の意見も伺いながら、令和８年度診療報酬改定に向けて検討を行う。"
    assert row.cells[2].text.startswith("令和６年度保険医療材料制度改革において、・チャレンジ申請の申請期限の延長や要件の"
                                        "明確化、体外診断用医薬品への対象の拡大・経済性加算の新設")


def test_a_line_stopping_short_before_an_opening_bracket_goes_on_below():
    # 「…を公開した。また、今年度新たに」 stops a character short (「「」 may not end a line), its sentence going on
    # with 「「SaMDの品質管理システム（SaMD-QMS）…」; that line was read into the description after its tag.
    row = next(r for r in _rows("line-short-before-a-bracket.txt") if any("SaMD-QMS" in c.text for c in r.cells))
    assert row.cells[0].text.endswith("必要に応じた手引きの作成に引き続き取り組む。［◎経］")
    assert "また、今年度新たに「SaMDの品質管理システム（SaMD-QMS）確立に必要なソフトウェア" in row.cells[1].text


def test_a_lone_particle_between_spaces_stays_with_the_word_before():
    # 「…ルールインテリジェンス機能 を 器の品質及び…」: the description's line is set justified, its last character
    # spaced out; 「を」 was read as the results' (「…利用機を器の…」), the line reported as read two ways.
    row = next(r for r in _rows("lone-particle-between-spaces.txt") if r.cells[0].text.startswith("医療機器の研究開発に関する"))
    assert row.cells[0].text.endswith("策定プロセスを明確化するルールインテリジェンス機能 を構築する。［厚、◎経］")
    assert "「脱細胞化組織利用機器の品質及び安全性" in row.cells[1].text


def test_an_office_label_run_into_a_hidden_label_still_names_the_office_column():
    # The header prints 「…令和８年度の取組予定 列3担当 列4」: the 「担当」 label run into a hidden 「列3」; the header
    # row handed on says 「担当」 alone, so that the grammar gives every row its office (none had one).
    ed = parse_report((ROWS / "office-label-glued-to-hidden-label.txt").read_bytes())
    assert ed.measures[0].office == "厚労省医療機器審査管理課"
    assert all(m.office for m in ed.measures)


def test_a_headings_last_words_wrapped_onto_a_line_of_their_own_are_the_headings():
    # 「（１）「医療機器の研究開発の中心地としての我が国の地位の確立」」 / 「に向けて」 and 「【国際展開に積極的に取り
    # 組む日本企業の増加】」 / 「（再掲）」: a narrow table wraps a heading's last words; they were read as a row's text
    # (the vision cut short, the goal not reposted).
    rows = _rows("vision-words-wrapped.txt")
    assert rows[1].cells[0].text == "（１）「医療機器の研究開発の中心地としての我が国の地位の確立」に向けて"
    goal = next(r for r in _rows("reposted-mark-wrapped.txt") if r.cells[0].text.startswith("【国際展開に積極的に"))
    assert goal.cells[0].text == "【国際展開に積極的に取り組む日本企業の増加】（再掲）"


def test_columns_parted_between_latin_words_are_named_in_a_warning():
    # 「機器」、「家庭用プログラム医療機器」、「Brain Computer Interface利用機器」に係る…」 (source line 355 of a real
    # pdfplumber text): the results end 「「Brain Computer」 and the plans go on 「Interface利用機器」…」. A space between
    # latin words is as often inside one cell, and the text does not tell latin glyphs' printed widths: a latin
    # word read into the wrong column was a silent difference. The line is named (it was read, unwarned).
    table = snippet_table("latin-words-parted-by-columns.txt")
    row = next(r for r in table.rows if r.cells[0].text.startswith("医療機器の研究開発に関するガイドライン"))
    assert "「家庭用プログラム医療機器」、「Brain Computer Interface利用機器」に係る" in row.cells[1].text
    assert "引き続き「Brain Computer Interface利用機器」に係る" in row.cells[2].text
    parted = [w for w in table.warnings if w.code == "layout-latin-parted"]
    assert [w.line for w in parted] == [28]


def test_a_glued_rest_a_cell_wider_than_its_column_gives_its_first_character_back():
    # 「・医療技術…において、すべての臨床研究中・引き続き、各臨床研究中核病院のベンチャー支援部門にお」 (source line
    # 136): the results' full line is 「…臨床研究中」 (a hanging bullet's line, a cell over the results' 40), the
    # plans' 「・引き続き、…にお」. Cut where the results' lines fill, the plans' line began 「中・引き続き」, a cell
    # wider than a bullet's line of the plans prints: the 「中」 went to the plans.
    table = snippet_table("glued-rest-a-cell-too-wide.txt")
    row = next(r for r in table.rows if r.cells[0].text.startswith("臨床研究中核病院においては"))
    assert "において、すべての臨床研究中核病院のベンチャー支援部門を通じ、" in row.cells[1].text
    assert row.cells[2].text.startswith("・引き続き、各臨床研究中核病院のベンチャー支援部門において")


def test_a_glued_line_is_not_cut_at_a_middle_dot_between_words_past_the_fill():
    # 「受けることを求めるなど、倫理指針の周知を通じ、倫理審査委員育・研修を受けることを…」 (source line 262):
    # the results' full line is 「…倫理審査委員」 (29 cells, as the results' lines fill) and the plans' 「育・研修を
    # …」 (29 too); the 「・」 a cell past the fill is one between words (「教育・研修」), yet it was cut there
    # (「…委員育」 and 「・研修…」), the plans' 「教育」 losing its 「育」.
    table = snippet_table("glued-bullet-between-words.txt")
    row = next(r for r in table.rows if len(r.cells) == 4 and r.cells[1].text.startswith("倫理審査委員会の審査の均てん化"))
    assert "倫理指針の周知を通じ、倫理審査委員会における審査の質の均てん化に取り組んだ。" in row.cells[2].text
    assert "適宜継続して教育・研修を受けることを求める" in row.cells[3].text


def test_a_title_after_a_descriptions_tag_starts_the_next_row():
    # 「国際展開支援における各省庁の連携強化」, its tag wrapped (「◎内官、文、厚、経］」, its 「［」 lost), then the
    # next row's title 「個別企業に対する国際展開の支援機能の強化」 beside the results' bullet: what goes on after a
    # tag is the description's items (①…), not a title; the two rows were read as one.
    rows = [r for r in _rows("title-after-a-tag.txt") if len(r.cells) >= 3]
    first = next(r for r in rows if r.cells[0].text.startswith("国際展開支援における各省庁の連携強化"))
    assert first.cells[0].text.endswith("◎内官、文、厚、経］")
    second = next(r for r in rows if r.cells[0].text.startswith("個別企業に対する国際展開の支援機能の強化"))
    assert second.cells[1].text.startswith("・｢優れた医療機器の創出に係る産業振興拠点強化事業｣において")


def test_a_glued_line_is_never_cut_inside_a_ministry_tag():
    # 「…強固に行う仕組みの構築に引き続き取り組む。［◎厚、◎経］ルスケアベンチャー・サミット2025」を開催し、…」
    # (source line 86): the description ends at its tag, the results' 「ルスケア…」 glued to it. Cut where the
    # description's lines fill, 「経］」 went to the results (「…「ジャパン・ヘ経］ルスケア…」), the tag losing 経.
    row = next(r for r in _rows("glued-tag-end.txt") if "強固に行う仕組みの構築" in r.cells[0].text)
    assert row.cells[0].text.endswith("強固に行う仕組みの構築に引き続き取り組む。［◎厚、◎経］")
    assert "「ジャパン・ヘルスケアベンチャー・サミット2025」を開催し" in row.cells[1].text


def test_a_glued_full_line_may_end_in_a_closing_mark_past_the_fill():
    # 「の育成にあたる取り組みとして「チャレンジタイプ」により医工連携、…」 (source line 46, Chromium): the results'
    # full line ends 「…タイプ」」, its 」 set half a cell wide at the edge (24 cells where the column's lines fill
    # 23). Cut where the line fits, never before a 」, 「プ」」 went to the plans (「…実践教育プ」により医工連携」).
    row = next(r for r in _rows("glued-closing-bracket-at-the-edge.txt") if len(r.cells) > 2 and "「チャレンジタイ" in r.cells[1].text)
    assert "取り組みとして「チャレンジタイプ」枠を、実用化・他事業への導出" in row.cells[1].text
    assert "ハンズオン型の実践教育により医工連携、医療機器開発プロセスを体得する" in row.cells[2].text


def test_a_line_stopping_short_of_a_number_goes_on_with_it_below():
    # The results' 「…インターフェースに関する開発ガイダンス」 stops short: 「2025」」 does not fit and a number is
    # never broken, so the next line 「2025」及び「カスタムメイド…」 goes on the sentence (source lines 115-116).
    # Read as no bullet after a paragraph's end, the description's last character was cut off to start it
    # (「…手引きの作成及」 and 「び 2025」及び…」), unwarned.
    row = next(r for r in _rows("short-before-a-number.txt") if len(r.cells) == 4 and "手引きの作成" in r.cells[1].text)
    assert row.cells[1].text.endswith("必要に応じた手引きの作成及び周知に引き続き取り組む。［◎経］")
    assert "に関する開発ガイダンス2025」及び「カスタムメイド骨接合材料に関する開発ガイダンス2025」を公開した。" \
        in row.cells[2].text


def test_a_line_whose_last_character_kinsoku_carried_down_goes_on_below():
    # 「発・事業化事業、ベンチャー育成事」 stops a character short: 「業」 may not end the line before 「）」」 (kinsoku),
    # so it is carried down, 「業）」（令和6年度予算：19億円）を通」 going on the sentence (source lines 160-161).
    # Read as no bullet after a paragraph's end, the row was cut in two there (a row without a title or tag).
    rows = [r for r in _rows("kinsoku-carried-down.txt") if len(r.cells) == 3]
    row = next(r for r in rows if r.cells[0].text.startswith("医療機器の研究開発の伴走支援"))
    assert "（開発・事業化事業、ベンチャー育成事業）」（令和6年度予算：19億円）を通じて" in row.cells[1].text
    assert not any(r.cells[1].text.startswith("業）」") for r in rows)


def test_a_glued_line_may_start_with_many_latin_words_before_its_space():
    # 「…エコシステ ・「MedTech ROUND ～MedTech Startups acceleration program～」（令和６年度・「MEDIC」（医工連携…」
    # (d3040 3057): the results' full line starts with five latin words parted by spaces, the plans' bullet glued
    # on; measured from the last two words only, the cut fell 8 characters into the plans and the line fit no
    # column: a row of its own (「ムの形成に…」), the description cut in two.
    row = next(r for r in _rows("glued-after-many-latin-words.txt") if r.cells[0].text.startswith("医療機器ベンチャーの創出"))
    assert row.cells[0].text.endswith("エコシステムの形成に向けた取組について検討する。［◎経］")
    assert "・「MedTech ROUND ～MedTech Startups acceleration program～」（令和６年度商取引" in row.cells[1].text
    assert "・「MEDIC」（医工連携イノベーション推進事業の後継事業となる医工連携グローバル展開事業" in row.cells[2].text


def test_a_bullet_glued_after_narrow_latin_letters_starts_the_next_column():
    # 「医療機器」、「Brain Computer Interface利⽤機器」に係る…評価指標案の策定に向‧＜次世代医療機器…（国」 (d3040 3075):
    # the results' line holds 22 latin letters printed narrower than estimated, so the plans' bullet 「‧＜…」
    # lay 3 cells past the results' full width and no cut was tried there: the line opened a row of its own.
    row = next(r for r in _rows("glued-bullet-after-narrow-latin.txt") if r.cells[0].text.startswith("医療機器の研究開発に関するガイドライン・ルールの整備上市"))
    assert "「Brain Computer Interface利用機器」に係る次世代医療機器評価指標案の策定に向けた議論を行った。" in row.cells[1].text
    assert "・＜次世代医療機器・再生医療等製品評価指標作成事業＞（国衛研）" in row.cells[2].text


def test_an_office_label_printed_over_a_hidden_label_still_names_the_office_column():
    # 「列担1当 列2 列3 該当箇所 …」 (d3040 3067; d3000 3001 prints 「担列当1 列2 列3該当箇所」): the 「担当」 label and the
    # hidden 「列1」 share the header's first cell, and pdfplumber orders their characters by where each starts, so
    # they interleave and no 「担当」 was read. The office column went unseen: its lines were read into the
    # descriptions (「厚労省医療 医療機器の…」) and the text refused. Only hidden labels' characters part 「担」 and
    # 「当」, so the label is told again and the office read first in every row.
    measures = _read("office-label-tangled-with-hidden-labels.txt").measures
    assert [m.office for m in measures[:4]] == ["厚労省医療機器審査管理課", "文科省研究振興局ライフサイエンス課",
                                                "厚労省医療機器審査管理課", "経産省ヘルスケア産業課医療・福祉機器産業室"]
    assert measures[0].title == "医療機器の研究開発に積極的に携わる医師をはじめとする医療従事者の育成"


def test_a_tangled_office_label_is_given_back_whole_and_other_headers_are_kept():
    assert untangle_office_label("担列当1 列2 列3該当箇所 令和７年度の実績・状況") == "担当 列1 列2 列3 該当箇所 令和７年度の実績・状況"
    assert untangle_office_label("列担1 当列2 列3 該当箇所 令和６年度の実績・状況") == "担当 列1 列2 列3 該当箇所 令和６年度の実績・状況"
    for kept in ("該当箇所 令和６年度の実績・状況 令和７年度の取組予定 担当", "列1 列2 列3 該当箇所 令和６年度の実績・状況"):
        assert untangle_office_label(kept) == kept


def test_an_office_line_printed_apart_elsewhere_is_read_as_the_office_not_the_description():
    # 「査管理課 医療機器の実用化を進めるため、保険医 ・プログラム医療機器(SaMD)の評価の在り方の」 (d3000 3012, source
    # line 667; office first, 4 cells): the description's line before, 「我が国におけるSaMDを含めた革新的な」, prints
    # fuller than the text measures it (latin letters), so it looked like a paragraph's end, and the office's last
    # line was read as the description's (「…革新的な査管理課療材料…」), each piece after it one column right. 「査管理課」
    # is printed apart in the office's place on other lines: read in another column, it costs.
    row = next(r for r in _rows("office-line-beside-a-short-description-line.txt")
               if len(r.cells) == 4 and r.cells[1].text.startswith("イノベーションへの適切な評価"))
    assert row.cells[0].text == "厚労省医療機器審査管理課"
    assert "革新的な医療機器の実用化を進めるため、保険医療材料制度等" in row.cells[1].text
    assert row.cells[2].text.endswith("・迅速な保険導入に係る評価の見直し等を実施したところ。")
    assert row.cells[3].text == "・関係団体等の意見も伺いながら、令和10年度診療報酬改定に向けて検討を行う。"
