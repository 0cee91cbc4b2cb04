"""How well a column's next line joins onto its last one: the text's own character statistics (the interleaved reader).

A line wrap does not break a cell's character sequence: where a paragraph goes on from one
line to the next, the last characters of the one and the first of the next are neighbours in a word or a
sentence (「…に向け」 then 「て、…」, 「…によるワー」 then 「クフロー…」). Where two columns could each take a line's
piece (at a page's foot a cell may stop a line early, the next column's piece then printing where the first's
would), widths and wording often cost both readings the same; the join does not: 「…場の整」 then 「て、」 is a join
the document never prints, 「…場の整」 then 「備の…」 one it prints often.
The model is counted over the text's pieces (runs of one cell's characters between spaces), before any
reading: a character n-gram model (interleaved_cuts.CharModel) of what follows what within a line. A join
costs where the next character is much less likely after the line's last characters than it is anywhere
(pointwise mutual information below -JOIN_FREE nats): a word printed once, split by this very line break
(「…３大バイオバンク 等に」 then 「蓄積…」), is unknown to the counts and must cost nothing, so only strong evidence
counts. A reading the joins alone decide is still reported (interleaved_reading: two readings as cheap but
for the joins). Linear in the text: one count, one lookup per join tried, each cached.
"""

from __future__ import annotations

from .interleaved_cuts import CharModel

CONTEXT = 2  # characters of a line's end that condition its next line's first
JOIN_FREE = 3.0  # nats of unlikeliness a join may show at no cost (a word seldom printed)
JOIN_WEIGHT = 0.25  # cost per nat beyond that
JOIN_MAX = 6.0  # nats: a join the document never prints costs this much, no more
# Costs in eighths: coarse evidence, and eighths add up exactly, so readings that pay the same joins on different
# lines tie as they do without them (seen 4255: a tie kept the other reading, 0.16 added on two paths)
STEPS = 8
# A ministry tag's bracket opened at a line's end: the ministries after it are the document's list (「［」 then
# 「厚、◎経］」 where most tags print 「［◎…」), not a word the counts know
TAG_OPEN = "［"


class JoinCosts:
    """The cost of a column's line going on with text starting with a given character (see the module)."""

    def __init__(self, pieces: list[str]) -> None:
        self.model = CharModel(pieces)
        self.cache: dict[tuple[str, str], float] = {}

    def __call__(self, end: str, text: str) -> float:
        if not end or not text or end.endswith(TAG_OPEN):
            return 0.0
        key = (end[-CONTEXT:], text[0])
        cost = self.cache.get(key)
        if cost is None:
            pmi = self.model.log_p(key[0], key[1]) - self.model.log_p("", key[1])
            cost = JOIN_WEIGHT * min(max(0.0, -pmi - JOIN_FREE), JOIN_MAX)
            cost = round(cost * STEPS) / STEPS
            self.cache[key] = cost
        return cost
