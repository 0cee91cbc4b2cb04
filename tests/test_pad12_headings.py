"""Goal and vision headings of the interleaved reader (round 12), on pdfplumber text cut from the dev set's
layouts (seeds 3000-3099)."""

from __future__ import annotations

from policydiff.versions.readers.text_interleaved import read_interleaved
from policydiff.versions.readers.text_layouts import prepare

# Dev 3032, source lines 912-935: a reposted goal whose heading wraps over two lines, its 「（再掲）」 on a third.
REPOSTED_GOAL = (
    "担当 該当箇所 令和７年度の取組予定 令和６年度の実績・状況\n"
    "【医療保険制度におけるイノベー\n"
    "ションに対する適切な評価の実施】\n"
    "（再掲）\n"
    "（上記参照）\n"
    "【⾃然災害やパンデミック等の有事\n"
    "における安定供給の確保】\n"
    "厚労省医 医療上必要不可⽋な医療機器の明確 ・「医療機器等のサプライチェーンリスク ・「医療機器等安定供給確保事業」におい\n"
    "療機器審 化と当該機器の安定供給体制の確保 評価及び安定供給確保事業」にて、個別 て、個別の供給不安等の案件に対し継続\n"
    "査管理課 構築に向けて、まずは医療上必要不 の供給不安等の案件において継続的な供 的な供給を⾏うための取組の検討を⾏っ\n"
    "可⽋な医療機器の明確化に取り組 給を⾏うための取組の検討を⾏う。 た。\n"
    "む。［◎厚、◎経］\n"
    "厚労省医 ンの変化があり、医療機器の供給不 ・引き続き「医療機器等のサプライ ・「医療機器等安定供給確保事業」におい\n"
    "療機器審 安が⽣じることがある。サプライ チェーンリスク評価及び安定供給確保事 て、実際に安定供給上の課題が⽣じた製\n"
    "査管理課 チェーンの変化に伴う供給不安の予 業」において、安定供給上の課題が懸念 品のサプライチェーン及び供給不安要因\n"
    "防策を講じることができるように、 される品⽬について必要に応じて調査等 分析等の調査を⾏い、対応策について検\n"
    "医療上必要不可⽋な医療機器のサプ を⾏った上で、サプライチェーンリスク 討した。\n"
    "ライチェーンの実態の把握に向け 評価を⾏い、対応策について検討する。\n"
    "て、仕組みの検討も含めて取り組\n"
    "む。［◎厚、◎経］\n"
    "厚労省医 握したサプライチェーン上の問題を ・引き続き、「医療機器等のサプライ ・「医療機器等安定供給確保事業」におい\n"
    "療機器審 踏まえて、平時から供給⼒を⾼める チェーンリスク評価及び安定供給確保事 て、「感染症法等に基づく医薬品等の供給\n"
    "査管理課 ことに取り組む。［◎厚、◎経］ 業」において感染症法等に基づく医薬品 情報の報告徴収・⽣産促進要請等に関す\n"
    "等の供給情報の報告徴収・⽣産促進要請 る運⽤ガイドライン」に基づき、調査対\n"
)


def test_a_reposted_mark_after_a_heading_wrapped_over_two_lines_joins_it():
    # The heading's two lines are joined on the first (the second left blank): its 「（再掲）」 was read as a row
    # of its own, neither heading nor measure, and the goal as not reposted.
    prepared = prepare(REPOSTED_GOAL)
    table = read_interleaved(prepared.lines, prepared.numbers, prepared.office, prepared.breaks)
    texts = [r.cells[0].text for r in table.rows if len(r.cells) == 1]
    assert "【医療保険制度におけるイノベーションに対する適切な評価の実施】（再掲）" in texts
    assert "（再掲）" not in texts
