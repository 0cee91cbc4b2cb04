"""A results or plans paragraph told by its words, on lines cut from real pypdfium2 extractions of the dev
set's layouts (tests/layoutgen): where results and plans are as wide, only what a bullet says tells them apart."""

from __future__ import annotations

from test_dense12_page_cuts import cells

from policydiff.versions.readers.dense_pieces import make_piece
from policydiff.versions.readers.geometry import Geometry
from policydiff.versions.readers.text_dense import read_at_widths
from policydiff.versions.readers.text_layouts import prepare

# L3016 (reportlab, 7 pt portrait; columns 21, 25 and 25 cells): the row 「革新的な医療機器の要素技術の研究開発の
# 促進」, cut by a page break (「- 5 -」); its plans end 「・「SaMD産学官連携フォーラム」を継続的に開催し、…」 / 「点の
# 整理に引き続き取り組む」, a plan's verb and no 。.
PLAN_WITH_NO_STOP = (
    "該当箇所 列1 列2 列3 令和６年度の実績・状況 令和７年度の取組予定\n"
    "革新的な医療機器の要素技術の研究開発の促進\n"
    "新しい予防、計測、診断、治療を可能とする革新\n"
    "的な医療機器・システムの研究開発を促進するた\n"
    "め、アカデミア等から幅広く要素技術等のシーズ\n"
    "発掘を進め、臨床応用に向けた原理検証やプロト\n"
    "タイプを作製すること等、実用化に向けた研究開\n"
    "発を引き続き支援していくべきである。その際に\n"
    "は、異分野からの新規参入の重要性も踏まえ一定\n"
    "の間口を確保するとともに、薬事承認や製造・販\n"
    "売までを見据え、研究開発の初期段階から、事業\n"
    "戦略、知的財産戦略、規制対応、製造・販売戦略\n"
    "・「医療機器等研究成果展開事業」（令和６年度予算：10.\n"
    "9億円）において、実用化支援や企業マッチングを実施す\n"
    "るとともに、産学連携を通じて、研究者が持つ独創的な\n"
    "技術シーズを革新的な医療機器・システムに繋げる成果\n"
    "を創出し、研究開発を推進した。\n"
    "・スタートアップ企業等の中小企業が行う、医療機関への\n"
    "SaMD導入によるワークフロー改善、収益性向上等の経済\n"
    "的有用性を示すための臨床試験に対する資金的支援とし\n"
    "て、令和6年度補正予算「デジタルヘルスケア開発・導入\n"
    "加速化事業」（9.2億円）を措置。\n"
    "・SaMDに関する萌芽的シーズの把握や、開発における考え\n"
    "引き続き、「医療機器等研究成果展開事業」」（令和７年\n"
    "度予算（案）：11.2憶円）において、実用化支援や企業\n"
    "マッチングを実施するとともに、さらに国際展開の可能\n"
    "性、調査・助言機能を整備して、産学連携を通じて、研究\n"
    "者が持つ独創的な技術シーズを革新的な医療機器・システ\n"
    "ムに繋げる成果を創出し、研究開発を推進する。\n"
    "・令和6年度補正予算「デジタルヘルスケア開発・導入加速\n"
    "化事業」（9.2億円）を通じて、スタートアップ企業等の\n"
    "中小企業が行う、医療機関へのSaMD導入によるワークフ\n"
    "ロー改善、収益性向上等の経済的有用性を示すための臨\n"
    "床試験に対する資金的支援を実施。\n"
    "- 5 -\n"
    "等に関する支援の提供やマッチング等、企業とア\n"
    "カデミアの連携の促進に取り組む。また、海外市\n"
    "場の重要性を踏まえ、シーズに応じた国際展開の\n"
    "可能性の調査・助言機能を整備する。SaMDについ\n"
    "ては、上市後の汎用機器のOSのアップデートに伴\n"
    "うメンテナンス等の特有のコスト構造等の違いを\n"
    "整理した上で、産業界と行政の連携のもとSaMDの\n"
    "研究開発の促進に向けた論点の整理に引き続き取\n"
    "り組む。［◎文、◎厚、◎経］\n"
    "方の整理に関する課題について、産学開発者と規制当局\n"
    "関係者とがその解決に向けた情報共有や忌憚のない意見\n"
    "交換を行うことを目的として「第4回SaMD産学官連携\n"
    "フォーラム」を開催（令和6年9月3日）。\n"
    "・「SaMD産学官連携フォーラム」を継続的に開催し、産業\n"
    "界と行政の連携のもとSaMDの研究開発の促進に向けた論\n"
    "点の整理に引き続き取り組む\n"
)

# L3030 (Chromium, 7 pt landscape, plans printed before results, all columns 36 cells): a row cut by a page
# break (the header printed again; the running title above it, which only its repeats tell, left out); after it the plans go on 「・「SaMD産学官連携フォーラム」を…引き続き取り組む」,
# then the results 「・SaMDに関する萌芽的シーズの…」 / 「…「第4回SaMD産学官連携フォーラム」を開」 / 「催（令和6年9月3日）。」.
RESULT_IN_A_NOUN_AND_A_DATE = (
    "該当箇所 令和７年度の取組予定 令和６年度の実績・状況\n"
    "SaMDについては、上市後の汎用機器のOSのアップデートに伴うメンテナンス等の\n"
    "特有のコスト構造等の違いを整理した上で、産業界と行政の連携のもとSaMDの研\n"
    "究開発の促進に向けた論点の整理に引き続き取り組む。［◎厚、◎経］\n"
    "・令和6年度補正予算「デジタルヘルスケア開発・導入加速化事業」（9.2億円）を\n"
    "通じて、スタートアップ企業等の中小企業が行う、医療機関へのSaMD導入によ\n"
    "るワークフロー改善、収益性向上等の経済的有用性を示すための臨床試験に対す\n"
    "る資金的支援を実施。\n"
    "・スタートアップ企業等の中小企業が行う、医療機関へのSaMD導入によるワーク\n"
    "フロー改善、収益性向上等の経済的有用性を示すための臨床試験に対する資金的\n"
    "支援として、令和6年度補正予算「デジタルヘルスケア開発・導入加速化事業」\n"
    "（9.2億円）を措置。\n"
    "該当箇所 令和７年度の取組予定 令和６年度の実績・状況\n"
    "・「SaMD産学官連携フォーラム」を継続的に開催し、産業界と行政の連携のもと\n"
    "SaMDの研究開発の促進に向けた論点の整理に引き続き取り組む\n"
    "・SaMDに関する萌芽的シーズの把握や、開発における考え方の整理に関する課題\n"
    "について、産学開発者と規制当局関係者とがその解決に向けた情報共有や忌憚の\n"
    "ない意見交換を行うことを目的として「第4回SaMD産学官連携フォーラム」を開\n"
    "催（令和6年9月3日）。\n"
)

# L3024 (reportlab, results before plans, both 29 cells): the same row, results first; each column holds two
# bullets, and the plans' first 「・令和6年度補正予算「デジタルヘルスケア…」 restates the results' first.
RESTATED_IN_DOUBT = (
    "該当箇所 令和６年度の実績・状況 令和７年度の取組予定\n"
    "SaMDについては、上市後の汎用機器のOSのアップデー\n"
    "トに伴うメンテナンス等の特有のコスト構造等の違いを\n"
    "整理した上で、産業界と行政の連携のもとSaMDの研究\n"
    "開発の促進に向けた論点の整理に引き続き取り組む。［\n"
    "◎厚、◎経］\n"
    "・スタートアップ企業等の中小企業が行う、医療機関へのSaMD\n"
    "導入によるワークフロー改善、収益性向上等の経済的有用性を示\n"
    "すための臨床試験に対する資金的支援として、令和6年度補正予算\n"
    "「デジタルヘルスケア開発・導入加速化事業」（9.2億円）を措\n"
    "置。\n"
    "・SaMDに関する萌芽的シーズの把握や、開発における考え方の\n"
    "整理に関する課題について、産学開発者と規制当局関係者とがそ\n"
    "の解決に向けた情報共有や忌憚のない意見交換を行うことを目的\n"
    "として「第4回SaMD産学官連携フォーラム」を開催（令和6年9月\n"
    "3日）。\n"
    "・令和6年度補正予算「デジタルヘルスケア開発・導入加速化事\n"
    "業」（9.2億円）を通じて、スタートアップ企業等の中小企業が行\n"
    "う、医療機関へのSaMD導入によるワークフロー改善、収益性向\n"
    "上等の経済的有用性を示すための臨床試験に対する資金的支援を\n"
    "実施。\n"
    "・「SaMD産学官連携フォーラム」を継続的に開催し、産業界と\n"
    "行政の連携のもとSaMDの研究開発の促進に向けた論点の整理に\n"
    "引き続き取り組む\n"
)

# L3064 (reportlab, 7 pt portrait; columns 20, 23, 23 and an office of 6): the results of 「イノベーションへの適切な
# 評価」 list the reform's items, the last 「・プログラム医療機器(SaMD)の評価基準の明確化、…」 / 「…の新設等を実施した
# ところ。」; results and plans are as wide.
PAST_WITH_TOKORO = (
    "該当箇所 令和６年度の実績・状況 令和７年度の取組予定 担当\n"
    "【医療保険制度におけるイノベーションに対する適切な評価の実施】\n"
    "イノベーションへの適切な評価\n"
    "我が国におけるSaMDを含めた革新的な医療\n"
    "機器の実用化を進めるため、保険医療材料制\n"
    "度等におけるイノベーションの適切な評価\n"
    "を、画期性・有用性に対する評価、新規医療\n"
    "材料を用いた技術の評価、機能区分の細分\n"
    "化、合理化及び定義の見直し等により引き続\n"
    "き推進する。［◎厚］\n"
    "令和６年度保険医療材料制度改革において、\n"
    "・チャレンジ申請の申請期限の延長や要件の明確化、\n"
    "体外診断用医薬品への対象の拡大\n"
    "・経済性加算の新設\n"
    "・再製造単回使用医療機器使用加算の新設\n"
    "・希少疾病等の検査に用いる体外診断用医薬品等を評\n"
    "価する仕組みの新設\n"
    "・プログラム医療機器(SaMD)の評価基準の明確化、\n"
    "原価計算方式の見直し、アップデート等により性能\n"
    "が向上した場合の再評価、指導管理料・導入期加算\n"
    "や評価療養・選定療養の新設等を実施したところ。\n"
    "・関係団体等の意見も伺いながら、令和８年度診療報\n"
    "酬改定に向けて検討を行う。\n"
    "厚労省医療機\n"
    "器審査管理課\n"
    "保険導入の手引きの作成 ・令和６年度診療報酬改定を踏まえた｢医療機器・体\n"
    "外診断用医薬品の保険適用に関するガイドブック｣\n"
    "を作成した。\n"
    "・｢医療機器・体外診断用医薬品の保険適用に関する\n"
    "ガイドブック｣を活用し、保険適用に関する事前相\n"
    "談の充実を図っていく。\n"
)

# L3030 (as above): the row 「レギュラトリーサイエンスに基づいた非臨床評価の活用促進」, then an untitled row whose
# description 「また、ベンチャー等の…」 / 「…のマッチングに取り組む。［◎厚、◎経］」 follows the results' last line.
TAG_AFTER_RESULTS = (
    "該当箇所 令和７年度の取組予定 令和６年度の実績・状況\n"
    "レギュラトリーサイエンスに基づいた非臨床評価の活用促進\n"
    "PMDA、国立医薬品食品衛生研究所やその他研究機関の連携のもと、First in\n"
    "Human、治験といった臨床評価への移行前の有効性・安全性の評価への非臨床評価\n"
    "の活用方法を検討し、レギュラトリーサイエンスに基づいた非臨床的な実験系・評\n"
    "価系の開発の支援に取り組む。［◎厚］\n"
    "・委託事業「開発が困難な小児や希少疾病用医療機器の実用化促進事業」におい\n"
    "て、小児疾患や希少疾病用医療機器の更なる早期承認に向けて、非臨床試験等を\n"
    "効率的かつ有効的に利活用するための具体的方法を検討する予定。\n"
    "・令和６年度の国衛研委託事業「開発が困難な小児や希少疾病用医療機器の実用化\n"
    "促進事業」において、小児の血管内治療デバイスに着目し、非臨床試験等を効率\n"
    "的かつ有効的に利活用するための試験デザインや評価方法の検討を進めている。\n"
    "また、ベンチャー等の強固な研究開発基盤を持たない企業における研究開発の促進\n"
    "のきっかけとなることが期待されることから、企業と当該実験系・評価系を開発可\n"
    "能な研究機関とのマッチングに取り組む。［◎厚、◎経］\n"
    "・「MEDIC」や「地域連携拠点」（いずれも医工連携イノベーション推進事業の後継\n"
    "事業となる医工連携グローバル展開事業として令和7年度予算案：14億円の内数）\n"
    "を通じ、企業と研究機関等とのマッチングがより一層進む環境を整備する。\n"
    "・「医療機器開発支援ネットワーク」や「地域連携拠点」（いずれも医工連携イノ\n"
    "ベーション推進事業として令和6年度予算：19億円の内数）を通じ、企業と研究\n"
    "機関等とのマッチングがしやすい環境を整備した。\n"
)


def test_a_paragraph_ending_in_a_plans_verb_and_no_stop_is_a_plan():
    row = cells(PLAN_WITH_NO_STOP, 21, 25, 25)[0]
    assert row["plans"][-3:] == ["・「SaMD産学官連携フォーラム」を継続的に開催し、産業", "界と行政の連携のもとSaMDの研究開発の促進に向けた論",
                                 "点の整理に引き続き取り組む"]
    assert row["results"][-1] == "フォーラム」を開催（令和6年9月3日）。"


def test_a_paragraph_ending_in_a_noun_and_a_bracketed_date_is_a_result():
    row = cells(RESULT_IN_A_NOUN_AND_A_DATE, 36, 36, 36)[0]
    assert row["plans"][-1] == "SaMDの研究開発の促進に向けた論点の整理に引き続き取り組む"
    assert row["results"][-4:] == ["・SaMDに関する萌芽的シーズの把握や、開発における考え方の整理に関する課題",
                                   "について、産学開発者と規制当局関係者とがその解決に向けた情報共有や忌憚の",
                                   "ない意見交換を行うことを目的として「第4回SaMD産学官連携フォーラム」を開",
                                   "催（令和6年9月3日）。"]


def test_a_boundary_the_parallel_bullets_leave_in_doubt_names_its_row():
    # The lattice read the results' second bullet as the plans' first; the parallel bullets moved the boundary
    # to the plans' restatement, but a boundary a bullet later costs about as much: the row is named (a warning
    # on its first line, the description's).
    prepared = prepare(RESTATED_IN_DOUBT)
    table = read_at_widths(prepared.lines, prepared.numbers, Geometry.from_widths(25, 29, 29), prepared.order,
                           prepared.breaks)
    assert table is not None
    named = [n for n in table.notes if "parallel bullets" in n.message]
    assert [n.line for n in named] == [2]
    assert "「・令和6年度補正予算「デジタルヘ…」" in named[0].message and "check this row against the PDF" in named[0].message
    row = cells(RESTATED_IN_DOUBT, 25, 29, 29)[0]
    assert row["plans"][0].startswith("・令和6年度補正予算") and row["results"][-1] == "3日）。"


def test_a_sentence_ending_as_done_then_tokoro_is_a_result():
    # 「…したところ。」 reports what was done (one result in each of the three editions generated, no plan): read
    # as the plans' first bullet in the whole text (dev 3064; the row read here alone, the parallel bullets weigh
    # its words against fewer rows), the row's results and plans were each one bullet off.
    assert make_piece("や評価療養・選定療養の新設等を実施したところ。", 21).tense == 1  # (as a result ends)
    row = cells(PAST_WITH_TOKORO, 20, 23, 23, 6)[0]
    assert row["results"][-1] == "や評価療養・選定療養の新設等を実施したところ。"
    assert row["plans"] == ["・関係団体等の意見も伺いながら、令和８年度診療報", "酬改定に向けて検討を行う。"]


def test_a_paragraph_closing_a_ministry_tag_is_no_result_nor_plan():
    # Read as the plans' second paragraph (the row's results after it), the next row was lost: a ministry tag
    # closes a description, never a result or a plan.
    rows = cells(TAG_AFTER_RESULTS, 36, 36, 36)
    assert len(rows) == 2
    assert rows[0]["results"][-1] == "的かつ有効的に利活用するための試験デザインや評価方法の検討を進めている。"
    assert rows[1]["description"][-1] == "能な研究機関とのマッチングに取り組む。［◎厚、◎経］"
