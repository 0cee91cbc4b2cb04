"""Columns of a PDF table without vertical rules (pdf_columns.py), on characters as pdf_page gives them."""

from __future__ import annotations

from collections import Counter

from policydiff.versions.readers.pdf_columns import column_starts, ruled_span, text_below


def _char(text: str, x0: float, top: float, size: float = 5.0, raise_by: float = 0.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top - raise_by, "bottom": top + size, "size": size}


def _rule(y: float, x0: float = 50.0, x1: float = 550.0) -> dict:
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "orientation": "h"}


def test_a_few_texts_after_a_blank_left_of_a_column_are_not_its_bullets():
    # seed 13: the 担当 column starts at 506; two texts after a blank at 499, inside the results column,
    # were taken for its hanging bullets and the boundary drawn through the results' lines.
    starts = Counter({57: 63, 244: 21, 249: 64, 355: 23, 360: 75, 499: 2, 506: 31})
    assert column_starts(starts, 4, 5.0) == [57.0, 244.0, 355.0, 506.0]


def test_a_page_number_right_below_the_table_is_no_row_of_it():
    # 「1 / 9」: the slash's box stands higher than the digits; read in order it is a page number, and the
    # table does not go on below its rules.
    number = [_char("1", 500, 300), _char(" ", 505, 300), _char("/", 510, 300, raise_by=0.5), _char(" ", 515, 300),
              _char("9", 520, 300)]
    assert not text_below(number, (50.0, 100.0, 550.0, 292.0))
    assert text_below([_char("続", 60, 294)], (50.0, 100.0, 550.0, 292.0))
    span = ruled_span([_rule(100), _rule(292)], number, 600.0, False)
    assert span is not None and span[3] == 292
