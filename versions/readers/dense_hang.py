"""A bullet's first line hanging a cell past its column: some layouts print a bullet's wrapped lines indented
under its text (「・医療機器開発ガイドライン事業において…」 / 「　イダンス2024」…), so the first line, the mark
in the indent, is a cell wider than the lines under it. A column's width is measured from the lines that wrap,
most of them such indented lines, so there its bullets' first lines pass the width measured by a cell (a plan
「・引き続き、開発に際しての手引きとなる開発ガイダンスを策定に努める。」 fitting no column, read into the cell
before it). The text shows the layout: where bullets hang, a wrapped bullet's first line is on average most of
a cell wider than the wrapped line under it (0.67 cells or more in the 322 such layouts of the eleven sets seen),
where they do not, less (at most 0.59, in 318: a line of punctuation or Latin prints narrower or wider)."""

from __future__ import annotations

from ..model.normalize import display_width
from .vocabulary import is_bullet_start

HANG = 1.0  # cells a hanging bullet's first line passes its column's width as measured
HANGING = 0.63  # cells a wrapped bullet's first line is wider than the line under it, on average, where bullets hang
CLIP = 2.0  # cells of one pair's difference counted at most (a line with a Latin word may differ by more)
MIN_BULLETS = 10  # wrapped bullets needed to tell


def bullet_hang(lines: list[str]) -> float:
    """HANG where the text's bullets hang (their first line a cell wider than the wrapped lines under it), else 0."""
    text = [x.strip() for x in lines]
    wider: list[float] = []
    for x, y, z in zip(text, text[1:], text[2:], strict=False):
        if not (x and y and z) or " " in x + y + z or not is_bullet_start(x) or x.endswith("。") \
                or y.endswith("。") or is_bullet_start(y) or is_bullet_start(z) or y.startswith("［") \
                or z.startswith("［"):
            continue  # (a bullet's first line X and its second Y both wrap: both are full)
        wider.append(max(-CLIP, min(CLIP, display_width(x) - display_width(y))))
    return HANG if len(wider) >= MIN_BULLETS and sum(wider) >= HANGING * len(wider) else 0.0
