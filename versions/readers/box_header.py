"""The header of a table printed as pdfminer's text boxes: its cells, in whatever boxes they fall.

pdfminer boxes a header's cells as the layout analysis groups them, not one box a cell: reportlab's
「列1 列2 列3 令和６年度の実績・状況」 / 「令和７年度の取組予定」, 「担当列1 列2 列3 該当箇所」, Chromium's
「該当箇所 列1 列2 列3」 printed before the visions and goals that span the table and only then 「令和７年度の
実績・状況」. So a box is a header box when its words are header words only (the three labels, 「担当」 and
the hidden labels 「列N」), wherever it is printed; the first page's header is complete once its three
labels are read, and each later 「該当箇所」 is a page's repeated header (a page break).
"""

from __future__ import annotations

import re

from .box_state import Box
from .vocabulary import HEADER_START, HIDDEN_LABEL_RE, OFFICE_HEADER, PLANS_LABEL_RE, RESULTS_LABEL_RE

HEADER_LINES = 3  # a header box holds at most this many lines (a label wrapped in a narrow column)
# a hidden label wrapped: 「列」 at a line's end or before the next label (its digit on the next line or in the
# next box: dev 3092 「担当 列1 列2 列 該当箇所」 / 「3」), and that digit opening the next line (dev 3021 「2 列3」)
WRAPPED_LABEL_RE = re.compile(r"(?:^|\s)列(?=\s|$)|^\d\s+(?=列\s*\d)")
LABELS = (HEADER_START, "results", "plans")


def _labels(line: str) -> list[tuple[int, str]]:
    """The header labels a line holds, with where they start (the line must hold nothing else)."""
    found = [(m.start(), "results") for m in RESULTS_LABEL_RE.finditer(line)]
    found += [(m.start(), "plans") for m in PLANS_LABEL_RE.finditer(line)]
    found += [(m.start(), HEADER_START) for m in re.finditer(HEADER_START, line)]
    found += [(m.start(), OFFICE_HEADER) for m in re.finditer(OFFICE_HEADER, line)]
    return sorted(found)


def _rest(line: str) -> str:
    for pattern in (RESULTS_LABEL_RE, PLANS_LABEL_RE, WRAPPED_LABEL_RE, HIDDEN_LABEL_RE):
        line = pattern.sub("", line)
    return re.sub(r"\s", "", line.replace(HEADER_START, "").replace(OFFICE_HEADER, ""))


def is_header_box(box: Box) -> bool:
    """Are the box's words header words only (「該当箇所」, the two labels, 「担当」, 「列N」)?"""
    return len(box.lines) <= HEADER_LINES and all(not _rest(x) for x in box.lines)


def take_header(boxes: list[Box]) -> tuple[tuple[str, int], list[Box], list[Box]]:
    """The header cells (repeated on each page) out of the boxes: the first page's cells joined on one line
    (「該当箇所」 first, the labels in printed order), what is printed before the header (a title, a mark),
    and the table's boxes, each carrying its page (a later 「該当箇所」 starts a page)."""
    words: list[str] = []
    seen: set[str] = set()
    number = 0
    before: list[Box] = []
    rest: list[Box] = []
    pages = 0
    for box in _peeled(boxes):
        if is_header_box(box):
            labels = [label for line in box.lines for _, label in _labels(line)]
            if HEADER_START in labels and HEADER_START in seen or seen >= set(LABELS):
                pages += HEADER_START in labels  # the header repeated on a later page
                if OFFICE_HEADER in labels and OFFICE_HEADER not in seen and not pages:
                    seen.add(OFFICE_HEADER)  # 「担当」 printed after the three labels (dev 3013: the office last)
                    words.append(OFFICE_HEADER)
                continue
            number = number or box.numbers[0]
            for label in labels:
                if label not in seen:
                    seen.add(label)
                    words.append(label)
            continue
        box.page += pages
        (rest if number else before).append(box)
    # (the labels in the report's order: pdfminer prints a header's boxes in no telling order)
    line = " ".join(x for x in [HEADER_START] + [_text(boxes, w) for w in LABELS[1:] + (OFFICE_HEADER,)
                                                 if w in words] if x)
    return (line if HEADER_START in seen else "", number), before, rest


def office_first(boxes: list[Box]) -> bool:
    """Does the first header print 「担当」 before both its results and plans labels (the office column
    leftmost: dev 3001 「担当列1 列2 列3 該当箇所」, 3028 「列1 該当箇所」 / 「担当」 / 「列2 令和６年度の実績・状況」)?
    Its offices are then printed before their rows' text, where a page's offices may come all together
    before its rows (dev 3012)."""
    seen: list[str] = []
    for box in _peeled(boxes):
        if is_header_box(box):
            seen += [label for line in box.lines for _, label in _labels(line) if label not in seen]
            if {"results", "plans", OFFICE_HEADER} <= set(seen):
                break
    return OFFICE_HEADER in seen and all(seen.index(OFFICE_HEADER) < seen.index(x) for x in ("results", "plans")
                                         if x in seen)


def _peeled(boxes: list[Box]) -> list[Box]:
    """The boxes, a header cell printed in one box with what follows it (「該当箇所 列1 列2 列3」 /
    「（１）「医療機器の…」に向けて」) taken out as a box of its own."""
    out: list[Box] = []
    for box in boxes:
        k = 0
        while k < min(HEADER_LINES, len(box.lines) - 1) and not _rest(box.lines[k]):
            k += 1
        if k:
            out.append(Box(box.lines[:k], box.numbers[:k], box.page))
            box = Box(box.lines[k:], box.numbers[k:], box.page)
        out.append(box)
    return out


def _text(boxes: list[Box], label: str) -> str:
    """A label's words as printed (「令和６年度の実績・状況」), from the first header box that holds it."""
    if label == OFFICE_HEADER:
        return OFFICE_HEADER
    pattern = RESULTS_LABEL_RE if label == "results" else PLANS_LABEL_RE
    for box in boxes:
        if is_header_box(box):
            for line in box.lines:
                m = pattern.search(line)
                if m:
                    return m.group(0)
    return ""
