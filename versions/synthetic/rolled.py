"""Scaled next-year pairs for benchmarks: NEW is OLD a year later, its plans rolled into results.

make_scaled's OLD report is the base; in NEW every row's plans come back as results in the past
tense (予算案 → 予算), a few are dropped, a few results answer no plan, and new plans for the year
after appear. The Basic Plan column stays as it was. Marked synthetic like every invented edition;
it exercises the follow-through ledger at scale, it is no realistic edition (that one is written by
hand under tests/data/nextyear/).
"""

from __future__ import annotations

import random
import re

from .scaled import _pool, _render_scaled, _scaled_goals, _ScaledRow

# Future endings of the plans column and their past forms: 「推進する。」 → 「推進した。」
PAST_TENSE = (
    (re.compile(r"を図る予定。$"), "を図った。"),
    (re.compile(r"予定。$"), "た。"),
    (re.compile(r"取り組む。$"), "取り組んだ。"),
    (re.compile(r"行う。$"), "行った。"),
    (re.compile(r"進める。$"), "進めた。"),
    (re.compile(r"図る。$"), "図った。"),
    (re.compile(r"する。$"), "した。"),
)
# 令和7年度予算案： / 令和７年度予算（案）： → 令和7年度予算：
REQUEST_RE = re.compile(r"(令和\s*[0-9０-９]{1,2}\s*年度予算)(?:案|（案）|\(案\))")
# 令和7年度 / 令和７年度: an era year to roll forward by one
ERA_YEAR_RE = re.compile(r"令和\s*([0-9０-９]{1,2})\s*年度")
DROP_SHARE, UNPLANNED_SHARE = 0.1, 0.1


def _roll_year(text: str) -> str:
    def bump(m: re.Match[str]) -> str:
        digits = m.group(1)
        full = not digits.isascii()
        n = int(digits.translate(str.maketrans("０１２３４５６７８９", "0123456789"))) + 1
        out = str(n)
        return f"令和{out.translate(str.maketrans('0123456789', '０１２３４５６７８９')) if full else out}年度"

    return ERA_YEAR_RE.sub(bump, text)


def past_tense(plan: str) -> str:
    """A plan bullet as next year's result: requests enacted, the ending in the past tense."""
    text = REQUEST_RE.sub(r"\1", plan)
    for pattern, past in PAST_TENSE:
        if pattern.search(text):
            return pattern.sub(past, text)
    return text


def make_scaled_next_year(text: str, n_measures: int, seed: int) -> tuple[str, str]:
    """An OLD report of n_measures rows built from TEXT, a real report (as make_scaled's), and NEW,
    the same rows a year later."""
    rng = random.Random(seed)
    pool = _pool(text)
    base = _scaled_goals(pool, n_measures, rng)
    new_goals = []
    for title, rows in base:
        rolled = []
        for r in rows:
            results = [past_tense(p) for p in r.row.plans if rng.random() >= DROP_SHARE]
            if rng.random() < UNPLANNED_SHARE or not results:
                results.append(rng.choice(pool.results))
            plans = tuple(_roll_year(p) for p in rng.sample(pool.plans, rng.randint(1, 3)))
            rolled.append(_ScaledRow(r.key, r.row._replace(results=tuple(results), plans=plans), r.widths))
        new_goals.append((title, rolled))
    old_note = f"scaled from the real report, {n_measures} rows, seed {seed}; base edition for tests and demos only"
    new_note = f"the base edition a year later (plans rolled into results), seed {seed}; for benchmarks only"
    old = _render_scaled(pool, base, old_note)
    header = pool.header
    pool.header = _roll_year(header)
    try:
        new = _render_scaled(pool, new_goals, new_note)
    finally:
        pool.header = header
    return old, new
