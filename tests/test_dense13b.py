"""A plans bullet's first line after a page break, on lines cut from a real pypdfium2 extraction of a check
set's layout (tests/layoutgen): a one-line bullet that holds a clause closed by a comma and ends in no 。 left
its sentence unended, so it is no results bullet but the first line of the narrower plans cell's."""

from __future__ import annotations

from test_dense12_page_cuts import cells

# L5403 (Chromium, 5.5 pt landscape, rows split by page breaks, the report's title on every page; columns 55,
# 44 and 32 cells): the page cuts the row 「国際標準化において…」 after two results bullets and two plans bullets;
# after the running title the results' third bullet (two lines), then the plans' third, whose first line
# 「・継続的な…協力体制を構築し、国」 fills the plans' 32 cells and is short of the results' 44. (The running title
# is seen as one from three pages: the next page's is kept.)
PLANS_AFTER_A_BREAK = (
    "医療機器基本計画 重点的に取り組むべき施策の進捗状況\n"
    "該当箇所 列1 列2 列3 令和６年度の実績・状況 令和７年度の取組予定\n"
    "国際標準化において主導的な役割を果たすために行政のみならず産業界の協力が必要不可欠であり、産官学の連携の更なる\n"
    "強化に取り組む。［厚、◎経］\n"
    "・国際ルール形成・市場創造型標準化推進事業（令和6年度予算：22億円の内数）において、企業と\n"
    "アカデミアが連携し、医療動画の利活用促進に向けた規格類の策定を目指して、活動が実施され\n"
    "た。\n"
    "・令和６年度より、「革新的医療機器等国際標準獲得推進事業」において国内審議団体を対象とした\n"
    "財政支援（補助率1/2）を実施。\n"
    "・引き続き、国際ルール形成・市場創造型標準化推進事業（令和7年度\n"
    "予算案：22億円の内数）において、企業とアカデミアが連携し、医療動\n"
    "画の利活用促進に向けた規格類の策定を目指して、活動を実施する。\n"
    "・引き続き、「革新的医療機器等国際標準獲得推進事業」において国内\n"
    "審議団体への財政支援（補助率1/2）を実施できるよう、予算要求中。\n"
    "医療機器基本計画 重点的に取り組むべき施策の進捗状況\n"
    "・国際標準化にかかる国内審議団体を中心に産業界と協力体制を構築し、国際標準化議論において\n"
    "日本が主導的な役割を果たす活動を行った。\n"
    "・継続的な意見交換の場の設定など、産業界との協力体制を構築し、国\n"
    "際標準化議論において日本が主導的な役割を果たすための活動を、引き\n"
    "続き行っていく。\n"
    "医療機器基本計画 重点的に取り組むべき施策の進捗状況\n"
)


def test_a_one_line_bullet_leaving_its_clause_unended_is_the_narrower_cells_first_line():
    row = cells(PLANS_AFTER_A_BREAK, 55, 44, 32)[0]
    assert row["results"][-1] == "日本が主導的な役割を果たす活動を行った。"
    assert row["plans"][-3:] == ["・継続的な意見交換の場の設定など、産業界との協力体制を構築し、国",
                                 "際標準化議論において日本が主導的な役割を果たすための活動を、引き",
                                 "続き行っていく。"]

