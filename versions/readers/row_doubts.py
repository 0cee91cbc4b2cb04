"""Rows a text reading gets wrong with nothing else to name them: checks on the parsed edition.

text_checks names the rows that do not read as the report writes them. These checks name what the
readings that were SILENTLY different (every field read, no warning) still show, and what a correct
reading of the report never shows:

- a result or plan whose brackets do not pair (「…（マッチング件数21」 and 「…整備する。件）。」): a line's end
  was read into the other column, which closes what this one opened;
- a row without a title right after a row without a ministry tag: one row cut in two by a page break,
  its title read as the first part's description;
- the results' last bullet stopping mid-sentence (「・引き続き、開発に際しての手引きとなる開発ガイダン」): the
  plans' first line read as the results' last.

Each warning names its row (layout-row-doubt, as text_checks'); how often each is right and wrong on
the generated layouts is in the commit messages.
"""

from __future__ import annotations

from ..model.edition import Edition, ParseWarning
from .vocabulary import ENDED_RE, is_bullet_start

CODE = "layout-row-doubt"
OPENS, CLOSES = "（(", "）)"  # (「」 are not checked: the report's own text leaves some unpaired, 「…事業」」)
TAIL_ENDS = ("）", ")", "］")  # (a sentence's 。 ends the tail before it)


def row_doubts(edition: Edition, text: str = "") -> list[ParseWarning]:
    """A warning for each row of EDITION that one of CHECKS doubts."""
    return [w for check in CHECKS for w in check(edition)]


def _unpaired(text: str) -> str:
    """The first round bracket of TEXT that closes none opened, or opens one left open: '' if all pair."""
    depth = 0
    for c in text:
        if c in OPENS:
            depth += 1
        elif c in CLOSES:
            depth -= 1
            if depth < 0:
                return c
    return "（" if depth > 0 else ""


def bullet_brackets(edition: Edition) -> list[ParseWarning]:
    out = []
    for m in edition.measures:
        for name, cell in (("results", m.results), ("plans", m.plans)):
            for b in cell:
                if mark := _unpaired(b.text):
                    out.append(ParseWarning(CODE, f"{m.id}: a bullet of its {name} 「{b.text[:16]}…」 has a 「{mark}」 "
                                            "that pairs with nothing: a line's end read into the other column?",
                                            m.page, m.line, m.id))
                    break
    return out


def cut_row_untitled(edition: Edition) -> list[ParseWarning]:
    ms = edition.measures
    return [ParseWarning(CODE, f"{m.id}: no title, right after {ms[k - 1].id}, which has no ministry tag: one row "
                         "cut in two by a page break?", m.page, m.line, m.id)
            for k, m in enumerate(ms) if k and not m.title and not m.first_line_lost and not ms[k - 1].ministries]


def results_stop_mid_sentence(edition: Edition) -> list[ParseWarning]:
    out = []
    for m in edition.measures:
        if not m.results or not m.plans:
            continue
        last = "".join(m.results[-1].text.split())
        tail = last.rsplit("。", 1)[-1]  # the last sentence, where it does not end
        if is_bullet_start(last) and "、" in tail and not tail.endswith(TAIL_ENDS) and not ENDED_RE.search(last):
            out.append(ParseWarning(CODE, f"{m.id}: its results' last bullet stops mid-sentence 「…{last[-12:]}」: "
                                    "the plans' first line read into the results?", m.page, m.line, m.id))
    return out


CHECKS = [bullet_brackets, cut_row_untitled, results_stop_mid_sentence]
