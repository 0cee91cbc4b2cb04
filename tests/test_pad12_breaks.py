"""A description's lines held full where the next line's first unbreakable unit would not have fit (the
interleaved reader, round 12), on pdfplumber text cut from the dev set's layouts (seeds 3000-3099)."""

from __future__ import annotations

from policydiff.versions.readers.geometry import SHORT
from policydiff.versions.readers.text_interleaved import read_interleaved
from policydiff.versions.readers.text_layouts import prepare

# Dev 3032 (「担当」 first, a 16-cell description column), source lines 71-98 as pdfplumber prints them.
TITLE_OVER_THREE_LINES = (
    "担当 該当箇所 令和７年度の取組予定 令和６年度の実績・状況\n"
    "教育により医⼯連携、医療機器開発プロ\n"
    "セスを体得する⽀援を推進した。\n"
    "厚労省医 特に医療機器の研究開発において ・令和６年度の取組に加え、医療機器産 ・｢優れた医療機器の創出に係る産業振興\n"
    "療機器審 ニーズに応じたプロトタイプの作製 業振興拠点における海外ネットワークの 拠点強化事業｣において、臨床現場のニー\n"
    "査管理課 が重要な⼯程であり、⼤学・⼤学院 構築や臨床上の有⽤性を実証する場の整 ズに応じた優れた医療機器の創出に向け\n"
    "等と協⼒して当該⼯程を中⼼に研究 備のための⽀援を⾏い、更なる拠点機能 て、医療機器創出⼈材の育成・リスキリ\n"
    "開発をけん引できるようなレギュラ の強化を図る予定。 ングを提供すると共に、医療機器スター\n"
    "トリ－サイエンスを理解した医師や ・引き続き、「医療機器等研究成果展開事 トアップを伴⾛⽀援する拠点整備を推進\n"
    "医⼯学系の⼈材の育成に取り組む。 業」（令和７年度予算（案）：11.2憶円） した。\n"
    "［◎厚、◎⽂］ において、医療機器・システムのプロト ・「医療機器等研究成果展開事業」（令和\n"
    "タイプ機の作製に向けた開発⽀援をする ６年度予算：10.9億円）において、医療\n"
    "中で、実⽤化や事業化プロセスを経験 機器・システムのプロトタイプ機の作製\n"
    "し、社会実装の経験のある⼈材、特にレ に向けた開発⽀援をする中で、実⽤化や\n"
    "ギュラトリーサイエンスの普及を含めた 事業化プロセスを経験し、社会実装の経\n"
    "医師・医⼯学研究者養成を図る。 験のある⼈材、特にレギュラトリーサイ\n"
    "エンスの普及を含めた医師・医⼯学研究\n"
    "者養成を図った。\n"
    "厚労省医 出⼝戦略を策定し、計画全体を⽴ ・令和６年度の取組に加え、医療機器産 ・｢優れた医療機器の創出に係る産業振興\n"
    "療機器審 案・管理する能⼒を有する⼈材 業振興拠点における海外ネットワークの 拠点強化事業｣において、臨床現場のニー\n"
    "査管理課 （コーディネート⼈材）の育成 構築や臨床上の有⽤性を実証する場の整 ズに応じた優れた医療機器の創出に向け\n"
    "臨床現場のニーズの掘り起こし、ア 備のための⽀援を⾏い、更なる拠点機能 て、医療機器創出⼈材の育成・リスキリ\n"
    "イディアの創出から事業化までけん の強化を図る予定。 ングを提供すると共に、医療機器スター\n"
    "引可能な企業⼈材やインキュベータ ・引き続き、「MEDIC」や「地域連携拠 トアップを伴⾛⽀援する拠点整備を推進\n"
    "として企業の経営に深く⼊り込んで 点」（医⼯連携イノベーション推進事業の した。\n"
    "伴⾛⽀援を⾏う⼈材が、特にベン 後継事業となる医⼯連携グローバル展開 ・「医療機器開発⽀援ネットワーク」や\n"
    "チャー企業を成功に導くためには必 事業として令和7年度予算案：14億円の 「地域連携拠点」（いずれも医⼯連携イノ\n"
    "要不可⽋である。既存の研究開発拠 内数）を通じた⼈材育成に取り組む。 ベーション推進事業として令和6年度予\n"
)


def _slacks(text: str, needle: str) -> dict[str, float | None]:
    prepared = prepare(text)
    table = read_interleaved(prepared.lines, prepared.numbers, prepared.office)
    cell = next(c for r in table.rows for c in r.cells if needle in c.text)
    return {x.text: x.slack for x in cell.lines}


def test_a_line_short_only_of_a_bracketed_unit_goes_on_in_its_paragraph():
    # The title 「出口戦略を策定し、計画全体を立案・管理する能力を有する人材（コーディネート人材）の育成」 wraps over three
    # lines; its second stops two cells short, for 「（コー」 (a bracket and a long-vowel mark kinsoku keeps with
    # the katakana) needs three. Read short, the title ended there, 「（コーディネート人材）の育成」 read as the
    # description's first words.
    slacks = _slacks(TITLE_OVER_THREE_LINES, "出口戦略を策定し")
    assert slacks["案・管理する能力を有する人材"] <= SHORT
    assert slacks["引可能な企業人材やインキュベータ"] <= SHORT  # (a full line stays full)
