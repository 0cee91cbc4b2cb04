"""The timeline: every edition of one document at once, from the editions and their N-1 pairwise diffs.

An auditor who follows a report over years asks what happened to a measure, a program or a promise
since the plan began. Each answer here is assembled from what the pairwise diffs already say (the
measure pairings, the follow-through ledger, the program events and budget lineages), so the
timeline never disagrees with `policydiff diff` of two consecutive editions; only the budget amounts
are read from the editions themselves, one point per edition, kind and 内数. Pure: no printing, no
rendering, no git.

Touch points: everything this module (and the SQLite export, through read_plans and read_events)
reads of a Diff is read in the five `*read_*` functions below, so that a change of the pairwise
contract is a change there and nowhere else.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from ..versions.model.edition import Edition
from ..versions.model.normalize import normalize
from .timeline_model import (
    OUTCOME_ORDER,
    BudgetPoint,
    Dropped,
    LineageStep,
    MeasureLineage,
    ProgramLine,
    Promise,
    Step,
    Timeline,
    TimelineEdition,
    TimelineEvent,
    YearFollowThrough,
)

# ---------------------------------------------------------------- touch points on the pairwise Diff


class PairedRow(NamedTuple):
    status: str
    old_id: str | None
    new_id: str | None
    moved: bool
    fields: tuple[str, ...]
    group: tuple[str, ...]


class PlanEntry(NamedTuple):
    old_measure: str
    outcome: str
    line: int  # the plan bullet's first line in the old edition
    text: str
    again_line: int | None  # the new edition's plan bullet that makes the same promise
    id: str = ""
    new_measure: str | None = None
    page: int = 0
    score: float = 0.0
    reason: str = ""
    results: tuple[str, ...] = ()  # the texts of the results that report on it
    carried_over: bool = False


class PairEvent(NamedTuple):
    event: str
    program: str
    successor: str | None
    measure: str
    id: str = ""
    confidence: float = 1.0


def _read_relation(diff: Any) -> str:
    return str(diff.relation)


def _read_rows(diff: Any) -> list[PairedRow]:
    """The measure pairings, each with the status a reader of the pair's report sees."""
    return [PairedRow(diff.reads_as(m), m.old_id, m.new_id, bool(m.moved), tuple(c.field for c in m.changes),
                      tuple(m.group)) for m in diff.measures]


def read_plans(diff: Any) -> tuple[list[PlanEntry], int]:
    """The follow-through ledger (next-year pairs) and how many results answered no plan."""
    entries = [PlanEntry(e.old_measure, str(e.outcome), e.plan.line, e.plan.text,
                         e.promised_again.line if e.promised_again is not None else None, e.id, e.new_measure,
                         e.plan.page, float(e.score), _reason_text(e), tuple(r.text for r in e.results),
                         bool(e.carried_over))
               for e in diff.follow_through]
    return entries, len(diff.unplanned_results)


def _reason_text(record: Any) -> str:
    """A ledger entry's reason in English: prose today; codes with parameters worded by one table
    once the yearly contract lands (diffengine/reasons.py)."""
    if hasattr(record, "reasons"):
        from . import reasons as wording  # type: ignore[attr-defined]

        return str(wording.words(record.reasons))
    return str(getattr(record, "reason", ""))


def read_events(diff: Any) -> list[PairEvent]:
    return [PairEvent(str(e.event), e.program, e.successor, e.measure, e.id, float(e.confidence))
            for e in diff.program_events]


def _read_lineages(diff: Any) -> list[tuple[str, ...]]:
    """The program names each budget line of the pair joins (its renames and successions)."""
    return [tuple(t.names) for t in diff.budget_trajectories]


# ---------------------------------------------------------------- editions and steps


def fiscal_order(editions: Iterable[Edition]) -> list[Edition]:
    """Oldest first: by results year, plans year, then label (a revision sits beside its edition).
    Within one fiscal slot a synthetic variant comes before the real edition, so that the chain goes on
    to the next year from the real one: the next-year step an auditor reads is real plans against the
    next results, never a made-up variant's plans."""
    return sorted(editions, key=lambda e: (e.results_fy, e.plans_fy, not e.synthetic, e.edition))


def _key(prefix: str, *parts: object) -> str:
    text = "\x1f".join(str(p) for p in parts)
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:10]}"


def build_timeline(editions: Sequence[Edition], diffs: Sequence[Any]) -> Timeline:
    """EDITIONS of one document in fiscal order (fiscal_order) and DIFFS, the diff of each consecutive
    pair (diffs[k] compares editions[k] with editions[k + 1])."""
    if not editions:
        raise ValueError("a timeline needs at least one edition")
    if len(diffs) != len(editions) - 1:
        raise ValueError(f"{len(editions)} editions need {len(editions) - 1} pairwise diffs, not {len(diffs)}")
    if len({e.document for e in editions}) != 1:
        raise ValueError("a timeline covers the editions of one document")
    eds = tuple(TimelineEdition(e.edition, e.results_fy, e.plans_fy, e.synthetic, e.source.sha256, e.source.name)
                for e in editions)
    steps = tuple(Step(a.label, b.label, _read_relation(d), a.synthetic or b.synthetic)
                  for a, b, d in zip(eds, eds[1:], diffs, strict=False))
    ledgers = [read_plans(d) for d in diffs]
    follow = _follow_through(steps, eds, ledgers)
    return Timeline(editions[0].document, eds, steps, _measure_lineages(editions, diffs, ledgers),
                    _programs(editions, diffs, steps), follow, _promises(editions, steps, ledgers),
                    _dropped(editions, steps, ledgers))


# ---------------------------------------------------------------- measures


def _outcome_counts(outcomes: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """(outcome, count), known outcomes first in their order, any other after them by name."""
    counts = Counter(outcomes)
    return tuple((o, counts[o]) for o in sorted(counts, key=lambda o: (OUTCOME_ORDER.index(o)
                                                                         if o in OUTCOME_ORDER else len(OUTCOME_ORDER), o)))


def _measure_lineages(editions: Sequence[Edition], diffs: Sequence[Any],
                      ledgers: Sequence[tuple[list[PlanEntry], int]]) -> tuple[MeasureLineage, ...]:
    """Rows followed through the pairings: a split's first part and a merge's first row carry the
    lineage on; the other parts of a split start lineages of their own, noted as split from it."""
    n = len(editions)
    rows: list[dict[str, Any]] = []  # ids, steps, origin
    at: dict[tuple[int, str], int] = {}  # (edition index, measure id) → row

    def start(k: int, mid: str, origin: str = "") -> int:
        rows.append({"ids": [None] * n, "steps": [None] * (n - 1), "origin": origin})
        rows[-1]["ids"][k] = mid
        at[(k, mid)] = len(rows) - 1
        return len(rows) - 1

    for m in editions[0].measures:
        start(0, m.id)
    for k, d in enumerate(diffs):
        outcomes: dict[str, list[str]] = {}
        for e in ledgers[k][0]:
            outcomes.setdefault(e.old_measure, []).append(e.outcome)
        carried: set[str] = set()
        for r in _read_rows(d):
            anchor = "m-" + "-".join(dict.fromkeys((r.old_id or "x", r.new_id or "x")))
            step = LineageStep(r.status, r.moved, r.fields, r.group, anchor, _outcome_counts(outcomes.get(r.old_id or "", ())))
            if r.old_id is None and r.new_id is not None:
                row = start(k + 1, r.new_id)
            elif r.old_id is not None and (k, r.old_id) in at:
                row = at[(k, r.old_id)]
                if r.new_id is not None and (k + 1, r.new_id) not in at:
                    if r.old_id in carried:  # a split's further part: a lineage of its own
                        row = start(k + 1, r.new_id, f"split from {r.old_id} ({editions[k].edition})")
                    else:
                        rows[row]["ids"][k + 1] = r.new_id
                        at[(k + 1, r.new_id)] = row
                        carried.add(r.old_id)
                elif r.new_id is not None and at[(k + 1, r.new_id)] != row:
                    pass  # a merge's further row: it ends here, its step says merged
            else:
                continue
            if rows[row]["steps"][k] is None:
                rows[row]["steps"][k] = step
        for m in editions[k + 1].measures:  # a row the diff did not list (it lists every row): its own
            if (k + 1, m.id) not in at:
                start(k + 1, m.id)
    titles = [{m.id: m.label for m in e.measures} for e in editions]
    goals = [{m.id: e.goal(m.goal).title if any(g.id == m.goal for g in e.goals) else "" for m in e.measures}
             for e in editions]
    out = []
    for r in rows:
        first = next(k for k, i in enumerate(r["ids"]) if i is not None)
        ident = r["ids"][first]
        out.append(MeasureLineage(
            _key("ml", editions[0].document, editions[first].edition, ident, normalize(titles[first].get(ident, ""))),
            tuple(r["ids"]), tuple(titles[k].get(i, "") if i else "" for k, i in enumerate(r["ids"])),
            tuple(goals[k].get(i, "") if i else "" for k, i in enumerate(r["ids"])), tuple(r["steps"]), r["origin"]))
    return tuple(out)


# ---------------------------------------------------------------- programs


class _Names:
    """Program names joined into lines (union-find on normalized names)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.successor: dict[str, str] = {}

    def find(self, name: str) -> str:
        n = normalize(name)
        self.parent.setdefault(n, n)
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def succeed(self, old: str, new: str) -> None:
        """OLD → NEW, unless OLD already has another successor: one name with two successors is one
        line split into sub-lines, and only the first continues it (as the pairwise lineage does)."""
        if self.successor.setdefault(normalize(old), normalize(new)) == normalize(new):
            self.join(old, new)


def _programs(editions: Sequence[Edition], diffs: Sequence[Any], steps: Sequence[Step]) -> tuple[ProgramLine, ...]:
    names = _Names()
    for k, ed in enumerate(editions):
        for _, _, _, s in ed.successions():
            names.succeed(s.old, s.new)
        if k < len(diffs):
            for group in _read_lineages(diffs[k]):  # what the pair joined, joined here too
                for other in group[1:]:
                    names.join(group[0], other)
            for e in read_events(diffs[k]):
                if e.successor:
                    names.succeed(e.program, e.successor)
    order: dict[str, list[str]] = {}  # line → names as first cited, oldest first
    named_in: dict[str, list[str]] = {}
    rows: dict[str, list[tuple[str, str]]] = {}
    for ed in editions:
        for m in ed.measures:
            for _, b in m.bullets:
                for p in b.programs:
                    line = names.find(p)
                    if p not in order.setdefault(line, []):
                        order[line].append(p)
                    if ed.edition not in named_in.setdefault(line, []):
                        named_in[line].append(ed.edition)
                    if (ed.edition, m.id) not in rows.setdefault(line, []):
                        rows[line].append((ed.edition, m.id))
    events: dict[str, list[TimelineEvent]] = {}
    for k, d in enumerate(diffs):
        for e in read_events(d):
            line = names.find(e.program)
            order.setdefault(line, [e.program])
            events.setdefault(line, []).append(TimelineEvent(k, e.event, e.program, e.successor, e.measure,
                                                             steps[k].synthetic))
    points = _points(editions, names)
    document = editions[0].document
    lines = [ProgramLine(_key("pg", document, normalize(found[0])), _latest(found, points.get(line, [])), tuple(found),
                         tuple(named_in.get(line, ())), tuple(points.get(line, ())), tuple(events.get(line, ())),
                         tuple(rows.get(line, ())))
             for line, found in order.items()]
    return tuple(sorted(lines, key=lambda p: (normalize(p.name), p.key)))


def _latest(found: list[str], points: list[BudgetPoint]) -> str:
    return points[-1].name if points and normalize(points[-1].name) == normalize(found[-1]) else found[-1]


KIND_ORDER = ("initial", "supplementary", "request", "other")


def _points(editions: Sequence[Edition], names: _Names) -> dict[str, list[BudgetPoint]]:
    """Per program line and edition, one point for each kind (内数 apart): the latest fiscal year the
    edition cites for it, at the amount most of its rows give (the first cited on a tie); other
    mentions of that kind (a stale year's label, a differing amount) are kept beside it as `also`.
    A mention without a program or year, or without an amount (unless a request), is no point."""
    out: dict[str, list[BudgetPoint]] = {}
    for ed in editions:
        found: dict[tuple[str, str, bool], list[tuple[Any, str]]] = {}
        for m, _, _, b in ed.budgets():
            if not b.program or b.fiscal_year is None or (b.yen is None and b.kind != "request"):
                continue
            found.setdefault((names.find(b.program), b.kind, b.part_of), []).append((b, m.id))
        for (line, kind, part_of), cited in sorted(found.items(), key=lambda x: (x[0][0], KIND_ORDER.index(x[0][1])
                                                                               if x[0][1] in KIND_ORDER else 9, x[0][2])):
            year = max(b.fiscal_year for b, _ in cited)
            amounts = Counter(b.yen for b, _ in cited if b.fiscal_year == year)
            top = max(amounts.values())
            chosen = next(b for b, _ in cited if b.fiscal_year == year and amounts[b.yen] == top)
            measures = tuple(dict.fromkeys(mid for b, mid in cited if (b.fiscal_year, b.yen) == (year, chosen.yen)))
            also = tuple(dict.fromkeys(f"{b.text} ({mid})" for b, mid in cited if (b.fiscal_year, b.yen) != (year, chosen.yen)))
            out.setdefault(line, []).append(BudgetPoint(ed.edition, year, kind, chosen.yen, part_of, ed.synthetic,
                                                        chosen.program, chosen.text, measures, also))
    return out


# ---------------------------------------------------------------- follow-through


def _follow_through(steps: Sequence[Step], eds: Sequence[TimelineEdition],
                    ledgers: Sequence[tuple[list[PlanEntry], int]]) -> tuple[YearFollowThrough, ...]:
    out = []
    for k, (entries, unplanned) in enumerate(ledgers):
        if steps[k].relation != "next-year":
            continue
        out.append(YearFollowThrough(k, steps[k].old, steps[k].new, eds[k].plans_fy, steps[k].synthetic, len(entries),
                                     _outcome_counts(e.outcome for e in entries),
                                     sum(e.again_line is not None for e in entries), unplanned))
    return tuple(out)


def _promises(editions: Sequence[Edition], steps: Sequence[Step],
              ledgers: Sequence[tuple[list[PlanEntry], int]]) -> tuple[Promise, ...]:
    """Chains of a promise made again: step k's plan promised again at line L of edition k+1 is
    step k+1's plan at line L, and so on while each next-year step says so."""
    by_line = [{e.line: e for e in entries} for entries, _ in ledgers]
    continued = {(k + 1, e.again_line) for k, (entries, _) in enumerate(ledgers) for e in entries
                 if e.again_line is not None and steps[k].relation == "next-year"}
    plan_measure = [{b.line: m.id for m in ed.measures for b in m.plans} for ed in editions]
    plan_text = [{b.line: b.text for m in ed.measures for b in m.plans} for ed in editions]
    out = []
    for k, (entries, _) in enumerate(ledgers):
        for e in entries:
            if (k, e.line) in continued or e.again_line is None or steps[k].relation != "next-year":
                continue
            labels, measures, outcomes, line, j = [editions[k].edition], [e.old_measure], [e.outcome], e.again_line, k + 1
            while True:
                labels.append(editions[j].edition)
                measures.append(plan_measure[j].get(line, ""))
                nxt = by_line[j].get(line) if j < len(ledgers) and steps[j].relation == "next-year" else None
                if nxt is None:
                    break
                outcomes.append(nxt.outcome)
                if nxt.again_line is None:
                    break
                line, j = nxt.again_line, j + 1
            text = plan_text[j].get(line, e.text)
            synthetic = any(editions[i].synthetic for i in range(k, j + 1))
            out.append(Promise(_key("pr", editions[0].document, editions[k].edition, e.line, normalize(e.text)),
                               tuple(labels), tuple(measures), text, tuple(outcomes), synthetic))
    return tuple(sorted(out, key=lambda p: (-p.years_running, p.editions[0], p.key)))


# What a later mention is compared on: kanji, katakana and latin runs, as in the ledger (tense and
# particles are hiragana; years and amounts change every year).
_CONTENT_RE = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々\u30a0-\u30ffA-Za-z]+")
_YEAR_RE = re.compile(r"(?:令和|平成)\s*[0-9元]{1,2}\s*年度|[0-9][0-9,.]*")
MENTIONED = 0.6  # share of a dropped plan's content bigrams a later bullet must carry to mention it again


def _bigrams(text: str) -> frozenset[str]:
    t = _YEAR_RE.sub(" ", unicodedata.normalize("NFKC", normalize(text)))
    return frozenset(w[i:i + 2] for w in _CONTENT_RE.findall(t) for i in range(max(1, len(w) - 1)))


def _dropped(editions: Sequence[Edition], steps: Sequence[Step],
             ledgers: Sequence[tuple[list[PlanEntry], int]]) -> tuple[Dropped, ...]:
    """Plans the ledger calls dropped, not promised again, and mentioned by no bullet of any later
    edition (editions after the step's new one; the step itself already found nothing)."""
    later: list[list[frozenset[str]]] = [[_bigrams(b.text) for m in ed.measures for _, b in m.bullets] for ed in editions]
    out = []
    for k, (entries, _) in enumerate(ledgers):
        for e in entries:
            if e.outcome != "dropped" or e.again_line is not None:
                continue
            mine = _bigrams(e.text)
            if mine and any(len(mine & other) >= MENTIONED * len(mine) for j in range(k + 2, len(editions))
                            for other in later[j]):
                continue
            out.append(Dropped(k, steps[k].old, steps[k].new, e.old_measure, e.text, e.line,
                               len(editions) - k - 2, steps[k].synthetic))
    return tuple(out)
