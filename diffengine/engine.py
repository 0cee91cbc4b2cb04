"""diff_editions: two parsed editions in, one Diff out. Pure: no printing, rendering or git."""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..versions.model.edition import Edition, Measure, ParseWarning
from ..versions.model.gc_pause import paused_gc
from ..versions.model.normalize import normalize_name
from . import work
from .align import Alignment, _lost_start, align_editions
from .budgets import diff_budgets
from .candidates import with_candidates
from .diff import Diff
from .fields import measure_fields, yearly_fields
from .ids import with_ids
from .ledger_overrides import apply_ledger_links
from .model import (
    BudgetChange,
    BudgetSide,
    EditionRef,
    FieldChange,
    Match,
    MeasureChange,
    Op,
    Options,
    Overrides,
    Relation,
    why,
)
from .program_events import programs_of, renames_of
from .relation import BASIC_PLAN_FIELDS, infer_relation, layer_status
from .renames import programs_named, successors_of
from .review import resolve_links
from .yearly import between_editions


def edition_ref(ed: Edition, label: str = "") -> EditionRef:
    return EditionRef(ed.document, ed.edition, ed.results_fy, ed.plans_fy, ed.source.sha256, ed.synthetic,
                      ed.source.name, label or ed.name, ed.synthetic_note, warnings=ed.warnings,
                      cells=any(m.bbox is not None for m in ed.measures))


def _record(status: str, om: Measure | None, nm: Measure | None, goals: dict[str, str], yearly: bool = False,
            **kw) -> MeasureChange:
    shown = nm or om
    assert shown is not None
    codes = sorted({x.code for m in (om, nm) if m for x in m.ministries})
    kw.setdefault("programs", program_ops(programs_named(om), programs_named(nm)))
    if "fields" not in kw:
        kw["fields"] = (yearly_fields if yearly else measure_fields)(om, nm)
        kw.setdefault("changes", tuple(f for f in kw["fields"] if f.changed))
    return MeasureChange(status, om.id if om else None, nm.id if nm else None,  # type: ignore[arg-type]
                         om.title if om else "", nm.title if nm else "", goal=goals.get(shown.goal, ""),
                         vision=shown.vision, ministries=tuple(codes), label=shown.label, **kw)


def program_ops(old: set[str], new: set[str]) -> tuple[Op, ...]:
    """Programs a measure stopped naming ('-') and started naming ('+'), compared on normalized names."""
    old_n = {normalize_name(p) for p in old}
    new_n = {normalize_name(p) for p in new}
    gone = sorted(p for p in old if normalize_name(p) not in new_n)
    arrived = sorted(p for p in new if normalize_name(p) not in old_n)
    return tuple([("-", p) for p in gone] + [("+", p) for p in arrived])


def group_program_ops(own_old: set[str], own_new: set[str], all_old: set[str], all_new: set[str],
                      primary: bool, split: bool) -> tuple[Op, ...]:
    """Program ops of one part of a split (one old row, several new) or a merge (several old, one new):
    a program is gone only when no part of the other side names it, and arrived only when no part of
    this side did. The shared side's ops are told once, on the primary pair, not on every part."""
    gone = program_ops(own_old, all_new) if primary or not split else ()
    arrived = program_ops(all_old, own_new) if primary or split else ()
    return tuple(op for op in gone if op[0] == "-") + tuple(op for op in arrived if op[0] == "+")


def _group_programs(old: Edition, new: Edition, al: Alignment) -> dict[tuple[int, int], tuple[Op, ...]]:
    """(old index, new index) → program ops, for every pair that belongs to a split or a merge."""
    out: dict[tuple[int, int], tuple[Op, ...]] = {}
    groups = [(True, i, [al.pairs[i][0]] + [j for j, _ in parts]) for i, parts in al.split_parts.items()]
    new_to_old = {j: i for i, (j, _) in al.pairs.items()}
    groups += [(False, j, [new_to_old[j]] + [i for i, _ in parts]) for j, parts in al.merge_parts.items()]
    for split, one, many in groups:
        ones = programs_named(old.measures[one] if split else new.measures[one])
        each = {k: programs_named(new.measures[k] if split else old.measures[k]) for k in many}
        union = set().union(*each.values())
        for k in many:
            own_old, own_new = (ones, each[k]) if split else (each[k], ones)
            all_old, all_new = (ones, union) if split else (union, ones)
            key = (one, k) if split else (k, one)
            out[key] = group_program_ops(own_old, own_new, all_old, all_new, k == many[0], split)
    return out


def start_lost(f: FieldChange) -> bool:
    """Between years: a description one side has only the end of (its first lines lost in extraction,
    seed m013 against the edition before it) is the same description, not a Basic Plan edit."""
    if f.field != "description":
        return False
    old = "".join(t for op, t in f.ops if op != "+")
    new = "".join(t for op, t in f.ops if op != "-")
    return _lost_start(old, new)


def _measure_records(old: Edition, new: Edition, al: Alignment, relation: Relation = "revision") -> list[MeasureChange]:
    """One record per pairing. Between years (relation next-year or other) a paired row is rated by
    its Basic Plan column alone and its results and plans are not redlined (relation.layer_status)."""
    yearly = relation != "revision"
    fields_of = yearly_fields if yearly else measure_fields
    goals_old = {g.id: g.title for g in old.goals}
    goals_new = {g.id: g.title for g in new.goals}
    ids_new = [m.id for m in new.measures]
    split_new = {j: i for i, parts in al.split_parts.items() for j, _ in parts}
    merge_old = {i: j for j, parts in al.merge_parts.items() for i, _ in parts}
    grouped = _group_programs(old, new, al)
    keyed: list[tuple[tuple[float, int], MeasureChange]] = []
    for i, (j, match) in al.pairs.items():
        om, nm = old.measures[i], new.measures[j]
        all_fields = fields_of(om, nm)
        fields = tuple(f for f in all_fields if f.changed and (not yearly or (
            f.field in BASIC_PLAN_FIELDS and not start_lost(f))))
        group: tuple[str, ...] = ()
        if i in al.split_parts:
            status, group = "split", tuple(ids_new[k] for k, _ in al.split_parts[i])
        elif j in al.merge_parts:
            status, group = "merged", tuple(old.measures[k].id for k, _ in al.merge_parts[j])
        else:
            status = layer_status("changed" if fields else "unchanged", tuple(f.field for f in fields), relation)
        if i in al.runner_up:
            k, score = al.runner_up[i]
            match = replace(match, runner_up_id=ids_new[k], runner_up_score=score)
        extra = {"programs": grouped[(i, j)]} if (i, j) in grouped else {}
        rec = _record(status, om, nm, goals_new, moved=i in al.moved, match=match, changes=fields,
                      fields=all_fields, group=group, **extra)
        keyed.append(((j, 0), rec))
    for j, i in split_new.items():
        score = dict(al.split_parts[i])[j]
        others = (ids_new[al.pairs[i][0]],) + tuple(ids_new[k] for k, _ in al.split_parts[i] if k != j)
        part = new.measures[j]
        rec = _record("split", old.measures[i], part, goals_new, match=Match((why("split-part"),), score),
                      fields=measure_fields(part, part), changes=(),
                      group=others, programs=grouped[(i, j)])
        keyed.append(((j, 0), rec))
    new_to_old = {j: i for i, (j, _) in al.pairs.items()}
    for i, j in merge_old.items():
        score = dict(al.merge_parts[j])[i]
        others = (old.measures[new_to_old[j]].id,) + tuple(
            old.measures[k].id for k, _ in al.merge_parts[j] if k != i)
        part = old.measures[i]
        rec = _record("merged", part, new.measures[j], goals_new, match=Match((why("merged-part"),), score),
                      fields=measure_fields(part, part), changes=(),
                      group=others, programs=grouped[(i, j)])
        keyed.append(((j, 1), rec))
    matched_new = al.matched_new | set(split_new)
    for j, nm in enumerate(new.measures):
        if j not in matched_new:
            keyed.append(((j, 0), _record("added", None, nm, goals_new, yearly)))
    last_new = -1  # a removed row is shown after the new position of the last paired row before it
    for i, om in enumerate(old.measures):
        if i in al.pairs:
            last_new = max(last_new, al.pairs[i][0])
        elif i not in merge_old:
            keyed.append(((last_new + 0.5, i), _record("removed", om, None, goals_old, yearly)))
    return [rec for _, rec in sorted(keyed, key=lambda x: x[0])]


def _positions(ed: Edition) -> dict[str, int]:
    """Measure id → 1-based place among the rows of its goal."""
    seen: dict[str, int] = {}
    out = {}
    for m in ed.measures:
        seen[m.goal] = seen.get(m.goal, 0) + 1
        out[m.id] = seen[m.goal]
    return out


def warnings_by_measure(ed: Edition) -> dict[str, tuple[ParseWarning, ...]]:
    """The parser's warnings per measure: the measure a warning is about, else the row its line is in
    (a warning about the layout, say a line no row holds, names no measure but has a place)."""
    starts = sorted((m.line, m.id) for m in ed.measures if m.line)
    ids = {m.id for m in ed.measures}
    out: dict[str, list[ParseWarning]] = {}
    for w in ed.warnings:
        mid = w.measure if w.measure in ids else ""
        if not mid:
            k = bisect.bisect_right(starts, (w.line, "\uffff")) - 1
            mid = starts[k][1] if w.line and k >= 0 else ""
        if mid:
            out.setdefault(mid, []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def traced(records: list[MeasureChange], old: Edition, new: Edition) -> list[MeasureChange]:
    """Each record with where its rows stand: page and line on each side, goal and place on the old
    side (a move's from; `goal` and new_position its to), for reports an auditor can check in the PDF."""
    olds, news = {m.id: m for m in old.measures}, {m.id: m for m in new.measures}
    pos_old, pos_new = _positions(old), _positions(new)
    goals_old = {g.id: g.title for g in old.goals}
    warned_old, warned_new = warnings_by_measure(old), warnings_by_measure(new)
    out = []
    for rec in records:
        o, n = olds.get(rec.old_id or ""), news.get(rec.new_id or "")
        warned = tuple(("old", w) for w in warned_old.get(o.id, ())) if o else ()
        if n and not (old is new and o):  # plans: one edition on both sides, its warnings once
            warned += tuple(("new", w) for w in warned_new.get(n.id, ()))
        out.append(replace(rec, old_cite=(o.page, o.line) if o else (0, 0), new_cite=(n.page, n.line) if n else (0, 0),
                           old_goal=goals_old.get(o.goal, "") if o else "",
                           old_position=pos_old[o.id] if o else 0, new_position=pos_new[n.id] if n else 0,
                           warnings=warned, old_bbox=o.bbox if o else None, new_bbox=n.bbox if n else None))
    return out


def boxed(budgets: list[BudgetChange], old: Edition, new: Edition) -> list[BudgetChange]:
    """Budget lines with the PDF box of the bullet each side is cited in (PDF editions only)."""
    boxes = {(side, m.id, b.page, b.line): bullet.bbox for side, ed in (("old", old), ("new", new))
             for m, _, bullet, b in ed.budgets() if bullet.bbox is not None}
    if not boxes:
        return budgets

    def box(side: str, s: BudgetSide | None) -> BudgetSide | None:
        return s if s is None else replace(s, bbox=boxes.get((side, s.measure, s.page, s.line)))
    return [replace(x, old=box("old", x.old), new=box("new", x.new)) for x in budgets]


def related_pairs(al: Alignment) -> list[tuple[int, int]]:
    """Paired rows, and the parts of splits and merges: a program renamed in a row merged into
    another is renamed all the same, and a plan of a split row may be answered in either part."""
    return sorted({(i, j) for i, (j, _) in al.pairs.items()}
                  | {(i, j) for j, parts in al.merge_parts.items() for i, _ in parts}
                  | {(i, j) for i, parts in al.split_parts.items() for j, _ in parts})


def diff_editions(old: Edition, new: Edition, options: Options | None = None,
                  overrides: Overrides | None = None) -> Diff:
    """OVERRIDES are the auditor's recorded pairings (`policydiff pair`), passed in: no archive here."""
    # Every input under the size limit ends in bounded time (work.py); the cycle collector waits
    # (versions/model/gc_pause.py).
    with work.budget(), paused_gc():
        return _diff_editions(old, new, options, overrides)


def _diff_editions(old: Edition, new: Edition, options: Options | None, overrides: Overrides | None) -> Diff:
    opts = options or Options()
    relation = opts.relation or infer_relation(old.results_fy, old.plans_fy, new.results_fy, new.plans_fy)
    forced, barred, stale = resolve_links(old, new, overrides)
    al = align_editions(old, new, opts, forced, barred, yearly=relation != "revision")
    yearly = between_editions(old, new, related_pairs(al), relation, opts.rename_threshold)
    # The /1 views `renames` and `programs` are read off the program events: the two cannot disagree.
    renames = renames_of(yearly.program_events)
    added, removed = programs_of(yearly.program_events)
    measure_map = {old.measures[i].id: new.measures[j].id for i, (j, _) in al.pairs.items()}
    budgets = diff_budgets(((m.id, b) for m, _, _, b in old.budgets()),
                           ((m.id, b) for m, _, _, b in new.budgets()), measure_map, successors_of(renames))
    found = with_ids(Diff(
        kind="editions",
        old=edition_ref(old),
        new=edition_ref(new),
        measures=tuple(with_candidates(traced(_measure_records(old, new, al, relation), old, new), old, new, al,
                                       opts)),
        budgets=tuple(boxed(budgets, old, new)),
        renames=tuple(renames),
        programs_added=added,
        programs_removed=removed,
        options=opts,
        stale_overrides=tuple(stale),
        relation=relation,
        follow_through=yearly.follow_through,
        unplanned_results=yearly.unplanned_results,
        budget_trajectories=yearly.budget_trajectories,
        program_events=yearly.program_events,
        warnings=yearly.warnings,
    ))
    return apply_ledger_links(found, overrides.follow_through) if overrides else found
