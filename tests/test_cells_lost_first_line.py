"""A title told only by a character's room must read as a heading (cells._title)."""

from __future__ import annotations

from dataclasses import replace

from policydiff.versions.readers.cells import measure_draft
from policydiff.versions.readers.geometry import DESCRIPTION, Geometry
from policydiff.versions.readers.table import Cell, Line


def _cell(texts: list[str], first_slack: float) -> Cell:
    return Cell([Line(k + 1, 6, text, text, slack=first_slack if k == 0 else 0.0) for k, text in enumerate(texts)])


def test_a_description_whose_first_line_was_lost_is_no_title_for_stopping_a_character_short():
    # the lead's 6736 (Chromium, 8 pt, wide plans: the description 15 cells wide; a PDF's geometry: a title 3 ems short): m016's description starts
    # mid-word, its first line lost in the source, and its first printed line stops a character short where
    # 「拠点」 wraps; it was read as a title 「テンシャルを有する地域連携拠」
    geometry = replace(Geometry.from_widths(15.0, 20.0, 30.0, title_max=15.0), title_short=3.0)
    lost = _cell(["テンシャルを有する地域連携拠", "点については、地域における医", "療機器の研究開発のエコシステ",
                  "ムの中心となるよう支援する。"], 1.0)
    draft = measure_draft({DESCRIPTION: lost}, geometry)
    assert draft.title is None
    assert draft.description.startswith("テンシャルを有する地域連携拠点については")
    # (6753: 「握したサプライチェーン上の問題を」, a particle at its end, no heading either)
    lost = _cell(["握したサプライチェーン上の問題を", "踏まえて、平時から供給力を高める", "ことに取り組む。［◎厚、◎経］"], 1.0)
    assert measure_draft({DESCRIPTION: lost}, replace(Geometry.from_widths(17.0, 20.0, 30.0, title_max=17.0), title_short=3.0)).title is None
    # a title that stops a character short and reads as a heading is still one (m007 of the same PDF)
    titled = _cell(["AI研究開発に必要な人材の育成", "医療機器の研究開発において、AI", "を活用した開発が進む中で、必要"], 1.0)
    assert measure_draft({DESCRIPTION: titled}, geometry).title.text == "AI研究開発に必要な人材の育成"
