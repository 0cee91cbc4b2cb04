"""A line's sentence read to its end: a results cell may open with a sentence and no bullet mark
(「重点５分野については、AMEDによる支」 / 「援を中心に…一貫した」 / 「研究開発を…推進した。具体」); its first lines
then look like a description's, and only the sentence's end, a line or two on, tells that it reports
what was done (a description says what will be done, never 「…した。」)."""

from __future__ import annotations

from dataclasses import replace

from .dense_pieces import _tense
from .dense_search import Step

AHEAD_LINES = 2  # how far a running-on line's sentence is followed: further on, another cell may have begun


def mark_past_ahead(steps: list[Step]) -> list[Step]:
    """Mark the last piece of each reading of a line that ends no sentence when its sentence, followed
    over the next lines of the same page (no heading, no page break between), ends as a result does."""
    out = list(steps)
    for k, step in enumerate(steps):
        if step.heading:
            continue
        past = _past_ahead(steps, k)
        if not past:
            continue
        readings = []
        for pieces, cost in step.readings:
            last = pieces[-1]
            if "。" not in last.text:
                pieces = [*pieces[:-1], replace(last, past_ahead=True)]
            readings.append((pieces, cost))
        out[k] = replace(step, readings=readings)
    return out


def _past_ahead(steps: list[Step], k: int) -> bool:
    for j in range(k + 1, min(k + 1 + AHEAD_LINES, len(steps))):
        nxt = steps[j]
        if nxt.heading or nxt.brk:
            return False
        if not nxt.readings or not nxt.readings[0][0]:
            return False
        first = nxt.readings[0][0][0]
        text = first.text
        if first.bullet or first.item or "［" in text or "］" in text:
            return False  # a new paragraph, or a description's tag: the sentence ended before
        if "。" in text:
            return _tense(text[: text.index("。") + 1]) == 1
    return False
