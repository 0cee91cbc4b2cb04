"""Column widths told by few lines: pdfplumber lines cut from the generated layouts, where cells are set so close
that a column's widest piece may be two columns' text glued."""

from __future__ import annotations

from policydiff.versions.readers.text_interleaved import estimate_widths


def test_a_short_texts_column_width_is_a_width_two_lines_agree_on_not_a_glued_piece():
    # h6800 6856, source lines 13, 100, 143, 233 and 301 (reportlab, padding 0.5; columns 30 cells each): of its 16
    # lines holding all four columns apart, line 301's description piece is the description's full line glued to the
    # results' 「・＜次世代…」, 59 cells. Taken for the description's width, every glued line fit that one column and
    # the reading was refused.
    lines = ["も横展開する。［◎文］ 後継事業の予定無し ・令和５年度に事業終了 文科省研究振興局",
             "治験実施等における経済的な支援 ・「医工連携グローバル展開事業（研究開発事業）」（令和8年度 ・「医工連携グローバル"
             "展開事業（研究開発事業）」（令和7年度 経産省ヘルスケア",
             "器の研究開発のエコシステムの形成を図る取組（研究開発の初期 度予算案：14億円の内数）を通じ、実用化につながる更なる研究"
             " 度予算：14億円の内数）を通じて、全国15拠点において地域にお 産業課医療・福祉",
             "以下の5分野を重点分野として設定し、アウトカムの改善度、費用 重点５分野を含むテーマについて研究開発を支援する。 まで一貫"
             "した研究開発を省庁横断的に推進した。具体的にはAMED 戦略推進事務局",
             "的に反映し、策定プロセスを明確化するルールインテリジェンス機・＜次世代医療機器・再生医療等製品評価指標作成事業＞（国衛"
             " ・令和７年度の国衛研委託事業で「Brain Computer Interface利用"]
    assert estimate_widths(lines, 4)[:3] == (29.5, 29.5, 29.5)
