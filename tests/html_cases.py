"""Inputs of the HTML report tests (tests/test_html.py, tests/test_browser.py): the real edition and
edited copies of its text. tests/data is not a package, so the tests load this file by path.

Every edit cites the seed line it touches (1-based, examples/iryokiki-kihonkeikaku_fy2024.txt).
"""

from __future__ import annotations

from pathlib import Path

from policydiff import load_edition, parse_report
from policydiff.diffengine.diff import Diff
from policydiff.diffengine.engine import diff_editions
from policydiff.diffengine.plans import results_vs_plans

SEED = Path(__file__).resolve().parents[1] / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"

# Line 50: 「…（医工連携イノベーション推進事業として令和6年度予算：19億円の内数）を通じて、伴走コンサ」 (m004)
BUDGET_LINE, BUDGET_OLD, BUDGET_NEW = 50, "19億円の内数", "17億円の内数"
BUDGET_PROGRAM = "医工連携イノベーション推進事業"
# Lines 184–193: the whole row 「医療機器の研究開発の手引きの作成」 (m010), title to its plans bullet.
DELETED_LINES, DELETED_ID = (184, 193), "m010"
# Named in m004, m005, m029/m030 and m031/m032: renamed everywhere, found as an inferred rename.
RENAMED = ("医療機器等研究成果展開事業", "医療機器等研究成果実装事業")
# Line 54: the full-width ６ of 「（令和６年度予算：10.9億円）」 made half-width: a formatting-only change.
FORMAT_LINE, FORMAT_OLD, FORMAT_NEW = 54, "令和６年度予算：10.9億円", "令和6年度予算：10.9億円"

# Hostile source text: it must reach the page as inert, visible text.
PAYLOAD = ('<script>window.__pwned=1</script></style>"quotes" \'single\' '
           '<a href="javascript:alert(1)">javascript:alert(1)</a> \u202eevil\u202c \u2066iso\u2069')
TITLE_LINE = 153  # 「医療機器の研究開発の伴走支援」, the title of m009


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _replace_on(lines: list[str], number: int, old: str, new: str) -> None:
    assert old in lines[number - 1], f"seed line {number} no longer reads {old!r}"
    lines[number - 1] = lines[number - 1].replace(old, new)


def edited_text(synthetic: str | None = None) -> str:
    lines = seed_text().split("\n")
    _replace_on(lines, BUDGET_LINE, BUDGET_OLD, BUDGET_NEW)
    first, last = DELETED_LINES
    assert lines[first - 1] == "医療機器の研究開発の手引きの作成"
    del lines[first - 1:last]
    text = "\n".join(lines).replace(*RENAMED)
    return f"# policydiff-synthetic: {synthetic}\n{text}" if synthetic else text


def injected_text() -> str:
    lines = seed_text().split("\n")
    _replace_on(lines, TITLE_LINE, "医療機器の研究開発の伴走支援", "医療機器の研究開発の伴走支援" + PAYLOAD)
    _replace_on(lines, BUDGET_LINE, "伴走コンサ", PAYLOAD + "伴走コンサ")
    return "# policydiff-synthetic: hostile text for the escaping tests\n" + "\n".join(lines)


def format_only_text() -> str:
    lines = seed_text().split("\n")
    _replace_on(lines, FORMAT_LINE, FORMAT_OLD, FORMAT_NEW)
    return "\n".join(lines)


def real_plans() -> Diff:
    """The real report's results (FY2024) against its plans (FY2025)."""
    return results_vs_plans(load_edition(SEED))


def pair(new_text: str, new_name: str) -> Diff:
    return diff_editions(parse_report(seed_text(), source_name=SEED.name), parse_report(new_text, source_name=new_name))


def edited_pair(synthetic: str | None = None) -> Diff:
    return pair(edited_text(synthetic), "fy2024-edited.txt")
