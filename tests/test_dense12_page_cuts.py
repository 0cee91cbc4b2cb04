"""A row cut by a page break: every cell going on after the break filled the page as the row's fullest
did, on lines cut from real pypdfium2 extractions of the dev set's layouts (tests/layoutgen)."""

from __future__ import annotations

from policydiff.versions.readers.geometry import Geometry
from policydiff.versions.readers.text_dense import read_at_widths
from policydiff.versions.readers.text_layouts import prepare

# L3084 (reportlab, 8 pt portrait, rows cut by page breaks; columns 21, 23, 15 and 5 cells): the page cuts
# the row 「イノベーションへの適切な評価」 after six lines of each cell that goes on (the title and five lines
# of its description, the results' lead-in 「令和６年度保険医療材料制度改革において、」 and five lines of
# bullets); its plans (three lines) and office end before the break. The header is printed again after it.
CUT_ROW = (
    "該当箇所 列1令和６年度の実績・状況 列2令和７年度の取組予定 列3担当 列4\n"
    "【医療保険制度におけるイノベーションに対す\n"
    "る適切な評価の実施】\n"
    "イノベーションへの適切な評価\n"
    "我が国におけるSaMDを含めた革新的な医療機\n"
    "器の実用化を進めるため、保険医療材料制度等\n"
    "におけるイノベーションの適切な評価を、画期\n"
    "性・有用性に対する評価、新規医療材料を用い\n"
    "た技術の評価、機能区分の細分化、合理化及び\n"
    "令和６年度保険医療材料制度改革において、\n"
    "・チャレンジ申請の申請期限の延長や要件の明確\n"
    "化、体外診断用医薬品への対象の拡大\n"
    "・経済性加算の新設\n"
    "・再製造単回使用医療機器使用加算の新設\n"
    "・希少疾病等の検査に用いる体外診断用医薬品等を\n"
    "・関係団体等の意見も伺いなが\n"
    "ら、令和８年度診療報酬改定に向\n"
    "けて検討を行う。\n"
    "厚労省医療\n"
    "機器審査管\n"
    "理課\n"
    "該当箇所 列1令和６年度の実績・状況 列2令和７年度の取組予定 列3担当 列4\n"
    "定義の見直し等により引き続き推進する。［◎\n"
    "厚］\n"
    "評価する仕組みの新設\n"
    "・プログラム医療機器(SaMD)の評価基準の明確化、\n"
    "原価計算方式の見直し、アップデート等により性能\n"
    "が向上した場合の再評価、指導管理料・導入期加算\n"
    "や評価療養・選定療養の新設等を実施したところ。\n"
    "保険導入の手引きの作成 ・令和６年度診療報酬改定を踏まえた｢医療機器・体\n"
    "外診断用医薬品の保険適用に関するガイドブック｣を\n"
    "作成した。\n"
    "・｢医療機器・体外診断用医薬品の\n"
    "保険適用に関するガイドブック｣を\n"
    "活用し、保険適用に関する事前相\n"
    "談の充実を図っていく。\n"
)

# L3044 (reportlab, 8 pt landscape; columns 38, 31, 22 and an office of 7): a row cut by a page break (a page
# number, the header again); after it the description's last words and the results' rest share a baseline,
# 「む。［◎厚、◎経］ 18回）や伴走支援により、…」: a space before a number parts no cell elsewhere (「医薬機審発 1129
# 第２号」), but a ministry tag ends its description.
TAG_THEN_A_NUMBER = (
    "該当箇所 列1 列2 列3令和７年度の実績・状況 令和８年度の取組予定 担当\n"
    "出口戦略を策定し、計画全体を立案・管理する能力を有する人材（コーディネート人\n"
    "材）の育成\n"
    "臨床現場のニーズの掘り起こし、アイディアの創出から事業化までけん引可能な企業\n"
    "人材やインキュベータとして企業の経営に深く入り込んで伴走支援を行う人材が、特\n"
    "にベンチャー企業を成功に導くためには必要不可欠である。既存の研究開発拠点、開\n"
    "発支援拠点や伴走支援組織の連携を通じて、これらの人材の育成を担う「ジャパンバ\n"
    "イオデザインプログラム」をはじめとするアカデミア等の取組に対する支援に取り組\n"
    "・｢優れた医療機器の創出に係る産業振興拠点強化事業｣において、医\n"
    "療機器創出人材の育成・リスキリング及びスタートアップの伴走支援\n"
    "に加え、海外ネットワークの構築（海外の支援機関との連携協定４\n"
    "件）や臨床上の有用性を実証する場の整備を支援し、拠点機能の強化\n"
    "を図った。\n"
    "・「MEDIC」や「地域連携拠点」（いずれも医工連携グローバル展開\n"
    "事業として令和7年度予算：14億円の内数）を通じたセミナー（計\n"
    "・令和７年度の取組に加え、拠点間の連携による\n"
    "全国的な支援ネットワークの形成を支援し、更な\n"
    "る拠点機能の強化を図る予定。\n"
    "・引き続き、「MEDIC」や「地域連携拠点」（医\n"
    "工連携グローバル展開事業として令和8年度予算\n"
    "案：14億円の内数）を通じた人材育成に取り組\n"
    "む。\n"
    "厚労省医療機器\n"
    "審査管理課\n"
    "2 / 9\n"
    "該当箇所 列1 列2 列3令和７年度の実績・状況 令和８年度の取組予定 担当\n"
    "む。［◎厚、◎経］ 18回）や伴走支援により、コーディネート人材の育成に努めた。\n"
    "・「次世代ヘルステック・スタートアップ育成支援事業（令和7年度\n"
    "予算：6.0億円）」において、起業を目指すアカデミア人材等12チー\n"
    "ムに対し、ジャパンバイオデザインプログラムによる伴走支援を実施\n"
    "した。\n"
    "・「ヘルステック・スタートアップ成長加速事\n"
    "業」（令和8年度予算案：6.5億円）において、起\n"
    "業を目指すアカデミア人材等に対する伴走支援に\n"
    "取り組む。\n"
)


def cells(text: str, *widths: float) -> list[dict[str, list[str]]]:
    """The measure rows of TEXT read at the columns' WIDTHS (description, results, plans[, office]): per
    column, its lines."""
    prepared = prepare(text)
    table = read_at_widths(prepared.lines, prepared.numbers, Geometry.from_widths(*widths), prepared.order,
                           prepared.breaks)
    assert table is not None
    return [{role: [x.text for x in cell.lines] for role, cell in zip(prepared.order, row.cells, strict=True)}
            for row in table.rows[1:] if len(row.cells) > 1]


def test_a_cell_going_on_after_a_page_break_printed_as_many_lines_before_it_as_the_fullest():
    # The lead-in 「令和６年度…において、」 fills its line as well in the description's 21 cells: read there, the
    # description held seven lines before the break and the results five, and 「…に対象の拡大」 went on after
    # it. Read as the results' first line, both hold six.
    row = cells(CUT_ROW, 21, 23, 15, 5)[0]
    assert row["description"][-3:] == ["た技術の評価、機能区分の細分化、合理化及び", "定義の見直し等により引き続き推進する。［◎",
                                       "厚］"]
    assert row["results"][0] == "令和６年度保険医療材料制度改革において、"
    assert row["results"][1] == "・チャレンジ申請の申請期限の延長や要件の明確"


def test_a_ministry_tag_then_a_space_ends_the_description_on_a_shared_baseline():
    row = cells(TAG_THEN_A_NUMBER, 38, 31, 22, 7)[0]
    assert row["description"][-1] == "む。［◎厚、◎経］"
    assert row["results"][6:8] == ["事業として令和7年度予算：14億円の内数）を通じたセミナー（計",
                                   "18回）や伴走支援により、コーディネート人材の育成に努めた。"]
