"""Rebuilds old.txt, new.txt and next.txt (new.txt as next year's edition): the seed's first three measures, and the same with hostile strings
in a title, a description, program names and a bullet (run: python tests/data/hostile/make.py).

Each string is one an attacker would put in a source to reach a reader of a report: Markdown and
HTML that hides or fetches (<!--, <img>, links, autolinks), spreadsheet formulas (=, +, -, @, tab,
CR at the start of a cell), and terminal controls (ESC, C1 CSI, bidi overrides).
"""

from pathlib import Path

HERE = Path(__file__).parent
SEED = HERE.parents[2] / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"

lines = SEED.read_text(encoding="utf-8").split("\n")[:75]
old = "\n".join(lines) + "\n"
new = (old
       .replace("医療機器の研究開発に積極的に携わる医師をはじめとする医療従事者の育成",
                "医療従事者の育成<!-- 隠す <img src=https://evil.example/t.png> ![i](https://evil.example/i.png)"
                " [リンク](https://evil.example) `code` www.evil.example a|b *強調* \x1b[2J\x1b]0;title\x07"
                "\u202eevil\u202c \x9b31m\x85")
       .replace("臨床現場を理解した企業の医療機器の研究開発人材の育成",
                "臨床現場を理解した企業の医療機器の研究開発人材の育成 <script>alert(1)</script> &amp; @user")
       .replace("「官民による若手研究者発掘支援事業（令和6年度予算：13億円）」",
                "「=HYPERLINK(\"https://evil.example\",\"x\")事業（令和6年度予算：13億円）」")
       .replace("「医療機器等研究成果展開事業」（令和６年度予算：10.9億円）",
                "「@SUM(1+1)|<b>展開事業」（令和６年度予算：12.9億円）")
       .replace("「次世代ヘルステック・スタートアップ育成支援事業（令和5年度補正予算：3.8億円）」",
                "「=1+2事業（令和5年度補正予算：3.8億円）」")
       .replace("「次世代ヘルステック・スタートアップ育成支援事業（令和7年度予算案：6.0億円）」",
                "「-2+3事業\u202e（令和7年度予算案：6.0億円）」")
       .replace("「医療機器等研究成果展開事業」（令和７年度予算案：11.2憶円）", "「+cmd|'/C calc'!A0事業」（令和７年度予算案：11.2億円）"))
assert new.count("evil") >= 4
(HERE / "old.txt").write_text(old, encoding="utf-8")
(HERE / "new.txt").write_text(new, encoding="utf-8", newline="")
# The same hostile edition as next year's (FY2025 results, FY2026 plans): the annual layer's outputs.
header = "令和６年度の実績・状況 令和７年度の取組予定"
assert header in new
(HERE / "next.txt").write_text(new.replace(header, "令和７年度の実績・状況 令和８年度の取組予定"), encoding="utf-8", newline="")
