"""A text line cut short mid-word, its rest read into another column (versions/readers/line_cuts.py).

The lines are a generated layout's pdfplumber text (d4500 4519: reportlab, wide descriptions, 担当 first)
as the interleaved reader placed them: pdfplumber printed a space inside the description's line
「…３大バイオバンク 等に蓄積された…取り組」, the reader gave 「等に…取り組」 to the results, and the row
differed with no warning."""

from __future__ import annotations

from policydiff.versions.readers.line_cuts import cut_lines
from policydiff.versions.readers.table import Cell, Line, Row, Table


def _table(description: list[tuple[str, float]]) -> Table:
    lines = [Line(169 + k, 4, text, text, slack=slack) for k, (text, slack) in enumerate(description)]
    return Table([Row([Cell([Line(169, 4, "厚労省医療機器審査管理課")]), Cell(lines), Cell(), Cell()])], "interleaved")


def test_a_description_line_cut_mid_word_is_named_at_its_line():
    cut = _table([("医療機器の研究開発等の目的に合致したデータバンクの構築支援", 17.6),
                  ("企業による医療機器の研究開発やアカデミアでの研究等への幅広な活用をあらかじめ念頭においた医療情報の", -2.4),
                  ("収集・解析をする体制（必要なデータの種類・量・質を総合的に判断できる人材の配置も含む。）やシステム", -2.4),
                  ("の構築、データの品質管理及び３大バイオバンク", 24.6),
                  ("む。［内、文、◎厚、◎経］", 33.6)])
    (w,) = cut_lines(cut)
    assert (w.code, w.page, w.line) == ("layout-cut-line", 0, 172) and "３大バイオバンク" in w.message


def test_a_line_cut_a_few_cells_short_is_named_too():
    """The same cell in the lead's fresh set (d4700 4710: reportlab, 7 pt, wide descriptions): the space fell
    5 cells before the column's edge, so the line stopped 4.5 cells short, within the 6 cells once allowed
    for kinsoku and latin words, and the row differed with no warning. Kinsoku moves one character, a
    latin word goes on with a latin letter, and a plain kana does not open a paragraph: 4.5 cells short
    before 「れた…」 is a cut."""
    cut = _table([("医療機器の研究開発等の目的に合致したデータバンクの", -0.5), ("構築支援", 20.5),
                  ("企業による医療機器の研究開発やアカデミアでの研究等", -0.5),
                  ("合的に判断できる人材の配置も含む。）やシステムの構", -0.5),
                  ("築、データの品質管理及び３大バイオバンク", 4.5),
                  ("れたデータの活用に向けた支援に引き続き取り組む。［", -0.5)])
    (w,) = cut_lines(cut)
    assert w.line == 173 and "３大バイオバンク" in w.message


def test_a_paragraph_ending_short_is_no_cut():
    # the same cell read right: its full line, then the tag's line; and an item's two-line heading before the
    # item's text (dev 3060), a title's second line before the description (「…の育成」 / 「医療機器の…」)
    whole = _table([("医療機器の研究開発等の目的に合致したデータバンクの構築支援", 17.6),
                    ("収集・解析をする体制（必要なデータの種類・量・質を総合的に判断できる人材の配置も含む。）やシステム", -2.4),
                    ("の構築、データの品質管理及び３大バイオバンク等に蓄積されたデータの活用に向けた支援に引き続き取り組", -2.0),
                    ("む。［内、文、◎厚、◎経］", 33.6)])
    items = _table([("重点分野の研究開発の促進", 20.0), ("具体的には以下の分野の研究開発を推進する。", 10.0),
                    ("①日常生活における健康無関心層の疾病予防、重", 0.0), ("症化予防に資する医療機器", 7.8),
                    ("日常生活において、自然に健康になれる環境を整備する。", 5.0)])
    title = _table([("医療機器の研究開発に積極的に携わる医師をはじめとする医療従事", 0.0), ("者の育成", 20.0),
                    ("医療機器の研究開発に当たっては、", 30.0)])
    # a line two cells short before a kana: proportional punctuation (「、」) measured wide (d3040 3065, read right)
    wide = _table([("重点分野の研究開発の促進", 20.0), ("企業による医療機器の研究開発やアカデミアでの研究等", -0.5),
                   ("健康寿命を７５歳以上にすることを目指し、高齢者等に対し", 2.4), ("て、必要な支援を行う。", 14.0)])
    assert cut_lines(whole) == cut_lines(items) == cut_lines(title) == cut_lines(wide) == []


def test_a_line_opening_with_a_words_end_after_a_sentences_end_is_named():
    """Layout 4400's pdfplumber text (reportlab, 担当 first): 「及び３大バイオバンク 等に蓄積されたデータの活」, the
    rest given to the results after their 「…予算措置を行っている。」; the next description line opens with a
    kanji (「用に向けた…」), so no kana told the cut, and the row differed with no warning. No sentence opens
    with 「等に」; a sentence after a sentence, or a bullet, is no splice."""
    results = [Line(435 + k, 9, text, text) for k, text in enumerate(
        ["・NCBNでは各NCバイオバンクでの", "理事業費に予算措置を行っている。", "等に蓄積されたデータの活"])]
    table = Table([Row([Cell([Line(435, 9, "厚労省医療機器審査管理課")]), Cell(), Cell(results), Cell()])], "interleaved")
    (w,) = cut_lines(table)
    assert w.line == 437 and "等に蓄積" in w.message
    for text in ("また、検討を進めた。", "・等級の見直しを行った。", "的確な支援を行った。"):
        results[2] = Line(437, 9, text, text)
        assert cut_lines(table) == [], text


def test_a_line_cut_before_the_cells_last_line_and_its_tag_is_named():
    """Seen 3853 (pdfplumber; reportlab, padding 0.5, wide descriptions): the space fell after 「３大バイオバンク」
    and the line's rest 「等に…支援に引き続き」 went to the results, so the line stopped 16 cells short. Its next
    line opens with a kanji (「取り組む。」), not a kana, but it is the cell's last line and ends with the
    ministry tag: a description runs on to its tag, no paragraph ends short right before it."""
    cut = _table([("医療機器の研究開発等の目的に合致したデータバンクの構築支援", 12.0),
                  ("企業による医療機器の研究開発やアカデミアでの研究等への幅広な活用をあらか", -0.5),
                  ("質を総合的に判断できる人材の配置も含む。）やシステムの構築、データの品質", -0.5),
                  ("管理及び３大バイオバンク", 16.0),
                  ("取り組む。［内、文、◎厚、◎経］", 20.0)])
    (w,) = cut_lines(cut)
    assert w.line == 172 and "３大バイオバンク" in w.message


def test_a_line_cut_three_and_a_half_cells_short_is_named():
    """pdfplumber's text of 3900 (seen set h3900): 「…ルールインテリジェンス機能 を構築す た。」, the reader gave
    「を構築す」 to the results (「…努めを構築すた。」) and the description read 「…機能る。」, 3.5 cells short: four
    characters cut, none moved by kinsoku; the row differed with no warning."""
    cut = _table([("医療機器の研究開発に関するガイドライン・ルールの整", -0.5), ("備", 23.5),
                  ("技術、規制、標準等の動向を体系的に反映し、策定プロ", -0.5),
                  ("セスを明確化するルールインテリジェンス機能", 3.5), ("る。［厚、◎経］", 16.5)])
    (w,) = cut_lines(cut)
    assert w.line == 172 and "インテリジェンス機能" in w.message


def _pages(lines: list[tuple[str, float, int]]) -> Table:
    cell = [Line(600 + k, page, text, text, slack=slack) for k, (text, slack, page) in enumerate(lines)]
    return Table([Row([Cell(cell), Cell(), Cell()])], "interleaved")


def test_a_full_line_at_a_pages_foot_before_an_item_is_named():
    """pdfplumber's text of 4813 (seen set h4800): the description's last line on page 20 「…自律化を実」 fills
    its column; the next page's first line 「現する医療機器」 was printed alone and read into the results
    (「…課題を採択現する医療機器」), and the description went on with item ④; no warning named the row. The
    items' explanations that end 「…医療機器」 filling their line (3053, 4304, 4637, read right) are no cut."""
    cut = _pages([("ぎ、早期の発見や治療につなげる医療機器", 5.0, 20), ("②\t予後改善につながる診断の一層の早期化", -0.3, 20),
                  ("に資する医療機器", 20.0, 20), ("選択の補助や、検査・診断・治療フローの確立され", -0.3, 20),
                  ("た分野における一連のフローの自動化・自律化を実", -0.3, 20),
                  ("④\t高齢者等の身体機能の補完・向上に関する医療", 0.2, 21)])
    (w,) = cut_lines(cut)
    assert w.line == 604 and "自律化を実" in w.message
    whole = _pages([("選択の補助や、検査・診断・治療フローの確立された分", -0.3, 20),
                    ("野における一連の自動化・自律化を実現する医療機器", -0.3, 20), ("③\t臨床的なアウトカム", 0.2, 20),
                    ("により重症化を予防する医療機器", -0.3, 20), ("④\t高齢者等の身体機能", 0.2, 21)])
    assert cut_lines(whole) == []


def test_a_bullet_read_inside_a_sentence_at_a_pages_foot_is_named():
    """pdfplumber's text of 5146 (seen set h5100): the results' line 「・医療機器等研究成果展開事業において４件の課
    題を採択」 was printed alone at page 10's foot and read into the description, between 「…定量的なエビデンス」
    and the next page's 「で有効性が確認されることが望ましい。」; no warning named the row. A bullet at a page's
    foot whose own words go on after the break, after a line ending its paragraph, is no cut."""
    cut = _pages([("ついては特に注力する。なお、いずれの分野の医療機器", -0.5, 10),
                  ("についても開発された結果として、定量的なエビデンス", -0.5, 10),
                  ("・医療機器等研究成果展開事業において４件の課題を採択", -1.5, 10),
                  ("で有効性が確認されることが望ましい。［◎内、文、", 0.5, 11), ("厚、経］", 20.5, 11)])
    (w,) = cut_lines(cut)
    assert w.line == 602 and "inside a sentence" in w.message
    bullet = _pages([("喫緊の課題に対応するものであることから、当該分野に", -0.5, 10),
                     ("ついては特に注力する。［◎内、文、厚、経］", 14.5, 10),
                     ("・「MEDIC」（医工連携グローバル展開事業）を通じ", -0.5, 10),
                     ("て、伴走コンサル等による支援を実施した。", 8.5, 11)])
    assert cut_lines(bullet) == []


def _two(description: list[tuple[int, int, str, float]], results: list[tuple[int, int, str]]) -> Table:
    return Table([Row([Cell([Line(no, page, text, text, slack=slack) for no, page, text, slack in description]),
                       Cell([Line(no, page, text, text) for no, page, text in results]), Cell()])], "interleaved")


def test_a_line_alone_at_a_pages_foot_under_a_column_stopping_mid_sentence_is_named():
    """pdfplumber's text of 3986 (h3900): the description's item 「②\t予後改善につながる…に資する医療」 fills its
    line at page 4's foot and its last word 「機器」 was printed alone on the next text line; it was read after the
    results' 「・医工連携イノベーション推進事業において３件の課題を採択」 (both columns full there). A page cuts every
    column at one height, and 「医療機器」 is all through the text where 「採択機器」 is nowhere. The results' own last line at a
    page's foot, under a description that ends its sentence, is no cut; nor is the plans' 「築を進める。」 of 3939
    (read right) under a description a browser stopped a line early (「関係構築」 goes on, 「推進する築」 does not)."""
    cut = _two([(340, 4, "率の向上等により重症化を予防する医療機器", 5.4), (341, 4, "②\t予後改善につながる診断の一層の早期化に資する医療", -0.1),
                (346, 5, "健診受診者やそのうちの要精密検査対象者等に対し、適切", -0.6)],
               [(340, 4, "・医療機器等研究成果展開事業において３件の課題を採択"), (341, 4, "・医工連携イノベーション推進事業において３件の課題を採択"),
                (342, 4, "機器"), (346, 5, "・医療機器等における先進的研究開発・開発体制強靭化事業にお")])
    (w,) = cut_lines(cut)
    assert w.line == 342 and "printed alone" in w.message
    ended = _two([(340, 4, "率の向上等により重症化を予防する医療機器", 5.4), (341, 4, "健診受診者やそのうちの要精密検査対象者等。", 1.0),
                  (346, 5, "健診受診者やそのうちの要精密検査対象者等に対し、適切", -0.6)],
                 [(340, 4, "・医療機器等研究成果展開事業において３件の課題を採択"), (341, 4, "・医工連携イノベーション推進事業において３件"),
                  (342, 4, "の課題を採択"), (346, 5, "・医療機器等における先進的研究開発・開発体制強靭化事業にお")])
    assert cut_lines(ended) == []
    widow = _two([(389, 11, "療従事者と我が国の企業や医療機関との関係構築を後押しするような仕組", -0.5),
                   (390, 11, "みが必要である。国内の医療従事者、医療機関、関係学会と企業がより緊", -0.5),
                   (391, 11, "密に連携し、現地の医療人材の育成や医療技術の普及を一体的に推進する", -0.5),
                   (396, 12, "ことが必要である。［◎厚、経］", 18.0)],
                  [(390, 11, "ナム（MEV）における個別プロジェクト支"), (391, 11, "援を実施し、現地医療関係者等との関係構"),
                   (392, 11, "築を進める。")])
    assert cut_lines(widow) == []


def test_a_lone_line_under_a_results_line_without_slack_is_named_by_the_words_across_line_breaks():
    """pdfplumber's text of 7435 (h7400, held out, looked into after its scoring: Chromium, 9 pt, landscape): the
    results' 「…また、ジュ」 fills its line at page 9's foot, the interleaved reader gives results lines no slack, and
    their rest 「ネーヴで開催された、…」, printed alone, was read after the description's 「…国際公共調達」, unnamed.
    「ジュネー」 is in the text only across a line break (「…同時に在ジュ」 「ネーブ国際機関…」), so the text's words are
    counted with each cell's lines joined. Read right, the lone line after 「ジュ」 is no cut."""
    desc = [(400, 9, "的にこれを活用しており、新興国・途上国を含めて国際", -2.5), (401, 9, "展開を推し進めるために、日本においても国際公共調達", -2.5)]
    res = [(400, 9, "た業界各社へのメールマガジンによる情報提供や、国際公共調達"), (401, 9, "に意欲のある日本企業に対する伴走支援等を実施。また、ジュ")]
    lone, rest = (402, 9, "ネーヴで開催された、世界最大級の人道支援イベントである"), [
        (406, 10, "AidEx展示会に公募で選定した日本企業４社とともに参加し、グ"), (407, 10, "ローバルヘルスに貢献する製品等の展示を行った。同時に在ジュ"),
        (408, 10, "ネーブ国際機関日本政府代表部と共催で、国際機関や各国政府の")]
    (w,) = cut_lines(_two([*desc, (*lone, -2.5), (406, 10, "への日本企業の医療機器の参入を政府として後押しす", -2.5)], [*res, *rest]))
    assert w.line == 402 and "printed alone" in w.message
    assert cut_lines(_two([*desc, (406, 10, "への日本企業の医療機器の参入を政府として後押しす", -2.5)], [*res, lone, *rest])) == []


def test_digits_glued_to_a_latin_word_after_a_latin_line_end_are_named():
    """pdfplumber's text of 7102 (the lead's set d7100: Chromium, ipaex 6 pt, padding 0.5): it printed a space
    inside the results' line 「…医薬機審発 1129」 and none between its 「1129」 and the plans' 「Computer Interface…」,
    so the reader gave 「1129」 to the plans, after their 「…引き続き「Brain」, and the row differed with no
    warning. The report's own digits glued to latin (「6NC各バイオバンク」, 「版3R事業」) follow a kana or a kanji."""
    plans = [Line(286, 7, "衛研）令和７年度の国衛研委託事業で、引き続き「Brain", "", slack=1.0),
             Line(287, 7, "1129Computer Interface利用機器」に係る次世代医療機器評価指標", "", slack=-2.0)]
    (w,) = cut_lines(Table([Row([Cell(), Cell(), Cell(plans)])], "interleaved"))
    assert (w.code, w.line) == ("layout-cut-line", 287) and "1129Computer" in w.message
    own = [Line(40, 2, "・NCBNでは、バイオバンク事務局として", "", slack=8.0), Line(41, 2, "6NC各バイオバンクの試料を", "", slack=9.0),
           Line(42, 2, "・「医療機器版", "", slack=20.0), Line(43, 2, "3R事業」を実施", "", slack=20.0)]
    assert cut_lines(Table([Row([Cell(), Cell(own), Cell()])], "interleaved")) == []
