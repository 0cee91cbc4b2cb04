"""Line breaking for the reportlab producer: Japanese wrapping by width with kinsoku, latin words whole.

Lines are cut where the next character would cross the cell's width, as a word processor does; a line
may not start with closing punctuation (kinsoku), and a latin word is never broken (「ViCLE」).
"""

from __future__ import annotations

from dataclasses import dataclass

# Characters a line may not start with: the wrapper moves one more character down.
NO_START = set("、。，．・）」』】〕＞ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ：；！？％,.:;)]｣")
BULLET = "・"


@dataclass(frozen=True)
class Line:
    text: str
    indent: float  # points from the cell's left edge
    bold: bool = False


def _latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _cut(text: str, start: int, i: int) -> int:
    """Where to cut TEXT[start:] when character I no longer fits."""
    cut = i
    while cut - 1 > start and text[cut] in NO_START:
        cut -= 1
    word = cut
    while word - 1 > start and _latin(text[word - 1]) and _latin(text[word]):
        word -= 1
    return word if word > start else cut


def wrap(text: str, width: float, font: str, size: float, hang: bool = False, bold: bool = False) -> list[Line]:
    """TEXT broken into lines of at most WIDTH points; with HANG, a bullet's later lines start under
    its text rather than under the 「・」."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    indent = stringWidth(BULLET, font, size) if hang and text.startswith(BULLET) else 0.0
    out: list[Line] = []
    start, i, x, avail = 0, 0, 0.0, width
    while i < len(text):
        w = stringWidth(text[i], font, size)
        if x + w > avail and i > start:
            cut = _cut(text, start, i)
            out.append(Line(text[start:cut], indent if out else 0.0, bold))
            start, i, x, avail = cut, cut, 0.0, width - indent
            continue
        x += w
        i += 1
    out.append(Line(text[start:], indent if out else 0.0, bold))
    return out


def wrap_all(blocks: list[str], width: float, font: str, size: float, hang: bool = False) -> list[Line]:
    return [line for b in blocks for line in wrap(b, width, font, size, hang)]
