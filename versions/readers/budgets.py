"""Budget mentions in bullet text, read into integer yen with their year, kind and program."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from ..model.edition import Budget, BudgetKind, ParseWarning
from ..model.eras import era_year
from .programs import Locate, before, clean_name, name_before

_ERA = r"(?P<era>(?P<gengo>令和|平成)\s*(?P<num>[0-9０-９]{1,2}|元)\s*年度)"
# At most 30 digits (10^30 yen, far past any budget): a longer run is no amount, and Python refuses
# str() of an int over 4,300 digits (fuzz input: 「令和6年度予算：」 and 10,000 nines 「億円」 crashed the XML).
_AMOUNT = r"(?P<amount>(?P<digits>[0-9０-９]{1,30}(?:[.．][0-9０-９]{1,30})?)\s*(?P<unit>億|憶|千万|百万|万|千)?\s*円)"
_REQUEST = r"(?P<request>案|（案）|\(案\))?"
# 令和6年度予算：19億円の内数 · 令和5年度補正予算：3.8億円 · 令和７年度予算（案）：11.2憶円
BUDGET_RE = re.compile(_ERA + r"\s*(?P<supp>補正)?\s*予算\s*" + _REQUEST + r"\s*[：:]\s*" + _AMOUNT + r"(?P<part>\s*の内数)?")
# 令和6年度補正予算「デジタルヘルスケア開発・導入加速化事業」（9.2億円）
NAMED_BUDGET_RE = re.compile(
    _ERA + r"\s*(?P<supp>補正)?\s*予算\s*" + _REQUEST + r"\s*[「｢](?P<program>[^「」｢｣]+)[」｣]\s*[（(]\s*" + _AMOUNT
    + r"(?P<part>\s*の内数)?\s*[）)]"
)
# （令和６年度商取引・サービス環境の適正化に係る事業（…に関する調査）：９百万円）: a year and an amount, no 予算
SPENDING_RE = re.compile(_ERA + r"(?P<program>[^：:。]{2,90}?事業(?:[（(][^：:。]*?[）)])?)\s*[：:]\s*" + _AMOUNT + r"(?P<part>\s*の内数)?")
# Mentions without an amount.
SAME_BUDGET_RE = re.compile(r"同予算内数")  # （同予算内数）: the budget just mentioned
REQUESTED_RE = re.compile(r"予算要求中")
ALLOCATED_RE = re.compile(r"予算措置")
_PAREN_TAIL_RE = re.compile(r"[（(].*$")  # a spending's program without its parenthetical: 「…事業（…に関する調査）」
QUOTED_PROGRAM_RE = re.compile(r"[「｢]([^「」｢｣]+事業)[」｣]")  # 「医療機器等研究成果展開事業」

UNIT_YEN = {None: 1, "": 1, "千": 1_000, "万": 10_000, "百万": 1_000_000, "千万": 10_000_000, "億": 100_000_000, "憶": 100_000_000}


def yen_of(digits: str, unit: str | None) -> int:
    """'3.8', '億' → 380000000; exact decimal arithmetic, never floats."""
    value = Decimal(unicodedata.normalize("NFKC", digits).replace("．", ".")) * UNIT_YEN[unit]
    return int(value)


@dataclass
class _Found:
    start: int
    end: int
    budget: Budget


def _kind(m: re.Match[str]) -> BudgetKind:
    if m.group("supp"):
        return "supplementary"
    return "request" if m.group("request") else "initial"


def _from_match(m: re.Match[str], kind: BudgetKind, program: str | None, locate: Locate) -> Budget:
    page, line = locate(m.start())
    return Budget(
        text=m.group(0),
        fiscal_year=era_year(m.group("gengo"), m.group("num")),
        era=m.group("era"),
        kind=kind,
        yen=yen_of(m.group("digits"), m.group("unit")),
        part_of=bool(m.group("part")),
        program=program,
        page=page,
        line=line,
    )


def find_budgets(text: str, column_fy: int, locate: Locate) -> tuple[list[Budget], list[ParseWarning]]:
    """Every budget mention in one bullet, in text order, plus warnings for typos."""
    found: list[_Found] = []
    # Spans already read, sorted and disjoint, so that checking a match is a bisection: with a list
    # scan, a line of 10,000 budget mentions took quadratic time (fuzz).
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        k = bisect.bisect_left(taken, (m.start(), m.end()))
        return not ((k > 0 and taken[k - 1][1] > m.start()) or (k < len(taken) and taken[k][0] < m.end()))

    def take(f: _Found) -> None:
        found.append(f)
        bisect.insort(taken, (f.start, f.end))

    # Each pattern runs only where the words it needs are (a bullet is searched by seven of them; most
    # bullets cite no budget at all): an amount needs 円 and 年度, an amountless mention 予算.
    amount = "円" in text and "年度" in text
    budget = "予算" in text
    if amount and budget:
        for m in NAMED_BUDGET_RE.finditer(text):
            take(_Found(m.start(), m.end(), _from_match(m, _kind(m), clean_name(m.group("program")), locate)))
        for m in BUDGET_RE.finditer(text):
            if free(m):
                take(_Found(m.start(), m.end(), _from_match(m, _kind(m), name_before(before(text, m.start())),
                                                            locate)))
    if amount and "事業" in text:
        for m in SPENDING_RE.finditer(text):
            if free(m) and "予算" not in m.group("program"):
                program = clean_name(_PAREN_TAIL_RE.sub("", m.group("program")))
                take(_Found(m.start(), m.end(), _from_match(m, "other", program, locate)))
    found.sort(key=lambda f: f.start)
    if not budget:
        return [f.budget for f in found], _typos(found)
    amounts = [f for f in found if f.budget.yen is not None]  # disjoint spans: sorted by end as well
    amount_ends = [f.end for f in amounts]
    for m in SAME_BUDGET_RE.finditer(text):
        k = bisect.bisect_right(amount_ends, m.start())
        ref = amounts[k - 1].budget if k else None
        page, line = locate(m.start())
        found.append(_Found(m.start(), m.end(), Budget(
            text=m.group(0), fiscal_year=ref.fiscal_year if ref else None, era=ref.era if ref else "",
            kind=ref.kind if ref else "other", yen=None, part_of=True, program=ref.program if ref else None,
            page=page, line=line)))
    mentions = [(regex, kind) for regex, kind, word in ((REQUESTED_RE, "request", "予算要求中"),
                                                        (ALLOCATED_RE, "other", "予算措置")) if word in text]
    quoted = [(q.end(), clean_name(q.group(1))) for q in QUOTED_PROGRAM_RE.finditer(text)] if mentions else []
    quoted_ends = [end for end, _ in quoted]
    for regex, kind in mentions:
        for m in regex.finditer(text):
            page, line = locate(m.start())
            k = bisect.bisect_right(quoted_ends, m.start())  # the last quoted program before the mention
            program = next((quoted[i][1] for i in range(k - 1, -1, -1) if quoted[i][1]), None)
            found.append(_Found(m.start(), m.end(), Budget(
                text=m.group(0), fiscal_year=column_fy, era="", kind=kind, yen=None, part_of=False,  # type: ignore[arg-type]
                program=program, page=page, line=line)))
    found.sort(key=lambda f: f.start)
    return [f.budget for f in found], _typos(found)


def _typos(found: list[_Found]) -> list[ParseWarning]:
    return [
        ParseWarning("typo-oku", f"read 憶円 as 億円 in {f.budget.text!r}", f.budget.page, f.budget.line)
        for f in found
        if "憶" in f.budget.text
    ]
