"""A small inline SVG chart of one program's budget trajectory: amounts by fiscal year and kind.

No library and no script: plain SVG elements with presentation attributes (fill, stroke), which the
report's Content-Security-Policy allows (it forbids inline style attributes, not these). Enacted
budgets are filled circles joined by a line, requests hollow circles, 補正 triangles; a 内数 amount
(a share of a larger line) is drawn dashed and never joined to a whole amount. A <title> and a <desc>
carry the same facts as text, and the table next to the chart says everything the chart shows.
Deterministic: the same trajectory gives the same bytes.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..diffengine.trajectories import Trajectory
from .money import yen

WIDTH, HEIGHT = 260, 96
LEFT, RIGHT, TOP, BOTTOM = 8, 8, 10, 22
KIND_OFFSET = {"initial": 0.0, "request": 7.0, "supplementary": -7.0, "other": 3.5}  # same year, side by side
KIND_COLOUR = {"initial": "#1f5fa8", "request": "#8a5a00", "supplementary": "#2e7d32", "other": "#666666"}


def _x(fy: int, years: list[int]) -> float:
    if len(years) == 1:
        return LEFT + (WIDTH - LEFT - RIGHT) / 2
    return LEFT + (WIDTH - LEFT - RIGHT) * (years.index(fy) + 0.5) / len(years)


def _y(amount: int, top: int) -> float:
    usable = HEIGHT - TOP - BOTTOM
    return TOP + usable - usable * amount / top if top else TOP + usable


def _marker(kind: str, x: float, y: float, part_of: bool) -> str:
    colour = KIND_COLOUR.get(kind, KIND_COLOUR["other"])
    dash = ' stroke-dasharray="2 2"' if part_of else ""
    if kind == "supplementary":
        return (f'<polygon points="{x:.1f},{y - 5:.1f} {x - 5:.1f},{y + 4:.1f} {x + 5:.1f},{y + 4:.1f}" '
                f'fill="{colour if not part_of else "none"}" stroke="{colour}"{dash}/>')
    fill = colour if kind == "initial" and not part_of else "#ffffff"
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{fill}" stroke="{colour}" stroke-width="1.5"{dash}/>'


def trajectory_svg(t: Trajectory, label: str = "") -> Markup:
    """The chart of T; LABEL is the accessible name (the program name by default)."""
    amounts = [p for p in t.points if p.yen is not None]
    points = [p for p in amounts if p.edition == "new"] + [
        p for p in amounts if p.edition == "old"
        and not any(q.edition == "new" and (q.fiscal_year, q.kind) == (p.fiscal_year, p.kind) for q in amounts)]
    years = sorted({p.fiscal_year for p in points})
    if not points:
        return Markup("")
    top = max(p.yen for p in points)
    parts = [f'<svg class="budget-chart" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img">',
             f"<title>{escape(label or t.program)}</title>",
             "<desc>" + str(escape("; ".join(f"FY{p.fiscal_year} {p.kind} {yen(p.yen)}" + (" (内数)" if p.part_of else "")
                                             for p in sorted(points, key=lambda p: (p.fiscal_year, p.kind))))) + "</desc>",
             f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="#999999"/>']
    enacted = sorted((p for p in points if p.kind == "initial" and not p.part_of), key=lambda p: p.fiscal_year)
    if len(enacted) > 1:
        path = " ".join(f"{_x(p.fiscal_year, years):.1f},{_y(p.yen, top):.1f}" for p in enacted)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{KIND_COLOUR["initial"]}" stroke-width="1.5"/>')
    for p in sorted(points, key=lambda p: (p.fiscal_year, p.kind, p.yen)):
        x = _x(p.fiscal_year, years) + KIND_OFFSET.get(p.kind, 0.0)
        parts.append(_marker(p.kind, x, _y(p.yen, top), p.part_of))
    for fy in years:
        parts.append(f'<text x="{_x(fy, years):.1f}" y="{HEIGHT - 6}" font-size="10" text-anchor="middle" '
                     f'fill="#333333">FY{fy}</text>')
    parts.append(f'<text x="{LEFT}" y="{TOP - 1}" font-size="9" fill="#555555">{escape(yen(top))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
