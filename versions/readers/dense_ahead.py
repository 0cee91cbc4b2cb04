"""A line's sentence read to its end, and a line read against the one before it.

A results cell may open with a sentence and no bullet mark (「重点５分野については、AMEDによる支」 / 「援を中心に…一貫した」
/ 「研究開発を…推進した。具体」); its first lines then look like a description's, and only the sentence's end, a
line or two on, tells that it reports what was done (a description says what will be done, never 「…した。」).

A budget says which year a program is funded in, not whether the bullet citing it reports or plans: a plan may go on
with a program funded this year (「・「次世代ヘルステック…事業（令和7年度予算：6.0億円）」において、…人材マッチングの
支援を行う。」). Where the sentence a budget is cited in ends, its verb tells (of the three editions generated, the
bullets whose budget's year and verb disagree, 3, are each where the verb says).

A sentence ending in a comma that leads a list of bullets in (「令和６年度保険医療材料制度改革において、」 / 「・チャレンジ
申請の…」) opens its cell: of the three editions' results and plans, every one that is no bullet is its cell's first.

A line repeating the line before word for word (「（対応済み）」 / 「（対応済み）」) is another cell's: the results'
sentence ends with its status, and the plans, with nothing more to say, state it again; no cell says a thing twice.
So too the rest of an item's heading: the results restate the description's items ① … ⑤ by their headings, so where
a heading's second line, 「と治療が一体化した医療機器」 after 「③ 臨床的な…診断」, is printed again after other words
(「⑤ …に資する医療機器」: the results' 「③ …診断」 went on after a page break), it goes on no cell of that line.
"""

from __future__ import annotations

from dataclasses import replace

from .dense_pieces import BUDGET_YEAR_RE, DOT_BULLET_RE, Piece, _tense
from .dense_search import Step

AHEAD_LINES = 2  # how far a running-on line's sentence is followed: further on, another cell may have begun
BUDGET_LINES = 4  # ... a budget's sentence: a bullet cites its program's budget in its first lines, its verb at its end
LEAD_LINES = 3  # the lines a list's lead-in may take


def mark_ahead(steps: list[Step]) -> list[Step]:
    """Each line's pieces marked with what the lines after it (or the one before) say of them: past_ahead,
    budget_tense, leads_in, repeats."""
    out = list(steps)
    heading_rests = _heading_rests(steps)
    for k, step in enumerate(steps):
        if step.heading:
            continue
        past = _past_ahead(steps, k)
        leads = _leads_in(steps, k)
        before = _before(steps, k) | heading_rests.get(k, set())
        readings = []
        for pieces, cost in step.readings:
            pieces = list(pieces)
            last = pieces[-1]
            if past and "。" not in last.text:
                pieces[-1] = replace(last, past_ahead=True)
            pieces = [replace(x, budget_tense=_budget_tense(steps, k, x, i == len(pieces) - 1)) if x.budgets else x
                      for i, x in enumerate(pieces)]
            first = pieces[0]
            if leads or first.text in before:
                pieces[0] = replace(first, leads_in=leads, repeats=first.text in before)
            readings.append((pieces, cost))
        out[k] = replace(step, readings=readings)
    return out


def _following(steps: list[Step], k: int, lines: int) -> list[str]:
    """The texts of the lines after K that go on with its last words: up to LINES of the same page, no heading,
    no bullet, item or tag between (a new paragraph, or a description's tag: the sentence ended before)."""
    out = []
    for j in range(k + 1, min(k + 1 + lines, len(steps))):
        nxt = steps[j]
        if nxt.heading or nxt.brk or not nxt.readings or not nxt.readings[0][0]:
            break
        first = nxt.readings[0][0][0]
        if first.bullet or first.item or "［" in first.text or "］" in first.text:
            break
        out.append(first.text)
        if "。" in first.text:
            break
    return out


def _past_ahead(steps: list[Step], k: int) -> bool:
    after = _following(steps, k, AHEAD_LINES)
    return bool(after) and "。" in after[-1] and _tense(after[-1][: after[-1].index("。") + 1]) == 1


def _budget_tense(steps: list[Step], k: int, x: Piece, last: bool) -> int:
    """The tense of the sentence X's last budget is cited in, read to its 。 (0 where it ends on no line read)."""
    found = list(BUDGET_YEAR_RE.finditer(x.text))
    words = x.text[found[-1].end():] if found else x.text
    if "。" not in words and last:
        words += "".join(_following(steps, k, BUDGET_LINES))
    return _tense(words[: words.index("。") + 1]) if "。" in words else 0


def _leads_in(steps: list[Step], k: int) -> bool:
    """Does line K open a sentence (the line before ended one) that ends in a comma at a line's end, a bullet
    「・」 on the next line, no bullet of its own?"""
    if k == 0 or steps[k].brk or steps[k - 1].heading or not steps[k - 1].readings[0][0][-1].text.endswith("。"):
        return False
    first = steps[k].readings[0][0][0]
    if first.bullet or first.item or "。" in first.text:
        return False
    sentence = [first.text, *_following(steps, k, LEAD_LINES - 1)]
    if any("。" in t for t in sentence):
        return False
    end = next((i for i, t in enumerate(sentence) if t.endswith(("、", "，"))), None)
    if end is None:
        return False
    j = k + end + 1
    return j < len(steps) and not steps[j].heading and bool(DOT_BULLET_RE.match(steps[j].readings[0][0][0].text))


def _before(steps: list[Step], k: int) -> set[str]:
    """The last words of the line before K (each reading's last piece), on the same page."""
    if k == 0 or steps[k].brk or steps[k - 1].heading:
        return set()
    return {pieces[-1].text for pieces, _ in steps[k - 1].readings}


def _heading_rests(steps: list[Step]) -> dict[int, set[str]]:
    """The lines (by step) that print again an item heading's second line after other words than its first: each
    with its own words, as if it repeated the line before."""
    firsts: dict[str, set[str]] = {}  # an item heading's second line: the first lines it was printed after
    out: dict[int, set[str]] = {}
    for k in range(1, len(steps)):
        before, step = steps[k - 1], steps[k]
        if step.heading or before.heading or not step.readings[0][0] or not before.readings[0][0]:
            continue
        text, head = step.readings[0][0][0].text, before.readings[0][0][-1]
        if text in firsts and head.text not in firsts[text]:
            out[k] = {text}
        elif head.item and not step.readings[0][0][0].item:
            firsts.setdefault(text, set()).add(head.text)
    return out
