"""A plain-text summary of one edition, for `policydiff show` on a terminal.

Every control character a source brought (ESC, C1, bidi) is shown as ⟨U+XXXX⟩, never sent raw; the
source file name also shows its tabs and newlines, so it stays on its line.
"""

from __future__ import annotations

from ..versions.model.edition import Edition
from .cite import named_message
from .escaping import one_line, reveal
from .money import yen
from .options import ReportOptions


def render_edition_text(ed: Edition, options: ReportOptions | None = None) -> str:
    measures = not (options or ReportOptions()).summary_only
    c = ed.counts()
    out = []
    if ed.synthetic:
        out.append(f"*** SYNTHETIC EDITION — not a real report: {ed.synthetic_note or 'made for tests and demonstrations'} ***")
    out += [f"*** DOUBTFUL READING: {w.message} ***" for w in ed.warnings if w.code == "reading-doubtful"]
    out += [
        f"{ed.name}  results FY{ed.results_fy} ({ed.results_label}) · plans FY{ed.plans_fy} ({ed.plans_label})",
        f"source: {one_line(ed.source.name)}  sha256 {ed.source.sha256[:12]}…  {ed.source.encoding}, {ed.source.size:,} bytes",
        f"{c['visions']} visions · {c['goals']} goals · {c['measures']} measures · {c['bullets']} bullets · "
        f"{c['budgets']} budget lines · {c['programs']} programs · {c['successions']} successions · "
        f"{c['warnings']} warnings",
    ]
    if measures:
        goals = {g.id: g for g in ed.goals}
        visions = {v.number: v for v in ed.visions}
        last_vision, last_goal = None, None
        for m in ed.measures:
            if m.vision != last_vision:
                v = visions.get(m.vision)
                out += ["", v.title if v else "(no vision)"]
                last_vision = m.vision
            if m.goal != last_goal:
                out.append(f"  {goals[m.goal].title or '(no goal)'}")
                last_goal = m.goal
            mins = "、".join(("◎" if x.lead else "") + x.code for x in m.ministries) or "—"
            flags = "".join(f" [{f}]" for f, on in (("再掲", m.reposted), ("first line lost", m.first_line_lost)) if on)
            office = f" 担当 {m.office}" if m.office else ""
            out.append(f"    {m.id} {m.label}  ［{mins}］{office} results {len(m.results)} · plans {len(m.plans)}"
                       f"  (p.{m.page} l.{m.line}){flags}")
    budgets = ed.budgets()
    if budgets:
        out += ["", "Budget lines:"]
        for m, col, _, b in budgets:
            fy = f"FY{b.fiscal_year}" if b.fiscal_year else "FY?"
            part = " (内数)" if b.part_of else ""
            out.append(f"  {m.id} {col:<7} {fy} {b.kind:<13} {yen(b.yen):>10}{part}  {b.program or '—'}  p.{b.page} l.{b.line}")
    if ed.successions():
        out += ["", "Successions:"]
        for m, _, _, s in ed.successions():
            out.append(f"  {m.id} {s.old} → {s.new}  p.{s.page} l.{s.line}")
    if ed.warnings:
        out += ["", "Warnings:"]
        out += [f"  p.{w.page} l.{w.line} {w.code}: {named_message(w)}" for w in ed.warnings]
    return reveal("\n".join(out) + "\n")
