"""Terminal output: a --stat style summary, then a git-like word diff of each changed measure.

Deletions and insertions read as [-…-] and {+…+}, as `git diff --word-diff=plain` prints them; colour,
only when asked (the CLI decides from --color and NO_COLOR), is added around the markers, never instead.
No source string reaches the terminal raw: every string of the Diff has its controls shown as ⟨U+001B⟩
first (escaping.reveal), so the only escape sequences in the output are our own colours.
"""

from __future__ import annotations

from dataclasses import replace

from ..diffengine.diff import Diff
from ..diffengine.model import BudgetChange, MeasureChange, Op
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
from .escaping import escaped, one_line, reveal
from .money import yen
from .options import ReportOptions, mark_of
from .yearly_text import summary_lines, trajectory_lines, warning_lines, yearly_sections

RED, GREEN, BOLD, DIM, CYAN, YELLOW, RESET = "\033[31m", "\033[32m", "\033[1m", "\033[2m", "\033[36m", "\033[33m", "\033[0m"
SIGN = {"changed": "~", "added": "+", "removed": "-", "split": "<", "merged": ">", "unchanged": " "}


def _c(opts: ReportOptions, code: str, text: str) -> str:
    return f"{code}{text}{RESET}" if opts.color and text else text


def word_diff(ops: tuple[Op, ...], opts: ReportOptions) -> str:
    out = []
    last = len(ops) - 1
    for k, (op, text) in enumerate(ops):
        if op == "=":
            c = opts.context
            if k == 0:
                text = ("…" + text[-c:]) if len(text) > c else text
            elif k == last:
                text = (text[:c] + "…") if len(text) > c else text
            elif len(text) > 2 * c:
                text = text[:c] + " … " + text[-c:]
            out.append(text)
        elif op == "-":  # the markers stay with colour: a log that drops colour must not read 「1424」
            out.append(_c(opts, RED, f"[-{text}-]"))
        else:
            out.append(_c(opts, GREEN, f"{{+{text}+}}"))
    return "".join(out).replace("\n", " ⏎ ")


def _header(diff: Diff, opts: ReportOptions) -> list[str]:
    lines = []
    for side in (diff.old, diff.new):
        if side.synthetic:
            lines.append(_c(opts, YELLOW + BOLD, f"*** {side.label} is a SYNTHETIC edition (made for tests and "
                                                  "demonstrations), not a real report ***"))
    lines.append(_c(opts, BOLD, f"policydiff {diff.title}: {diff.old.label} → {diff.new.label}"))
    lines += [" " + x for x in summary_lines(diff)]
    s = diff.summary(opts.show_format_only)
    m, b = s["measures"], s["budgets"]
    assert isinstance(m, dict) and isinstance(b, dict)
    lines.append(f" measures: {m['changed']} changed, {m['added']} added, {m['removed']} removed, {m['moved']} moved, "
                 f"{m['split']} split, {m['merged']} merged, {m['unchanged']} unchanged")
    if not diff.between_years:  # between years the budget steps and program events above say it
        lines.append(f" budgets: {b['changed']} changed, {b['added']} added, {b['removed']} removed · "
                     f"renames and successions: {s['renames']}")
        if diff.programs_added or diff.programs_removed:
            lines.append(f" programs: {len(diff.programs_added)} new, {len(diff.programs_removed)} no longer named")
    for line in diff.stale_overrides:
        lines.append(_c(opts, YELLOW, f" stale override, not applied: {line}"))
    lines.append(_c(opts, DIM, f" {SCORE_NOTE} ({diff.options.match_threshold:.2f})"))
    lines += [_c(opts, DIM, f" {note}") for note in pdf_notes(diff)]
    return lines


def _measure(m: MeasureChange, opts: ReportOptions, diff: Diff) -> list[str]:
    ids = f"{m.old_id or '·'} → {m.new_id or '·'}"
    flags = " [moved]" if m.moved else ""
    why = f"  ({words(m.match.reasons, listed=True)} {m.match.score:.2f})" if m.match else ""
    if m.match and (m.match.by or m.match.at):
        why = f"  ({words(m.match.reasons, listed=True)}: {m.match.by}, {m.match.at})"
    status = diff.reads_as(m, show_format_only=True)
    status = "format only" if status == "format" else status
    head = f"{SIGN.get(m.status, '?')} {ids} {m.label}  [{status}]{flags}{why}"
    lines = [_c(opts, CYAN, head), f"    at {measure_cites(m)}"]
    if m.moved:
        lines.append(f"    moved: {move(m)}")
    if m.candidates:
        lines.append(f"    {candidates_line(m)}")
    lines += [_c(opts, YELLOW, f"    warning {warning_line(side, w)}") for side, w in m.warnings]
    if mark_of(opts, m.id):
        lines.append(f"    {mark_line(mark_of(opts, m.id))}")
    if m.group:
        lines.append(f"    with {', '.join(m.group)}")
    if m.old_title and m.new_title and m.old_title != m.new_title and not any(c.field == "title" for c in m.changes):
        lines.append(f"    title: {m.old_title} → {m.new_title}")
    if m.programs:
        lines.append("    programs: " + "  ".join(("+" if op == "+" else "−") + name for op, name in m.programs))
    for c in m.changes:
        if c.format_only and not opts.show_format_only:
            continue
        if diff.within_edition:
            continue  # results and plans always differ in wording; the programs and budgets are the news
        tag = " (format only)" if c.format_only else ""
        lines.append(f"    {c.field}{tag}: {word_diff(c.ops, opts)}")
    return lines


def _budget(b: BudgetChange) -> str:
    fy = f"FY{b.fiscal_year}" if b.fiscal_year else "FY?"
    old = f"{yen(b.old.yen)} {b.old.kind}" if b.old else "—"
    new = f"{yen(b.new.yen)} {b.new.kind}" if b.new else "—"
    delta = ""
    if b.delta_yen is not None:
        pct = f" ({b.delta_pct:+.1f}%)" if b.delta_pct is not None else ""
        delta = f"  Δ {yen(b.delta_yen, signed=True)}{pct}"
    part_of = any(s.part_of for s in (b.old, b.new) if s)
    note = "" if b.comparable else "  内数: not directly comparable" if part_of else "  other year or kind: not comparable"
    where = (b.new or b.old).measure  # type: ignore[union-attr]
    return f"  {b.status:<8} {b.program} {fy}: {old} → {new}{delta}{note}  ({where}, {budget_cites(b.old, b.new)})"


def _parser_warnings(diff: Diff, opts: ReportOptions) -> list[str]:
    warned = parser_warnings(diff)
    return ["", _c(opts, BOLD, "Parser warnings:")] + [f"  {warning_line(side, w)}" for side, w in warned] if warned else []


def render_text(diff: Diff, options: ReportOptions | None = None) -> str:
    opts = options or ReportOptions()
    diff = escaped(diff, reveal)
    opts = replace(opts, marks=escaped(opts.marks, one_line))  # notes and names: on one line, nothing live
    lines = _header(diff, opts)
    if opts.summary_only:  # diff --summary: the counts a reader decides from, no measures
        return "\n".join(lines) + "\n"
    shown = [m for m in diff.measures
             if opts.show_unchanged or m.moved or diff.reads_as(m, opts.show_format_only) != "unchanged"]
    if shown:
        lines.append("")
    for m in shown:
        lines += _measure(m, opts, diff)
    if diff.between_years:
        # Every amount, bullet and program of another year is new: the annual layer says what moved.
        for heading, section in yearly_sections(diff):
            lines += ["", _c(opts, BOLD, heading + ":")] + section
        return "\n".join(lines + _parser_warnings(diff, opts)) + "\n"
    if diff.budgets:
        lines += ["", _c(opts, BOLD, "Budget lines:")]
        for b in diff.budgets:
            lines.append(_budget(b))
            if mark_of(opts, b.id):
                lines.append(f"      {mark_line(mark_of(opts, b.id))}")
    if diff.renames:
        lines += ["", _c(opts, BOLD, "Renames and successions:")]
        for r in diff.renames:
            text = r.text or words(r.reasons, listed=True)
            lines.append(f"  {r.old} → {r.new}  [{r.evidence} {r.confidence:.2f}] ({r.measure}) {text[:80]}")
    if diff.programs_added:
        lines += ["", "Programs newly named: " + "、".join(diff.programs_added)]
    if diff.programs_removed:
        lines += ["", "Programs no longer named: " + "、".join(diff.programs_removed)]
    lines += _parser_warnings(diff, opts)
    if diff.within_edition and (steps := trajectory_lines(diff.budget_trajectories)):
        lines += ["", _c(opts, BOLD, "Budget trajectories (like for like):")] + steps
    if diff.warnings:
        lines += ["", _c(opts, BOLD, "Warnings:")] + warning_lines(diff.warnings)
    return "\n".join(lines) + "\n"
