"""A program's budget series across editions as inline SVG: one point per edition and kind.

The x axis is the editions in fiscal order (a synthetic one labelled so), the y axis yen. Each kind
is a series (budget, supplementary, request, other) and 内数 a series of its own, drawn dashed and
never joined to a whole amount; points of one series are joined across editions. A request without
an amount yet (予算要求中) sits on the axis as a hollow square. No script and no style attribute
(the page's CSP forbids them): presentation attributes only, as budget_chart.py. Each point carries
data-edition, data-kind and data-part-of, and a <title> that says the same as the table beside it.
Deterministic: the same series gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from ..diffengine.timeline_model import BudgetPoint, ProgramLine, TimelineEdition
from .escaping import reveal
from .money import yen

LEFT, RIGHT, TOP, BOTTOM = 52, 12, 14, 34
BAND = 64  # width per edition
HEIGHT = 190
KINDS = ("initial", "supplementary", "request", "other")
KIND_OFFSET = {"initial": -12.0, "supplementary": -4.0, "request": 4.0, "other": 12.0}
KIND_COLOUR = {"initial": "#1f5fa8", "request": "#8a5a00", "supplementary": "#2e7d32", "other": "#555555"}
KIND_LABEL = {"ja": {"initial": "予算", "request": "概算要求・予算案", "supplementary": "補正予算", "other": "その他"},
              "en": {"initial": "budget", "request": "request", "supplementary": "supplementary", "other": "other"}}


def _series_key(p: BudgetPoint) -> tuple[int, bool]:
    return (KINDS.index(p.kind) if p.kind in KINDS else len(KINDS), p.part_of)


def point_title(p: BudgetPoint, lang: str = "ja") -> str:
    kind = KIND_LABEL[lang].get(p.kind, p.kind)
    amount = yen(p.yen, lang=lang) if p.yen is not None else ("額未定" if lang == "ja" else "amount pending")
    part = (" の内数" if lang == "ja" else " (share of a larger line)") if p.part_of else ""
    fake = " [SYNTHETIC]" if p.synthetic else ""
    return f"{p.edition}{fake}: FY{p.fiscal_year} {kind} {amount}{part}"


def program_chart(program: ProgramLine, editions: Sequence[TimelineEdition], lang: str = "ja") -> Markup:
    """The chart of PROGRAM over EDITIONS (all of the timeline's, so charts of one document align)."""
    points = list(program.points)
    if not points:
        return Markup("")
    labels = [e.label for e in editions]
    width = LEFT + RIGHT + BAND * len(labels)
    top = max((p.yen for p in points if p.yen is not None), default=0) or 1
    usable = HEIGHT - TOP - BOTTOM

    def x(p: BudgetPoint) -> float:
        return LEFT + BAND * (labels.index(p.edition) + 0.5) + KIND_OFFSET.get(p.kind, 0.0)

    def y(p: BudgetPoint) -> float:
        return TOP + usable - usable * (p.yen or 0) / top

    name = reveal(program.name)
    desc = "; ".join(point_title(p, lang) for p in points)
    parts = [f'<svg class="series-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
             f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-labelledby="{program.key}-title {program.key}-desc">',
             f'<title id="{program.key}-title">{escape(name)}</title><desc id="{program.key}-desc">{escape(reveal(desc))}</desc>',
             f'<line x1="{LEFT}" y1="{TOP + usable}" x2="{width - RIGHT}" y2="{TOP + usable}" stroke="#888888"/>',
             f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + usable}" stroke="#cccccc"/>',
             f'<text x="{LEFT - 4}" y="{TOP + 4}" font-size="10" text-anchor="end" fill="#444444">{escape(yen(top))}</text>',
             f'<text x="{LEFT - 4}" y="{TOP + usable}" font-size="10" text-anchor="end" fill="#444444">0</text>']
    for k, e in enumerate(editions):
        cx = LEFT + BAND * (k + 0.5)
        parts.append(f'<text x="{cx:.1f}" y="{HEIGHT - 18}" font-size="10" text-anchor="middle" fill="#333333">'
                     f'FY{e.results_fy}</text>')
        if e.synthetic:
            parts.append(f'<text x="{cx:.1f}" y="{HEIGHT - 6}" font-size="9" text-anchor="middle" fill="#8a4b00">'
                         'SYNTHETIC</text>')
    series: dict[tuple[int, bool], list[BudgetPoint]] = {}
    for p in points:
        series.setdefault(_series_key(p), []).append(p)
    for (_, part_of), mine in sorted(series.items()):
        mine = sorted((p for p in mine if p.yen is not None), key=lambda p: labels.index(p.edition))
        if len(mine) > 1:
            colour = KIND_COLOUR.get(mine[0].kind, KIND_COLOUR["other"])
            dash = ' stroke-dasharray="4 3"' if part_of else ""
            path = " ".join(f"{x(p):.1f},{y(p):.1f}" for p in mine)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="1.5"{dash}/>')
    for p in sorted(points, key=lambda p: (labels.index(p.edition), _series_key(p))):
        parts.append(_marker(p, x(p), y(p), lang))
    parts.append("</svg>")
    return Markup("".join(parts))


def _marker(p: BudgetPoint, x: float, y: float, lang: str) -> str:
    colour = KIND_COLOUR.get(p.kind, KIND_COLOUR["other"])
    dash = ' stroke-dasharray="2 2"' if p.part_of else ""
    data = (f'class="point" data-edition="{escape(p.edition)}" data-kind="{p.kind}" '
            f'data-part-of="{"yes" if p.part_of else "no"}"')
    title = f"<title>{escape(reveal(point_title(p, lang)))}</title>"
    if p.yen is None:
        return (f'<rect {data} x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="#ffffff" stroke="{colour}" '
                f'stroke-width="1.5"{dash}>{title}</rect>')
    if p.kind == "supplementary":
        return (f'<polygon {data} points="{x:.1f},{y - 5:.1f} {x - 5:.1f},{y + 4:.1f} {x + 5:.1f},{y + 4:.1f}" '
                f'fill="{"none" if p.part_of else colour}" stroke="{colour}"{dash}>{title}</polygon>')
    fill = colour if p.kind == "initial" and not p.part_of else "#ffffff"
    return (f'<circle {data} cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{fill}" stroke="{colour}" stroke-width="1.5"{dash}>'
            f'{title}</circle>')
