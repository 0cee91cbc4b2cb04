"""The annual layer as plain lines, shared by the terminal and Markdown reports.

A plan sentence repeated in many rows (the same program sentence in 12 measures) with the same
outcome is shown once, with the list of rows. Amounts are written as a reader writes them (19億円);
a 内数 amount says so, and steps say what they compare.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..diffengine.model import (
    STEP_TYPES,
    BudgetStep,
    FollowThrough,
    ProgramEvent,
    Trajectory,
    Unplanned,
    Warning_,
)
from ..diffengine.reasons import warning_text, words
from .cite import bullet_cite, cite, event_cites, ledger_cites, step_cites
from .money import yen

OUTCOME_ORDER = ("dropped", "unclear", "reworked", "partial", "done", "stated-end")  # what an auditor reads first
SHORT = 70  # characters of a bullet shown in a summary line
AUDITOR_NOTE = "{id}: paired by the auditor ({by}, {at})"


def short(text: str, width: int = SHORT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def relation_line(diff: Any) -> str:
    if diff.within_edition:
        return (f"relation: one edition — its results (FY{diff.old.results_fy}) against its plans "
                f"(FY{diff.new.plans_fy}), still ahead: no follow-through ledger")
    rel = diff.relation
    if rel == "next-year":
        return (f"relation: next-year — {diff.old.label}'s plans (FY{diff.old.plans_fy}) against "
                f"{diff.new.label}'s results (FY{diff.new.results_fy})")
    if rel == "revision":
        return "relation: revision — two versions of one edition, compared text against text"
    return (f"relation: other — FY{diff.old.results_fy}/{diff.old.plans_fy} against "
            f"FY{diff.new.results_fy}/{diff.new.plans_fy}: no follow-through ledger")


def ledger_counts(entries: Sequence[FollowThrough]) -> dict[str, int]:
    return {o: sum(e.outcome == o for e in entries) for o in OUTCOME_ORDER}


EVENT_ORDER = ("succeeded", "renamed", "ended", "new", "vanished")


def event_counts(events: Sequence[ProgramEvent]) -> dict[str, int]:
    return {k: sum(e.event == k for e in events) for k in EVENT_ORDER}


def step_counts(trajectories: Sequence[Trajectory]) -> dict[str, int]:
    """Budget steps that moved, per type."""
    return {k: n for k in STEP_TYPES if (n := sum(s.type == k and s.changed for t in trajectories for s in t.steps))}


def summary_lines(diff: Any) -> list[str]:
    """The first lines of a report, one per subject, in the order an auditor asks: how the editions
    relate; between years, were last year's plans carried out, which budget steps moved, what
    happened to programs; then the cross-edition checks."""
    out = [relation_line(diff)]
    if not diff.between_years:
        return out
    entries = diff.follow_through
    if entries:
        counts = ", ".join(f"{o} {n}" for o, n in ledger_counts(entries).items())
        again = [e for e in entries if e.promised_again]
        out.append(f"follow-through: {len(entries)} plan bullets — {counts}; {len(diff.unplanned_results)} results "
                   f"answer no plan; {len(again)} promised again ({sum(e.carried_over for e in again)} word for word)")
    steps = [s for t in diff.budget_trajectories for s in t.steps]
    if steps:
        moved = ", ".join(f"{k} {n}" for k, n in step_counts(diff.budget_trajectories).items())
        out.append(f"budgets: {sum(s.changed for s in steps)} of {len(steps)} steps moved"
                   + (f" ({moved})" if moved else "") + f", in {len(diff.budget_trajectories)} programs")
    if diff.program_events:
        out.append("programs: " + ", ".join(f"{k} {n}" for k, n in event_counts(diff.program_events).items() if n))
    if diff.warnings:
        out.append(f"warnings: {len(diff.warnings)}")
    return out


def grouped_entries(entries: Iterable[FollowThrough]) -> list[list[FollowThrough]]:
    """Entries with the same plan text and outcome, together, first-seen order: shown once, each
    row still cited (and named by its id) in its own line."""
    groups: dict[tuple[str, str], list[FollowThrough]] = {}
    for e in entries:
        groups.setdefault((" ".join(e.plan.text.split()), e.outcome), []).append(e)
    return list(groups.values())


def grouped(entries: Iterable[FollowThrough]) -> list[tuple[FollowThrough, list[str]]]:
    """Entries with the same plan text and outcome, once, with the rows (old measure ids) they come from."""
    return [(g[0], [e.old_measure for e in g]) for g in grouped_entries(entries)]


def again_cite(e: FollowThrough) -> str:
    return f"; promised again at {bullet_cite(e.promised_again)}" if e.promised_again else ""


def rows(e: FollowThrough) -> str:
    """The rows of an entry, each id with its edition: old m007 → new m006 (old and new ids differ)."""
    return f"old {e.old_measure} → new {e.new_measure}" if e.new_measure else f"old {e.old_measure} → —"


def ledger_lines(entries: Sequence[FollowThrough], limit: int | None = None) -> list[str]:
    """One line per plan sentence (its id, rows, page and line of the plan and of each result on the
    other side), the first result and why; the other rows of the same sentence one line each; and
    who chose the results of a record the auditor paired (`policydiff pair`)."""
    out = []
    shown = sorted(grouped_entries(entries), key=lambda g: (OUTCOME_ORDER.index(g[0].outcome), g[0].plan.line))
    for group in shown[:limit]:
        e = group[0]
        out.append(f"  {e.outcome:<8} {e.id} [{rows(e)}] plan {ledger_cites(e)}  {short(e.plan.text)}")
        if e.results:
            out.append(f"           result: {short(e.results[0].text)}  (score {e.score:.2f}: {words(e.reasons)})"
                       + again_cite(e))
        elif e.reasons:
            out.append(f"           {words(e.reasons)}{again_cite(e)}")
        if e.candidates:  # unclear: the results that might answer it, for the auditor to judge
            out.append("           candidates: " + "; ".join(f"{bullet_cite(c)} {short(c.text, 40)}" for c in e.candidates))
        out += [f"           also {x.id} [{rows(x)}] plan {ledger_cites(x)}{again_cite(x)}" for x in group[1:]]
        out += [f"           {AUDITOR_NOTE.format(by=x.by, at=x.at, id=x.id)}" for x in group if x.by]
    if limit is not None and len(shown) > limit:
        out.append(f"  … {len(shown) - limit} more plans (the JSON and HTML reports list every one)")
    return out


def unplanned_lines(items: Sequence[Unplanned], limit: int | None = None) -> list[str]:
    out = [f"  {u.id} [new {u.new_measure}] {bullet_cite(u.result)}  {short(u.result.text)}" for u in items[:limit]]
    if limit is not None and len(items) > limit:
        out.append(f"  … {len(items) - limit} more")
    return out


def step_text(s: BudgetStep, lang: str = "ja") -> str:
    before = "—" if s.from_yen is None else yen(s.from_yen, lang=lang)
    after = "—" if s.to_yen is None else yen(s.to_yen, lang=lang)
    delta = "" if s.delta_yen is None else f" ({yen(s.delta_yen, signed=True, lang=lang)}"
    delta += "" if s.delta_yen is None else (f", {s.delta_pct:+.1f}%)" if s.delta_pct is not None else ")")
    note = "" if s.comparable else " [not comparable]"
    if not s.from_kind:
        return f"{s.type}: a new line, FY{s.fiscal_year} {s.to_kind} {after}  [at {step_cites(s)}]"
    return (f"{s.type}: FY{s.from_fiscal_year} {s.from_kind} {before} → FY{s.fiscal_year} {s.to_kind} {after}"
            f"{delta}{note}  [at {step_cites(s)}]")


def trajectory_lines(trajectories: Sequence[Trajectory], only_changed: bool = False,
                     limit: int | None = None) -> list[str]:
    out = []
    shown = [t for t in trajectories if t.steps and (not only_changed or any(s.changed for s in t.steps))]
    for t in shown[:limit]:
        names = " ← ".join(reversed(t.names)) if len(t.names) > 1 else t.program
        out.append(f"  {names}")
        points = " · ".join(f"{p.edition} FY{p.fiscal_year} {p.kind} {yen(p.yen)}{' (内数)' if p.part_of else ''} "
                            f"({cite((p.page, p.line))})" for p in t.points)
        out.append(f"    amounts: {points}")
        out += [f"    {step_text(s)}" for s in t.steps]
    if limit is not None and len(shown) > limit:
        out.append(f"  … {len(shown) - limit} more programs")
    return out


def event_lines(events: Sequence[ProgramEvent]) -> list[str]:
    out = []
    for e in events:
        target = f" → {e.successor}" if e.successor else ""
        how = f" (confidence {e.confidence:.2f}: {words(e.reasons, listed=True)})" if e.event == "renamed" else ""
        where = f"  [{e.evidence.edition} {cite((e.evidence.page, e.evidence.line))}: {short(e.evidence.text, 50)}]" \
            if e.evidence else ""
        out.append(f"  {e.event:<9} {e.id} {e.program}{target}  at {event_cites(e)}{how}{where}")
    return out


def warning_lines(warnings: Sequence[Warning_]) -> list[str]:
    return [f"  {w.code} ({w.edition} {cite((w.page, w.line))}): {warning_text(w)}" for w in warnings]


def yearly_sections(diff: Any, limit: int | None = None) -> list[tuple[str, list[str]]]:
    """(heading, lines) of every non-empty section, in the order an auditor asks."""
    sections = [
        ("Follow-through: last year's plans", ledger_lines(diff.follow_through, limit)),
        ("Results that answer no plan", unplanned_lines(diff.unplanned_results, limit)),
        ("Budget trajectories", trajectory_lines(diff.budget_trajectories, limit=limit)),
        ("Program events", event_lines(diff.program_events)),
        ("Warnings", warning_lines(diff.warnings)),
    ]
    return [(h, lines) for h, lines in sections if lines]
