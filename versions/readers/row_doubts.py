"""Rows a text reading gets wrong with nothing else to name them: checks on the parsed edition.

text_checks names the rows that do not read as the report writes them. These checks name what the
readings that were SILENTLY different (every field read, no warning) still show, and what a correct
reading of the report never shows:

- a result or plan whose brackets do not pair (「…（マッチング件数21」 and 「…整備する。件）。」): a line's end
  was read into the other column, which closes what this one opened;
- a row without a title right after a row without a ministry tag: one row cut in two by a page break,
  its title read as the first part's description;
- the results' last bullet stopping mid-sentence (「・引き続き、開発に際しての手引きとなる開発ガイダン」): the
  plans' first line read as the results' last;
- plans restating the results of the row next to theirs, not their own (a plan most often restates its
  row's results, 「引き続き、…」): results or plans read one row along;
- a cell's items ①② that the same cell of a row up to two after goes on with (③…): one list read into two rows;
- results or plans opening with a bracketed note a particle goes on from (「（令和７年度予算…）において、…」): the
  cell's first line read elsewhere;
- a case particle right before a conjunction (「…」を及び「…」): another cell's last character read in;
- a cell whose first quote mark closes a quote (「…を進める」こと、及び「…」): another cell's line read in first.

Each warning names its row (layout-row-doubt, as text_checks', counted in its refusal share). Over the
generated layouts' readings (dev and seen sets) none named a row read right, nor a row of the editions
printed; the counts are in the commit messages.
"""

from __future__ import annotations

import re

from ..model.edition import Edition, ParseWarning
from .vocabulary import ENDED_RE, is_bullet_start

CODE = "layout-row-doubt"
OPENS, CLOSES = "（(", "）)"  # (「」 are not checked: the report's own text leaves some unpaired, 「…事業」」)
TAIL_ENDS = ("）", ")", "］")  # (a sentence's 。 ends the tail before it)


def row_doubts(edition: Edition) -> list[ParseWarning]:
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
    """A result or plan whose round brackets do not pair: the report closes every （ it opens within the bullet
    (「（令和7年度予算案：14億円の内数）」), so a line's end was read into the other column (pdfplumber printed
    one line of two cells and the piece 「件）。」 of the results went after the plans' 「。」)."""
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
    """A row without a title right after a row without a ministry tag: a row of the report has its title on
    its description's first lines and its tag at their end, so the two are one row that a page break cut,
    its title read as the first part's description (named already, no tag) and the rest as a row of its own."""
    ms = edition.measures
    return [ParseWarning(CODE, f"{m.id}: no title, right after {ms[k - 1].id}, which has no ministry tag: one row "
                         "cut in two by a page break?", m.page, m.line, m.id)
            for k, m in enumerate(ms) if k and not m.title and not m.first_line_lost and not ms[k - 1].ministries]


def results_stop_mid_sentence(edition: Edition) -> list[ParseWarning]:
    """The results' last bullet whose last sentence, a clause with its 、, stops without 「。」 or a bracket:
    the plans' first line was read as the results' last (their columns are side by side, and a plans line
    as long as a results paragraph's last one reads as either); an item of nouns (no 、) and a stated end
    (「事業終了」) end a cell so in the report. A text's last rows are checked too: a text that ends inside a
    row (an excerpt cut mid-row) does stop its last row's results, and that row is not the report's."""
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



def _grams(text: str, n: int = 3) -> set[str]:
    """The runs of N kanji, katakana or latin characters of TEXT: the words a plan restates from a result."""
    words = "".join(c if ("\u4e00" <= c <= "\u9fff" or "\u30a0" <= c <= "\u30ff" or c.isalnum()) else " " for c in text)
    return {w[k:k + n] for w in words.split() for k in range(len(w) - n + 1)}


def _restated(ms) -> dict[int, tuple[int, int, str]]:
    """Row k -> (the row one along whose results a plan of k restates, the words it shares with its own
    results, the plan's start): a plan most often restates its own row's results (「引き続き、…」)."""
    res = [_grams("".join(b.text for b in m.results)) for m in ms]
    found = {}
    for k, m in enumerate(ms):
        for b in m.plans:
            g = _grams(b.text)
            if len(g) < MIN_GRAMS:
                continue
            own = len(g & res[k])
            j = next((j for j in (k - 1, k + 1) if 0 <= j < len(ms)
                      and len(g & res[j]) >= max(SHARE * len(g), 2 * own + MARGIN)), None)
            if j is not None:
                found[k] = (j, own, b.text)
                break
    return found


def plans_of_another_row(edition: Edition) -> list[ParseWarning]:
    """A row whose plan restates the next (or last) row's results, sharing no word with its own; or two rows
    side by side whose plans each restate the results one row along, the same way: results or plans read one
    row along (the report has a plan restating its neighbour's results, but it shares words with its own too).
    A row between two such rows, shifted the same way, is in the run: its plan may restate little."""
    ms = edition.measures
    found = _restated(ms)
    shift = {k: j - k for k, (j, _, _) in found.items()}
    named = {k for k, (j, own, _) in found.items()
             if own == 0 or any(shift.get(i) == j - k for i in (k - 1, k + 1))}
    gaps = {k for k in range(1, len(ms) - 1) if k not in found and shift.get(k - 1) is not None
            and shift.get(k - 1) == shift.get(k + 1) and (k - 1 in named or k + 1 in named)}
    out = []
    for k in sorted(named | gaps | {k + d for k in gaps for d in (-1, 1)}):
        if k in found:
            j, _, plan = found[k]
            why = f"its plan 「{plan[:16]}…」 restates the results of {ms[j].id}, not its own"
        else:
            why = f"between two rows whose plans restate the results one row along ({ms[k - 1].id}, {ms[k + 1].id})"
        out.append(ParseWarning(CODE, f"{ms[k].id}: {why}: its results or plans read one row along?",
                                ms[k].page, ms[k].line, ms[k].id))
    return out


def _items(text: str) -> list[int]:
    """The numbers of TEXT's items ①②… in order."""
    return [ord(c) - 0x245F for c in text if "\u2460" <= c <= "\u2473"]


def items_continued_elsewhere(edition: Edition) -> list[ParseWarning]:
    """A row whose cell's items ①② the cell of a row up to ITEMS_REACH after it goes on with (③…): the report
    numbers each cell's list from ①, so the items are one list, read into two rows (pdfminer printed a row's
    first results paragraph and its items ①② after the results of the row two before). The later row is named
    already (its items do not start at ①); the earlier row's cell reads whole, with another row's text in it."""
    ms = edition.measures
    fields = [[_items(m.description), _items("".join(b.text for b in m.results)), _items("".join(b.text for b in m.plans))]
              for m in ms]
    out = []
    for k, m in enumerate(ms):
        for f, numbers in enumerate(fields[k]):
            if not numbers or numbers[0] == 1:
                continue
            j = next((j for j in range(k - 1, max(k - ITEMS_REACH, 0) - 1, -1)
                      if fields[j][f] and fields[j][f][-1] == numbers[0] - 1), None)
            if j is not None:
                out.append(ParseWarning(CODE, f"{ms[j].id}: its items end at {chr(0x245F + numbers[0] - 1)} and those of "
                                        f"{m.id} go on from {chr(0x245F + numbers[0])}: one list read into two rows?",
                                        ms[j].page, ms[j].line, ms[j].id))
    return out


# 「（令和７年度予算（案）：11.2億円）において、…」: a bracket, then a particle going on with the words before it
NOTE_THEN_PARTICLE_RE = re.compile(r"^[（(](?:[^（）()]|[（(][^（）()]*[）)])*[）)][ぁ-ゖ]")


def note_opens_cell(edition: Edition) -> list[ParseWarning]:
    """Results or plans opening with a bracketed note that a particle goes on from (「（令和７年度予算…）におい
    て、…」): a note follows what it is about (a program's name 「「…事業」」), so the cell's first line was read
    into another (pypdfium2 printed a plans line inside the results' sentence)."""
    out = []
    for m in edition.measures:
        for name, cell in (("results", m.results), ("plans", m.plans)):
            if cell and NOTE_THEN_PARTICLE_RE.match("".join(cell[0].text.split())):
                out.append(ParseWarning(CODE, f"{m.id}: its {name} open with a note 「{cell[0].text[:16]}…」 going on from "
                                        "words before it: their first line read elsewhere?", m.page, m.line, m.id))
    return out


# 「…評価指標」を及び「…」: a case particle right before a conjunction, which only joins nouns
PARTICLE_CONJUNCTION_RE = re.compile(r"[をがは](?:及び|並びに|又は|若しくは)")


def particle_before_conjunction(edition: Edition) -> list[ParseWarning]:
    """A row whose text puts a case particle right before a conjunction (「…評価指標」を及び「…」): 及び, 並びに,
    又は join nouns, never a particle to a noun, so the particle is another cell's line's last character, read
    into this cell (pdfplumber printed the description's 「…機能を」 with its 「を」 nearer the results column)."""
    out = []
    for m in edition.measures:
        for text in (m.description, *(b.text for b in (*m.results, *m.plans))):
            if found := PARTICLE_CONJUNCTION_RE.search("".join(text.split())):
                out.append(ParseWarning(CODE, f"{m.id}: 「{found.group(0)}」, a particle before a conjunction: another "
                                        "cell's character read into its text?", m.page, m.line, m.id))
                break
    return out


QUOTE_MARKS = {"「": 1, "｢": 1, "『": 1, "」": -1, "｣": -1, "』": -1}


def opens_mid_quote(edition: Edition) -> list[ParseWarning]:
    """A description, result or plan whose first quote mark closes a quote (「…を進める」こと、及び「…」): the
    report opens every quote in the text that closes it (the editions printed hold no such cell), so another
    cell's line was read in before this text's start (pdfplumber printed a results line where the description
    column was empty, and it was read as the description's: the lead's set 6727, silent)."""
    out = []
    for m in edition.measures:
        for text in (m.description, *(b.text for b in (*m.results, *m.plans))):
            first = next((c for c in text if c in QUOTE_MARKS), "")
            if QUOTE_MARKS.get(first, 0) < 0:
                out.append(ParseWarning(CODE, f"{m.id}: 「{text[:16]}…」 closes a quote 「{first}」 it never opened: "
                                        "another cell's line read in before it?", m.page, m.line, m.id))
                break
    return out


ITEMS_REACH = 2  # rows before: a row's cells may run past the next row's (pdfminer's boxes)
MIN_GRAMS = 8  # a plan's words, at least: a shorter one restates nothing for sure
SHARE = 0.4  # of them the other row's results hold
MARGIN = 4  # words more than twice its own results hold
CHECKS = (bullet_brackets, cut_row_untitled, results_stop_mid_sentence, plans_of_another_row, items_continued_elsewhere,
          note_opens_cell, particle_before_conjunction, opens_mid_quote)
