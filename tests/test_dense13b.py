"""Lines read into the wrong one of two cells, on lines cut from real pypdfium2 extractions of check sets'
layouts (tests/layoutgen): a one-line bullet that holds a clause closed by a comma and ends in no 。 left its
sentence unended (no results bullet, but the first line of the narrower plans cell's after a page break); a
group heading 「（アジア健康構想）」 heads the bullet that repeats its words, in its cell."""

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



# L6758 (Chromium, 9 pt landscape, plans printed before results, rows split by page breaks; columns 22, 26 and
# 26 cells): the plans and the results are as wide, so only words tell them apart. The results open with the
# group heading 「（アジア健康構想）」, printed right after the plans' last line, and go on with a bullet that
# repeats its words 「・アジア健康構想において、…」; after the page break (its number 「12」) both cells go on.
GROUP_BEFORE_ITS_BULLET = (
    "該当箇所 列1 列2 列3 令和７年度の取組予定 令和６年度の実績・状況\n"
    "協力覚書を踏まえた日本の技術・医療機器の展開\n"
    "支援\n"
    "各国とのヘルスケア等の分野での協力覚書を踏ま\n"
    "え、相手国の医療の発展に貢献する有望な医療機\n"
    "器・技術・サービスの国際展開の後押しに取り組\n"
    "む。［◎内官、総、厚、経］\n"
    "・引き続き、アジア健康構想及びアフリカ健康構想に基づ\n"
    "き、協力覚書署名国とヘルスケア合同委員会を開催するほ\n"
    "か、現地での官民イベント等を通じ、日本の医療機器・技\n"
    "術・サービスの国際展開を推進する。\n"
    "・MExx構想を更に推進し、MOC締結国を中心にインド等\n"
    "での新規拠点設立やベトナム（MEV）及びタイ\n"
    "（METhailand）における個別プロジェクト支援を実施\n"
    "し、現地医療関係者等との関係構築を進める。\n"
    "（アジア健康構想）\n"
    "・アジア健康構想において、協力覚書に基づく協力の内容\n"
    "を二国間政府間で議論する場として、2024年7月には第3回\n"
    "日比ヘルスケア合同委員会、2024年12月には第2回日越ヘ\n"
    "ルスケア合同委員会を開催。\n"
    "・ベトナムに関しては2024年11月にはベトナムのハノイ・\n"
    "ホーチミンにて官民イベントを実施。\n"
    "・ERIAとMEJが推進する、アジア等新興国との産学医横断\n"
    "のプラットフォーム組成を目指すMExx構想に基づき、\n"
    "12\n"
    "・安全性・信頼性を確保したデジタルインフラの海外展開\n"
    "支援事業を活用し、デジタル技術の国際展開を促進する。\n"
    "また、来年度も引き続き官民ワークショップを実施し、支\n"
    "援ツールの紹介やデジタル海外展開プラットフォームに係\n"
    "る情報共有を実施する。\n"
    "2024年6月には第4回MEV-MEJフォーラムをベトナムのフ\n"
    "エで開催した他、2024年9月にはタイでME Thailandを設\n"
    "立。\n"
    "・安全性・信頼性を確保したデジタルインフラの海外展開\n"
    "支援事業を活用し、地方企業による、ベトナムにおけるVR\n"
    "医療研修技術の実証実験などを支援し、デジタル技術の国\n"
    "際展開を促進。\n"
    "・令和６年４月から令和７年１月にかけて合計４回（第２\n"
    "回はASEAN、第３回はアフリカ、第４回はインドをテーマ\n"
    "に実施）の官民ワークショップを実施し、支援ツールの紹\n"
    "介やデジタル海外展開プラットフォームに係る情報共有を\n"
    "実施。\n"
    "（アフリカ健康構想）\n"
    "・アフリカ健康構想において、2024年10月にケニアのナイ\n"
    "ロビにて日本のヘルスケア関連の製品・サービスの展示会\n"
    "である「1日日本病院」を開催。\n"
)


def test_a_group_heading_stays_with_the_bullet_that_repeats_its_words():
    row = cells(GROUP_BEFORE_ITS_BULLET, 22, 26, 26)[0]
    assert "（アジア健康構想）" not in row["plans"]
    assert row["results"][:2] == ["（アジア健康構想）", "・アジア健康構想において、協力覚書に基づく協力の内容"]
