"""Japanese era years to Gregorian fiscal years."""

from __future__ import annotations

import re
import unicodedata

ERA_BASE = {"令和": 2018, "平成": 1988}

# 令和６年度 / 令和6年度 / 令和元年度 / 平成29年度
ERA_YEAR_RE = re.compile(r"(令和|平成)\s*([0-9０-９]{1,2}|元)\s*年度")


def era_year(era: str, number: str) -> int:
    """令和N = 2018+N, 平成N = 1988+N; 元 is year 1; full-width digits allowed."""
    n = 1 if number == "元" else int(unicodedata.normalize("NFKC", number))
    return ERA_BASE[era] + n


def fiscal_year_of(text: str) -> int | None:
    m = ERA_YEAR_RE.search(text)
    return era_year(m.group(1), m.group(2)) if m else None
