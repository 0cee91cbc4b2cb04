"""The timeline for a terminal: editions and their relations, then measures, programs and follow-through.

Every line drawn on a synthetic edition says so (a `*` after its label, explained at the top), and
the header counts the real years alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..diffengine.timeline_model import PARTS, BudgetPoint, Timeline
from .escaping import one_line
from .money import yen

# One character between two ids of a lineage: what the step from one edition to the next did.
STEP_MARKS = {"unchanged": "=", "changed": "~", "added": "+", "removed": "x", "split": "<", "merged": ">"}
LEGEND = "= unchanged  ~ changed  # moved  + added  x removed  < split  > merged  · not in that edition"
KIND_NAMES = {"initial": "budget", "request": "request", "supplementary": "supplementary", "other": "other"}


def _label(t: Timeline, label: str) -> str:
    return one_line(label) + ("*" if t.edition(label).synthetic else "")


def _amount(p: BudgetPoint) -> str:
    return f"FY{p.fiscal_year} {KIND_NAMES.get(p.kind, p.kind)} " + (yen(p.yen) if p.yen is not None else "(amount pending)") \
        + ("の内数" if p.part_of else "")


def _header(t: Timeline) -> list[str]:
    years = t.real_years
    real = f"{len(years)} real year(s) ({', '.join(f'FY{y}' for y in years)})" if years else "no real year"
    out = [f"{one_line(t.document)}: {len(t.editions)} edition(s), {real}"]
    if t.synthetic_editions:
        out.append(f"*** {', '.join(t.synthetic_editions)}: SYNTHETIC edition(s), not real reports; marked * below, "
                   "never counted as a real year ***")
    out.append("")
    out.append("Editions (fiscal order)")
    for k, e in enumerate(t.editions):
        out.append(f"  {_label(t, e.label)}  results FY{e.results_fy} / plans FY{e.plans_fy}"
                   + ("  SYNTHETIC" if e.synthetic else ""))
        if k < len(t.steps):
            out.append(f"    | {t.steps[k].relation}")
    return out


def _measures(t: Timeline) -> list[str]:
    changed = sum(any(s and s.status != "unchanged" for s in m.steps) for m in t.measures)
    out = ["", f"Measures ({len(t.measures)} lineages, {changed} with a change; columns: "
           + " ".join(_label(t, e.label) for e in t.editions) + ")", "  " + LEGEND]
    width = max((len(i) for m in t.measures for i in m.ids if i), default=4)
    for m in t.measures:
        cells = []
        for k, mid in enumerate(m.ids):
            cells.append((mid or "·").ljust(width))
            if k < len(m.steps):
                s = m.steps[k]
                cells.append(" " if s is None else "#" if s.moved and s.status == "unchanged" else
                             STEP_MARKS.get(s.status, "?"))
        line = f"  {' '.join(cells)}  {one_line(m.title)}"
        if m.origin:
            line += f"  ({one_line(m.origin)})"
        out.append(line)
        for k, s in enumerate(m.steps):
            if s and (s.status == "changed" and s.fields or s.partners):
                what = ", ".join(s.fields) if s.status == "changed" else s.status
                out.append(f"      {t.steps[k].old} → {t.steps[k].new}: {what}"
                           + (f" (with {', '.join(s.partners)})" if s.partners else ""))
    return out


def _programs(t: Timeline) -> list[str]:
    out = ["", f"Programs ({len(t.programs)}; budget series by edition and kind, 内数 apart)"]
    for p in t.programs:
        out.append(f"  {one_line(p.name)}" + (f"  (formerly {' → '.join(one_line(n) for n in p.names[:-1])})"
                                               if len(p.names) > 1 else ""))
        for e in t.editions:
            mine = [x for x in p.points if x.edition == e.label]
            if mine:
                out.append(f"    {_label(t, e.label)}: " + " · ".join(_amount(x) for x in mine))
                out += [f"      also cited: {one_line(a)}" for x in mine for a in x.also]
        for ev in p.events:
            s = t.steps[ev.step]
            out.append(f"    {_label(t, s.old)} → {_label(t, s.new)}: {ev.event} {one_line(ev.program)}"
                       + (f" → {one_line(ev.successor)}" if ev.successor else "") + f" ({ev.measure})")
        if not p.points and not p.events:
            out.append(f"    named in {', '.join(_label(t, x) for x in p.editions)}")
    return out


def _follow_through(t: Timeline) -> list[str]:
    out = ["", "Follow-through (last year's plans against this year's results)"]
    if not t.follow_through:
        out.append("  no next-year step: no plans to follow")
    for y in t.follow_through:
        counts = ", ".join(f"{o} {n}" for o, n in y.outcomes)
        out.append(f"  FY{y.plans_fy} plans, {_label(t, y.old)} → {_label(t, y.new)}: {y.plans} plans: {counts}; "
                   f"promised again {y.promised_again}; {y.unplanned} unplanned results"
                   + ("  SYNTHETIC" if y.synthetic else ""))
    running = [p for p in t.promises if p.years_running >= 2]
    out += ["", f"Promised again 2 or more years running ({len(running)}; never done first)"]
    for p in sorted(running, key=lambda p: (-p.years_running, "done" in p.outcomes, p.editions[0], p.key)):
        out.append(f"  {p.years_running} years: " + " → ".join(f"{m or '?'} ({_label(t, e)})" for e, m in
                                                               zip(p.editions, p.measures, strict=True))
                   + f"  [{', '.join(p.outcomes)}]")
        out.append(f"      {one_line(p.text)}")
    out += ["", f"Dropped and never mentioned again ({len(t.dropped)})"]
    for d in t.dropped:
        later = f"in {d.later_editions} later edition(s)" if d.later_editions else "(no later edition yet)"
        out.append(f"  {d.measure} line {d.line}, {_label(t, d.old)} → {_label(t, d.new)}, not mentioned again {later}")
        out.append(f"      {one_line(d.text)}")
    return out


def render_timeline_text(timelines: Sequence[Timeline], parts: Iterable[str] = PARTS) -> str:
    wanted = set(parts)
    out: list[str] = []
    for n, t in enumerate(timelines):
        if n:
            out += ["", ""]
        out += _header(t)
        if "measures" in wanted:
            out += _measures(t)
        if "programs" in wanted:
            out += _programs(t)
        if "follow-through" in wanted:
            out += _follow_through(t)
    return "\n".join(out) + "\n"
