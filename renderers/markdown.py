"""Markdown for a pull-request comment: a summary table, then a collapsible <details> per change.

GitHub refuses comments over 65,536 characters, so the output stops before 65,000 with a note
that points to the full report. Every string of the Diff goes through escaping.markdown before a
line is written (titles, labels, programs, ids, text), so it reads as written and never as markup:
no <!-- that hides the rest of the comment, no <img> that fetches, no link, no cell split by a |.
The annual layer's sections are code blocks, where markup is inert and character references would
show as written: they get the Diff with its controls revealed only, in a fence longer than any run
of backticks in them, so no source can close it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..diffengine.diff import Diff
from ..diffengine.model import MeasureChange, Op
from ..diffengine.reasons import words
from .cite import (
    SCORE_NOTE,
    budget_cites,
    candidates_line,
    mark_line,
    measure_cites,
    move,
    parser_warnings,
    pdf_notes,
    warning_line,
)
from .escaping import escaped, markdown, reveal
from .money import yen
from .options import ReportOptions, mark_of
from .yearly_text import summary_lines, trajectory_lines, warning_lines, yearly_sections

_BACKTICKS_RE = re.compile("`+")
MD_LIMIT_ITEMS = 40  # ledger entries, unplanned results, programs shown per section; the rest summarised


def _cell(text: str) -> str:
    """A line of ours built from escaped strings, for one table cell or list item."""
    return text.replace("\n", " ")


def _code(lines: list[str]) -> str:
    """A fenced code block no line can close: the fence is longer than any run of backticks in it."""
    body = "\n".join(lines)
    longest = max((len(run) for run in _BACKTICKS_RE.findall(body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{body}\n{fence}"


def _inline(ops: tuple[Op, ...]) -> str:
    """Deletions struck, insertions bold: readable in a comment without colour."""
    out = []
    for op, text in ops:
        t = _cell(text)  # escaped with the whole Diff (render_markdown)
        out.append(t if op == "=" else (f"~~{t}~~" if op == "-" else f"**{t}**"))
    return "".join(out)


def _measure(m: MeasureChange, opts: ReportOptions) -> str:
    flags = " · moved" if m.moved else ""
    why = f" · {words(m.match.reasons, listed=True)} {m.match.score:.2f}" if m.match else ""
    head = f"<details><summary><b>{m.status}</b>{flags} · {m.old_id or '—'} → {m.new_id or '—'} · {_cell(m.label)}{why}</summary>\n"
    lines = [head, f"at {measure_cites(m)}\n"]
    if m.moved:
        lines.append(f"moved: {_cell(move(m))}\n")
    if m.candidates:
        lines.append(f"{_cell(candidates_line(m))}\n")
    lines += [f"> warning {_cell(warning_line(side, w))}\n" for side, w in m.warnings]
    if mark_of(opts, m.id):
        lines.append(f"**{_cell(mark_line(mark_of(opts, m.id)))}**\n")
    if m.group:
        lines.append(f"with {', '.join(m.group)}\n")
    if m.programs:
        lines.append("programs: " + ", ".join(("+" if op == "+" else "−") + _cell(p) for op, p in m.programs) + "\n")
    for c in m.changes:
        if c.format_only and not opts.show_format_only:
            continue
        lines.append(f"- **{c.field}**{' (format only)' if c.format_only else ''}: {_inline(c.ops)}")
    lines.append("\n</details>\n")
    return "\n".join(lines)


def render_markdown(diff: Diff, options: ReportOptions | None = None) -> str:
    opts = options or ReportOptions()
    raw = escaped(diff, reveal)  # for code blocks
    diff = escaped(raw, markdown)
    opts = replace(opts, marks=escaped(opts.marks, markdown))  # notes and names: someone else's text too
    s = diff.summary(opts.show_format_only)
    m, b = s["measures"], s["budgets"]
    assert isinstance(m, dict) and isinstance(b, dict)
    out = []
    for side in (diff.old, diff.new):
        if side.synthetic:
            out.append(f"> **SYNTHETIC**: {side.label} was made for tests and demonstrations; "
                       "it is not a real report.\n")
    out.append(f"### policydiff {diff.title}: {diff.old.label} → {diff.new.label}\n")
    out.append(f"<sub>{SCORE_NOTE} ({diff.options.match_threshold:.2f})</sub>\n")
    out += [f"<sub>{_cell(note)}</sub>\n" for note in pdf_notes(diff)]
    # Between years the first lines answer the auditor: plans carried out, budget steps that moved,
    # program events; then the Basic Plan's measures. One line per subject.
    lead = [_cell(x) + "  " for x in summary_lines(diff)]
    if diff.between_years:
        out += lead + [""]
    out.append("| measures | changed | added | removed | moved | split | merged | unchanged |")
    out.append("|---|---|---|---|---|---|---|---|")
    out.append(f"| {sum(m.values()) - m['moved']} | {m['changed']} | {m['added']} | {m['removed']} | {m['moved']} "
               f"| {m['split']} | {m['merged']} | {m['unchanged']} |\n")
    if not diff.between_years:
        out.append(f"Budget lines: {b['changed']} changed, {b['added']} added, {b['removed']} removed · "
                   f"renames and successions: {s['renames']}\n")
        out += lead + [""]
    body = []
    if diff.between_years:
        return _between_years(diff, raw, opts, out, body)
    if diff.budgets:
        body.append("#### Budget lines\n\n| status | program | FY | old | new | Δ yen | Δ % | where |\n"
                    "|---|---|---|---|---|---|---|---|")
        for x in diff.budgets:
            old = f"{yen(x.old.yen)} {x.old.kind}{' (内数)' if x.old.part_of else ''}" if x.old else "—"
            new = f"{yen(x.new.yen)} {x.new.kind}{' (内数)' if x.new.part_of else ''}" if x.new else "—"
            delta = yen(x.delta_yen, signed=True) if x.delta_yen is not None else "—"
            pct = f"{x.delta_pct:+.2f}%" if x.delta_pct is not None else "—"
            body.append(f"| {x.status} | {_cell(x.program)} | {x.fiscal_year or '—'} | {old} | {new} | {delta} | {pct} "
                        f"| {budget_cites(x.old, x.new)} |")
        body.append("")
    if diff.renames:
        body.append("#### Renames and successions\n\n| old | new | evidence | confidence | measure |\n|---|---|---|---|---|")
        body += [f"| {_cell(r.old)} | {_cell(r.new)} | {r.evidence} | {r.confidence:.2f} | {r.measure} |"
                 for r in diff.renames]
        body.append("")
    shown = [x for x in diff.measures if x.moved or diff.reads_as(x, opts.show_format_only) != "unchanged"]
    if shown:
        body.append("#### Measures\n")
        body += [_measure(x, opts) for x in shown]
    if diff.programs_added:
        body.append("Programs newly named: " + "、".join(_cell(p) for p in diff.programs_added) + "\n")
    if diff.programs_removed:
        body.append("Programs no longer named: " + "、".join(_cell(p) for p in diff.programs_removed) + "\n")
    warned = parser_warnings(diff)
    if warned:  # before the measures: short, and an auditor must see them even when the rest is cut
        body.insert(0, "#### Parser warnings\n\n" + "\n".join(f"- {_cell(warning_line(s, w))}" for s, w in warned) + "\n")
    if diff.within_edition and (steps := trajectory_lines(raw.budget_trajectories, limit=MD_LIMIT_ITEMS)):
        body.append("#### Budget trajectories (like for like)\n\n" + _code(steps) + "\n")
    if diff.warnings:
        body.append("#### Warnings\n\n" + "\n".join("- " + _cell(w.strip()) for w in warning_lines(diff.warnings)) + "\n")
    return _assemble(out, body, opts)


def _between_years(diff: Diff, raw: Diff, opts: ReportOptions, out: list[str], body: list[str]) -> str:
    """Two years: the Basic Plan changes first, then the annual layer, each section summarised."""
    shown = [x for x in diff.measures if diff.reads_as(x, opts.show_format_only) != "unchanged" or x.moved]
    if shown:
        body.append("#### Basic Plan changes\n")
        body += [_measure(x, opts) for x in shown]
    for heading, lines in yearly_sections(raw, limit=MD_LIMIT_ITEMS):
        body.append(f"#### {heading}\n\n" + _code(lines) + "\n")
    warned = parser_warnings(diff)
    if warned:
        body.insert(0, "#### Parser warnings\n\n" + "\n".join(f"- {_cell(warning_line(s, w))}" for s, w in warned) + "\n")
    return _assemble(out, body, opts)


def _assemble(out: list[str], body: list[str], opts: ReportOptions) -> str:
    text = "\n".join(out) + "\n"
    for k, chunk in enumerate(body):
        if len(text) + len(chunk) + 400 > opts.limit:
            where = f" See the full report: {markdown(opts.full_report)}." if opts.full_report else (
                " Run `policydiff diff … --format html -o report.html` for the full report.")
            text += (f"\n> **Truncated**: {len(body) - k} more section(s) left out to stay under GitHub's "
                     f"comment limit.{where}\n")
            break
        text += chunk + "\n"
    return text
