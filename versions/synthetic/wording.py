"""What the edits may write: rewordings, renamed words, amounts and digits, the vocabulary of added
rows, and the spans of a text that a reword must leave alone."""

from __future__ import annotations

import random
import re
import unicodedata
from decimal import Decimal

from ..readers.budgets import find_budgets
from ..readers.programs import find_programs

# Rewordings (old, new) that keep a sentence grammatical: 推進する→強化する, を推進→を一層推進.
REWORDS = (
    ("推進する", "強化する"), ("推進した", "強化した"), ("支援する", "後押しする"), ("支援した", "後押しした"),
    ("実施する", "展開する"), ("実施した", "展開した"), ("検討する", "検討を深める"), ("検討した", "検討を深めた"),
    ("取り組む", "注力する"), ("取り組んだ", "注力した"), ("図る", "目指す"), ("図った", "目指した"),
    ("整備する", "拡充する"), ("整備した", "拡充した"), ("構築する", "確立する"), ("行った", "進めた"),
    ("引き続き", "今後も"), ("企業", "事業者"), ("医療従事者", "医療関係者"), ("関係団体", "業界団体"),
    ("を推進", "を一層推進"), ("を強化", "を一層強化"), ("を促進", "を一層促進"), ("の充実", "の一層の充実"),
)
# Same-length word swaps that keep a program a plausible 事業 name: 医療機器開発推進研究事業 → 医療機器開発加速研究事業.
RENAME_WORDS = (
    ("推進", "加速"), ("促進", "加速"), ("支援", "助成"), ("展開", "普及"), ("開発", "創出"), ("確保", "維持"),
    ("強化", "拡充"), ("創成", "創出"), ("策定", "作成"), ("作成", "策定"), ("育成", "養成"), ("獲得", "確立"),
    ("整備", "構築"), ("総合", "統合"), ("国際", "海外"), ("次世代", "新世代"), ("革新的", "先端的"),
)
# A count in the text whose digit a one_char edit may change: ４件, 19件, 10か国, ５社.
COUNT_RE = re.compile(r"[0-9０-９]+(?=件|回|社|か国|ヵ国|名)")
# The amount inside a budget mention: 13億円, 3.8億円, ９百万円.
AMOUNT_RE = re.compile(r"(?P<digits>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*(?:億|憶|千万|百万|万|千)?\s*円")
QUOTED_RE = re.compile(r"[「｢＜][^「」｢｣＜＞]*[」｣＞]")
MINISTRY_CODES = ("内", "内官", "総", "文", "厚", "経", "デ")
FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
HALF_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# Width-only rewrites of a block (the same characters once normalized).
WIDTH_MAPS = (
    ("digits to full width", FULL_DIGITS),
    ("digits to half width", HALF_DIGITS),
    ("「」 to ｢｣", str.maketrans("「」", "｢｣")),
    ("｢｣ to 「」", str.maketrans("｢｣", "「」")),
)
# Vocabulary for added measures: new topics in the report's phrasing, not copied from any row.
ADD_TOPICS = (
    "在宅医療機器の遠隔保守", "医療機器の環境負荷低減", "小児用医療機器のサイズ展開", "災害時の医療機器用電源確保",
    "医療機器の多言語表示", "医療機器の点検記録の電子化", "使用済み医療機器の部品回収", "医療機器の操作研修動画",
    "地域の医療機器修理人材", "医療機器廃棄時の情報消去", "医療機器輸送時の温度管理", "医療機器の警報音の標準化",
)
ADD_TITLE_ENDS = ("の推進", "に向けた取組", "に関する体制整備", "の普及促進")
ADD_REASONS = (
    "現場の負担や費用の面で課題が指摘されている", "国内外で関心が高まる一方、実態の把握が十分でない",
    "医療機関ごとに取組の水準にばらつきがある",
)
ADD_ACTIONS = (
    "関係団体と連携して実態を把握し、必要な方策の検討に取り組む", "先行事例を収集し、その横展開に取り組む",
    "手順書を作成し、医療機関等への周知に取り組む",
)
ADD_TAGS = ("［◎厚］", "［◎経］", "［◎厚、◎経］", "［文、◎厚］", "［◎内、厚、経］")


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans a reword must not touch: quotes, program names and budget mentions."""
    spans = [mo.span() for mo in QUOTED_RE.finditer(text)]
    spans += [(at, at + len(name)) for at, name in find_programs(text)]
    budgets, _ = find_budgets(text, 0, lambda _: (0, 0))
    for b in budgets:
        spans += [mo.span() for mo in re.finditer(re.escape(b.text), text)]
    return spans


def free_span(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return not any(a < e and s < b for a, b in spans)


def new_amount(rng: random.Random, old: str) -> str:
    """Another amount printed the same way: 13→15, 3.8→4.1, １０．９→１１．４ (same integer digits)."""
    half = unicodedata.normalize("NFKC", old).replace("．", ".")
    value, places = Decimal(half), len(half.partition(".")[2])
    step = Decimal(1).scaleb(-places)
    new = value
    for _ in range(20):
        new = (value * Decimal(str(round(rng.uniform(0.75, 1.3), 3)))).quantize(step)
        if new != value and new > 0 and len(str(int(new))) == len(str(int(value))):
            break
    else:
        new = value + step if len(str(int(value + step))) == len(str(int(value))) else value - step
    digits = f"{new:.{places}f}"
    if any(c in "０１２３４５６７８９" for c in old):
        digits = digits.translate(FULL_DIGITS)
    return digits.replace(".", "．") if "．" in old else digits


def set_digit(rng: random.Random, digits: str, pos: int) -> str:
    """Change the digit at pos to another one of the same width (no new leading zero)."""
    half = unicodedata.normalize("NFKC", digits[pos])
    leading = pos == 0 or not digits[pos - 1].isdigit()
    choices = [d for d in "0123456789" if d != half and not (leading and d == "0" and len(digits) > 1)]
    new = rng.choice(choices)
    if digits[pos] != half:
        new = new.translate(FULL_DIGITS)
    return digits[:pos] + new + digits[pos + 1 :]


def moved_lead(rng: random.Random, codes: list[str]) -> list[str]:
    """The tag's codes with one lead mark ◎ moved to a code without one: ◎厚、経 → 厚、◎経."""
    src = rng.choice([k for k, c in enumerate(codes) if c.startswith("◎")])
    dst = rng.choice([k for k, c in enumerate(codes) if not c.startswith("◎")])
    moved = list(codes)
    moved[src], moved[dst] = codes[src][1:], "◎" + codes[dst]
    return moved
