"""The text the follow-through ledger compares: what a sentence is about, across the years.

Sentences of different years differ in tense (「推進する」/「推進した」), in years (令和7年度予算案/令和7年度予算)
and in the specifics a result adds (counts, dates), so they are compared on their content characters:
kanji, katakana and latin, as character bigrams, with hiragana (where Japanese tense lives), years and
amounts left out. A distinctive term (one few results of an edition use, 「官民ミッション」) is stronger
evidence that a result reports on a plan than a common one (「医療機器」).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache

from ..versions.model.normalize import normalize as _normalize
from . import work

normalize = lru_cache(maxsize=131072)(_normalize)  # every bullet is compared many times

# 「令和７年度」「令和7年度予算案」: years roll between editions
ERA_RE = re.compile(r"(?:令和|平成)\s*[0-9元]{1,2}\s*年度")
# 「14億円の内数」「5,900万円」「１２名」: amounts and counts are the specifics a result adds
NUMBER_RE = re.compile(r"[0-9][0-9,.]*\s*(?:億|千万|百万|万|千)?")
# 「医療機器等研究成果展開事業」, 「次世代ヘルステック・スタートアップ育成支援事業(令和7年度予算案:6.0億円)」
QUOTED_RE = re.compile(r"「[^「」]*事業[^「」]*」")
# Runs of kanji, katakana and latin: 「若手研究者」「スタートアップ」「EXIT」; hiragana (tense, particles) drops
_CONTENT_RE = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々〆ヶ\u30a0-\u30ffー\uff66-\uff9fA-Za-z]+")
# 「…を図る予定。」「引き続き、…」「今後も…」: words of a plan's future that its result does not repeat
_TENSE_TAIL_RE = re.compile(r"(?:予定|引き続き|今後も|更なる|さらに)")
# Inside a run of content characters, where one term ends and the next begins: 「薬事承認・保険適用」,
# 「審査ポイント及び認証基準」 (及, 並 between two nouns), and the 等 closing a list.
_TERM_SPLIT_RE = re.compile(r"[・･及並]|等$")
TERM_MIN = 3  # characters: 「日本」「支援」 are everywhere, 「官民ミッション」 is not
RARE_SHARE = 0.02  # a term found in at most this share of an edition's results is distinctive (at least 2)


@lru_cache(maxsize=65536)
def content(text: str, names: bool = True) -> str:
    """What a sentence is about: its content characters, years, amounts and tense words left out;
    without NAMES, quoted program names too (what was done, not with which program)."""
    t = normalize(text).lstrip("・")
    t = t if names else QUOTED_RE.sub(" ", t)
    t = ERA_RE.sub(" ", t)
    t = NUMBER_RE.sub(" ", t)
    t = t.replace("予算案", "予算").replace("予算(案)", "予算")
    t = _TENSE_TAIL_RE.sub(" ", t)
    return " ".join(_CONTENT_RE.findall(t))


@lru_cache(maxsize=65536)
def bigrams(text: str, names: bool = True) -> frozenset[str]:
    words = content(text, names).split()
    return frozenset(w[k : k + 2] for w in words for k in range(max(1, len(w) - 1)))


def coverage(plan: str, result: str, names: bool = True) -> float:
    """Share of the plan's content bigrams found in the result."""
    p = bigrams(plan, names)
    return len(p & bigrams(result, names)) / len(p) if p else 0.0


def coverage_and_dice(plan: str, result: str, names: bool = True) -> tuple[float, float]:
    """coverage() and dice() of one pair, the same floats, from one intersection (the ledger scores every
    plan against every result of its row on both)."""
    p, r = bigrams(plan, names), bigrams(result, names)
    shared = len(p & r)
    return (shared / len(p) if p else 0.0), (2 * shared / (len(p) + len(r)) if p or r else 1.0)


def dice(a: str, b: str, names: bool = True) -> float:
    x, y = bigrams(a, names), bigrams(b, names)
    return 2 * len(x & y) / (len(x) + len(y)) if x or y else 1.0


@lru_cache(maxsize=65536)
def terms(text: str) -> frozenset[str]:
    """The content terms of a sentence, program names left out: 「アフリカ健康構想」, 「官民ミッション」."""
    out = set()
    for run in content(text, False).split():
        for piece in _TERM_SPLIT_RE.split(run):
            if len(piece) >= TERM_MIN:
                out.add(piece)
    return frozenset(out)


def shared_terms(plan: str, result: str) -> frozenset[str]:
    """The terms a plan and a result share: a term of either found in the other's text, whatever the
    runs it stands in (「プログラム医療機器」 in 「日本発プログラム医療機器の研究開発」)."""
    a, b = normalize(plan), normalize(result)
    return frozenset(t for t in terms(plan) if t in b) | frozenset(t for t in terms(result) if t in a)


class Rarity:
    """How many results of an edition use each term, to tell a distinctive term from a common one."""

    def __init__(self, results: Iterable[str]) -> None:
        self._texts = [normalize(t) for t in results]
        self._limit = max(2, math.floor(RARE_SHARE * len(self._texts)))
        self._counts: dict[str, int] = {}

    def count(self, term: str) -> int:
        """How many results use TERM; past the diff's work budget (a hostile edition of 200,000
        bullets), as many as all of them: a term not counted is no evidence (work.py)."""
        if term not in self._counts:
            self._counts[term] = (sum(1 for t in self._texts if term in t) if work.take(len(self._texts))
                                  else len(self._texts))
        return self._counts[term]

    def rare(self, term: str) -> bool:
        return self.count(term) <= self._limit
