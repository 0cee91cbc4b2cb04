"""The auditor's workflow, pure: which changes a reviewer can sign off, the marks on them, and the
corrections (`policydiff pair`) applied to the engine's pairing.

Storage is the archive's (versions/archive/reviews.py: one JSON file per pair, one commit per
change); the CLI and the API are glue. This module holds the records the layers exchange (a mark is
a record, never a tuple), the list of reviewable changes every report's mark boxes follow, and the
rules that apply the auditor's links: measure links before the alignment, follow-through links to
the finished ledger (diffengine/ledger_overrides.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from ..versions.model.edition import Edition
from ..versions.model.errors import PolicydiffError
from .diff import Diff
from .ids import is_ledger_id, step_id
from .model import AUDITOR, Link, Match, Overrides, why
from .selection import suggestion

MarkState = Literal["accepted", "query", "rejected"]
MARK_STATES: tuple[MarkState, ...] = ("accepted", "query", "rejected")


@dataclass(frozen=True)
class Mark:
    """A reviewer's sign-off of one change (by its id): accepted, query or rejected, with a note."""

    id: str
    state: MarkState
    note: str = ""
    by: str = ""
    at: str = ""


@dataclass(frozen=True)
class Reviewable:
    """A change a reviewer can mark: its id, what it is, where, and the engine's record of it (a
    budget step: its trajectory and the step). Renderers say it in one line (review_sheet.summary)."""

    id: str
    kind: str  # measure, budget, rename; follow-through, unplanned, budget-trajectory, budget-step, program-event, warning
    measure: str
    record: object


@dataclass(frozen=True)
class StaleMark:
    """A stored mark whose change no longer exists (a re-ingest, a parser change), with what it was."""

    mark: Mark
    kind: str
    measure: str
    summary: str


@dataclass(frozen=True)
class Sheet:
    """The sign-off sheet of a pair: every reviewable change with its mark, and what no longer fits."""

    old: str
    new: str
    diff: Diff
    rows: tuple[tuple[Reviewable, Mark | None], ...]
    stale_marks: tuple[StaleMark, ...]
    stale_overrides: tuple[str, ...]


def reviewable(diff: Diff) -> list[Reviewable]:
    """Every change between the two editions a reader is told about, each once, in report order.

    Inside one edition (`plans`) nothing: review compares two archived editions. Between two
    revisions of an edition the budget changes are the budget news; the trajectories' steps sit
    inside both editions and are no change between them. Between years the budget steps that moved
    are the news, and the program events are the program news (a succession or rename is one event,
    not also a rename row); between revisions the renames are, with the events that are no rename
    (new, ended and vanished programs)."""
    if diff.within_edition:
        return []
    rows = [Reviewable(m.id, "measure", m.new_id or m.old_id or "", m) for m in diff.measures
            if m.moved or diff.reads_as(m) != "unchanged"]
    if not diff.between_years:
        rows += [Reviewable(b.id, "budget", (b.new or b.old).measure if (b.new or b.old) else "", b)  # type: ignore[union-attr]
                 for b in diff.budgets]
        rows += [Reviewable(r.id, "rename", r.measure, r) for r in diff.renames]
    rows += [Reviewable(e.id, "follow-through", e.old_measure, e) for e in diff.follow_through]
    rows += [Reviewable(u.id, "unplanned", u.new_measure, u) for u in diff.unplanned_results]
    if diff.between_years:
        for t in diff.budget_trajectories:
            if any(x.changed for x in t.steps):
                rows.append(Reviewable(t.id, "budget-trajectory", "", t))
            # each step that moved, markable on its own as in the HTML report
            rows += [Reviewable(step_id(t.id, x), "budget-step", "", (t, x)) for x in t.steps if x.changed]
    rows += [Reviewable(e.id, "program-event", e.measure, e) for e in diff.program_events
             if diff.between_years or e.event not in ("succeeded", "renamed")]  # else listed as its rename
    rows += [Reviewable(w.id, "warning", w.measure, w) for w in diff.warnings]
    return rows


def check_marks(diff: Diff, marks: Iterable[tuple[str, str]], old: str, new: str) -> dict[str, Reviewable]:
    """The reviewable changes by id, after checking that every (id, state) to record names one of
    them and a known state; a PolicydiffError with a suggestion otherwise."""
    rows = {r.id: r for r in reviewable(diff)}
    for ident, state in marks:
        if ident not in rows:
            raise PolicydiffError(f"no change {ident!r} in {old} → {new}{suggestion(ident, rows)}")
        if state not in MARK_STATES:
            raise PolicydiffError(f"no mark {state!r}; choose from {', '.join(MARK_STATES)}")
    return rows


class StaleMarkSource(Protocol):
    id: str
    kind: str
    measure: str
    summary: str


def sheet(old: str, new: str, diff: Diff, marks: Sequence[Mark], snapshots: Sequence[StaleMarkSource] = ()
          ) -> Sheet:
    """The sign-off sheet: each reviewable change with its mark; a mark of no reviewable change is
    stale, told with what it was when it was made (SNAPSHOTS: the stored records, by id)."""
    rows = reviewable(diff)
    by_id = {m.id: m for m in marks}
    what = {s.id: s for s in snapshots}
    ids = {r.id for r in rows}
    stale = tuple(StaleMark(m, getattr(what.get(m.id), "kind", ""), getattr(what.get(m.id), "measure", ""),
                            getattr(what.get(m.id), "summary", "")) for m in marks if m.id not in ids)
    return Sheet(old, new, diff, tuple((r, by_id.get(r.id)) for r in rows), stale, diff.stale_overrides)


# The auditor's corrections of the pairing.


class StoredLinkLike(Protocol):
    old: str
    new: str | None
    by: str
    at: str
    old_sha256: str
    new_sha256: str


def overrides_of(links: Iterable[StoredLinkLike], old_name: str, old_sha256: str, new_name: str,
                 new_sha256: str) -> tuple[Overrides, list[str]]:
    """The stored links that fit the editions' current sources (measure links and follow-through
    links apart), and a line for each made against a source since replaced: reported, never applied."""
    fitting, ledger, stale = [], [], []
    for x in links:
        if (x.old_sha256, x.new_sha256) == (old_sha256, new_sha256):
            (ledger if is_ledger_id(x.old) else fitting).append(Link(x.old, x.new, x.by, x.at))
        else:
            which = old_name if x.old_sha256 != old_sha256 else new_name
            what = f"{x.old}={x.new}" if x.new else f"unlink {x.old}"
            stale.append(f"{what} (by {x.by}, {x.at}): made against an earlier source of {which}, replaced "
                         "since; record it again with policydiff pair if it still holds")
    return Overrides(tuple(fitting), tuple(ledger)), stale


def resolve_links(old: Edition, new: Edition, overrides: Overrides | None
                  ) -> tuple[dict[int, tuple[int, Match]], frozenset[int], list[str]]:
    """The auditor's measure links as forced pairs and barred old rows, and a line for each that no
    longer fits these editions (an id gone, a new row linked twice): reported, never applied half."""
    old_at = {m.id: i for i, m in enumerate(old.measures)}
    new_at = {m.id: j for j, m in enumerate(new.measures)}
    forced: dict[int, tuple[int, Match]] = {}
    barred: set[int] = set()
    stale: list[str] = []
    for link in (overrides.links if overrides else ()):
        what = f"{link.old}={link.new}" if link.new else f"unlink {link.old}"
        if link.old not in old_at:
            stale.append(f"{what} (by {link.by or '?'}): no measure {link.old} in {old.name}")
        elif link.new is not None and link.new not in new_at:
            stale.append(f"{what} (by {link.by or '?'}): no measure {link.new} in {new.name}")
        elif link.new is not None and new_at[link.new] in {j for j, _ in forced.values()}:
            stale.append(f"{what} (by {link.by or '?'}): {link.new} is already paired by another link")
        elif link.new is None:
            barred.add(old_at[link.old])
        else:
            forced[old_at[link.old]] = (new_at[link.new], Match((why(AUDITOR),), 1.0, by=link.by, at=link.at))
    return forced, frozenset(barred), stale


def check_ledger_links(diff: Diff, links: Sequence[tuple[str, str]], unlinks: Sequence[str]) -> None:
    """Refuse a follow-through link whose ids this pair's ledger (DIFF: with the corrections recorded
    so far) does not show, with a suggestion."""
    plans, results = {e.id for e in diff.follow_through}, {u.id for u in diff.unplanned_results}
    pair = f"{diff.old.label} → {diff.new.label}"
    for o, n in [*((o, n) for o, n in links if is_ledger_id(o)), *((o, None) for o in unlinks if is_ledger_id(o))]:
        if o not in plans:
            raise PolicydiffError(f"no follow-through entry {o!r} in {pair}{suggestion(o, plans)}")
        if n is not None and n not in results:
            raise PolicydiffError(f"no unplanned result {n!r} in {pair}{suggestion(n, results)} "
                                  "(a plan links to a result that answers no plan; --unlink the plan that "
                                  "claims a result to free it)")


def check_measure_links(old: Edition, new: Edition, links: Sequence[tuple[str, str]], unlinks: Sequence[str],
                        old_name: str, new_name: str) -> None:
    """Refuse a measure link or unlink whose ids these editions do not have, with a suggestion."""
    old_ids, new_ids = {m.id for m in old.measures}, {m.id for m in new.measures}
    for o, n in [x for x in links if not is_ledger_id(x[0])]:
        for ident, known, name in ((o, old_ids, old_name), (n, new_ids, new_name)):
            if ident not in known:
                raise PolicydiffError(f"no measure {ident!r} in {name}{suggestion(ident, known)}")
    for o in unlinks:
        if o not in old_ids and not is_ledger_id(o):
            raise PolicydiffError(f"no measure {o!r} in {old_name}{suggestion(o, old_ids)}")
