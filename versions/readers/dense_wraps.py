"""Where a line could not have wrapped: a paragraph's line breaks where the next character no longer fits, so
a line that stops a cell or two short of its column's width ends its paragraph when the next line's first
character would have fitted on it. A producer carries a character down only for kinsoku (the next one may
not start a line: 「ニ」 goes down with 「ー」; an opening bracket may not end one) or for a Latin word kept
whole (「AMED」), so only a plain kana or kanji followed by another that may start a line is taken as that
evidence. It tells a description's last paragraph (「…治療継続率の向上等により重症化を予防する医療機器」, three
cells short) from the first lines of the results printed right after it (「重点５分野については、…」): read as
one paragraph, the first line would have held 「重」.

The model weighs it where the next line goes on with the line (dense_roles.enter: a paragraph going on after
it costs as after a short line); the cell's status keeps what the width alone says, since another cell's line (a 「担当」
office printed between) may come before the cell goes on."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model.normalize import display_width
from .dense_roles import LATIN_SLACK
from .dense_search import Step
from .vocabulary import NO_LINE_END, NO_LINE_START

CARRIED_UNIT = 3.0  # cells: a unit carried down whole this wide (「（METhailand）」) may leave a line short by as much
# A character a producer would have set at a line's end had it fitted: a kanji, or a kana that is no small
# one (those may not start a line, so neither may the character before them be split from them)
PLAIN_RE = re.compile(r"[一-龥ぁ-ゖァ-ヺ]")
# What a producer carries down to the next line whole: a Latin word (a name, a number) or one character, with
# the brackets that open it and the marks that may not start a line after it (「（ViCLE）」, 「MEDISO）」」,
# 「チャー・」); never a bullet or an item's mark, which start a paragraph of their own
UNIT_RE = re.compile(rf"(?![・○◯●■□◆◇①-⑳])[{re.escape(NO_LINE_END)}]*(?:[A-Za-z0-9][A-Za-z0-9.\-&'+/]*|.)"
                     rf"[{re.escape(NO_LINE_START)}]*")


def lead(text: str) -> float:
    """The width of TEXT's first character where it could have ended the line before (else 0): a plain
    kana or kanji whose next character may start a line."""
    text = text.lstrip()
    if not text or not PLAIN_RE.match(text[0]) or text[0] in NO_LINE_START:
        return 0.0
    if len(text) > 1 and (text[1] in NO_LINE_START or text[1].isascii()):
        return 0.0  # (「ニーズ」: 「ニ」 goes down with 「ー」; 「第1」: a number kept with its word)
    return display_width(text[0])


def unit(text: str) -> float:
    """The widest TEXT's first unit (what a producer carries down whole: UNIT_RE) may be printed, where it is
    more than one character (else 0: dense_wraps.lead weighs that). Where it would not have fitted on the line
    before, that line stopped short of its column for want of room, not at its paragraph's end (「型、スタートア
    ップ型」 / 「（ViCLE）において、」, 「た、「ジャパン・ヘルスケアベン」 / 「チャー・サミット…」). A Latin
    character's width varies with the font."""
    m = UNIT_RE.match(text.lstrip())
    if not m or len(m.group(0)) < 2:
        return 0.0
    return display_width(m.group(0)) + LATIN_SLACK * sum(c.isascii() for c in m.group(0))


def mark_next_leads(steps: list[Step]) -> list[Step]:
    """STEPS with the last piece of each line's readings given the next line's lead and first unit (not
    over a heading, nor over a page break, after which a cut row's cells go on in their order, not the last
    one's)."""
    out = list(steps)
    units = [unit(step.readings[0][0][0].text) if step.readings and step.readings[0][0] else 0.0 for step in steps]
    for k, step in enumerate(steps):  # (each line's own: where it resumes a cell after a page break, dense_resume)
        if not step.heading and units[k] >= CARRIED_UNIT:
            out[k] = replace(step, readings=[([replace(pieces[0], own_unit=units[k]), *pieces[1:]], cost)
                                             for pieces, cost in step.readings])
    for k, step in enumerate(steps[:-1]):
        nxt = steps[k + 1]
        if step.heading or nxt.heading or nxt.brk or not nxt.readings or not nxt.readings[0][0]:
            continue
        width, carried = lead(nxt.readings[0][0][0].text), units[k + 1]
        if not width and not carried:
            continue
        out[k] = replace(out[k], readings=[([*pieces[:-1], replace(pieces[-1], next_lead=width, next_unit=carried)], cost)
                                           for pieces, cost in out[k].readings])
    return out
