"""Statements of an end: a program that stops, said in so many words.

A report says a program ends in a bullet of its own (「令和５年度で事業終了予定（後継事業の予定無し）」,
「後継事業の予定無し」, 「該当なし」 in the plans column; 「令和５年度に事業終了」 in the results), or inside a
sentence that reports its last year's work (「…令和７年度をもって事業終了」). A bullet that is nothing but
such a statement is no plan and no result: the ledger gives it no plan outcome, and the program events
say what it means (an end announced, then checked against the next edition).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..versions.model.normalize import normalize
from ..versions.readers.vocabulary import (
    ENDED_RE,  # an end named in a sentence: defined once, with the readers
)

__all__ = ["ENDED_RE", "ahead", "names_no_program", "stated_end"]

# The words a statement of an end is made of: 「令和５年度で事業終了予定（後継事業の予定無し）」, 「該当なし」
END_WORDS_RE = re.compile(r"(?:令和|平成)\s*[0-9元]{1,2}\s*年度|事業(?:を)?終了(?:予定|した)?|後継事業の予定(?:無|な)し|"
                          r"該当(?:無|な)し|をもって|[でにはの]|[・、。,.()（）\s]")
# 「…終了予定」: an end still ahead when the edition was written (announced), not one that happened
AHEAD_RE = re.compile(r"終了予定|終了する")


# Words one of which every statement of an end has (kanji: the same before and after normalizing): the
# check that lets every other bullet of a 10,000-row pair pass without being normalized.
_END_MARKS = ("終了", "後継", "該当")


@lru_cache(maxsize=65536)
def stated_end(text: str) -> bool:
    """Whether a bullet is only a statement of an end: nothing is left of it without the words of one."""
    if not any(mark in text for mark in _END_MARKS):
        return False
    t = normalize(text)
    return bool(t.strip(" ・")) and (bool(ENDED_RE.search(t)) or "該当" in t) and not END_WORDS_RE.sub("", t)


def names_no_program(text: str) -> bool:
    """「該当なし」 (nothing to report) ends nothing: no program is named or meant."""
    return "該当" in normalize(text) and not ENDED_RE.search(normalize(text))


def ahead(text: str) -> bool:
    """Whether a statement of an end announces it (「…終了予定」) rather than reports it."""
    return bool(AHEAD_RE.search(normalize(text)))
