"""diff_editions: two parsed editions in, one Diff out. Pure: no printing, rendering or git."""

from __future__ import annotations

from ..versions.model import Edition, Measure
from ..versions.normalize import normalize
from . import work
from .align import Alignment, align_editions
from .budgets import diff_budgets
from .fields import measure_fields, yearly_fields
from .model import Diff, EditionRef, Match, MeasureChange, Op, Options, Relation
from .program_events import programs_of, renames_of
from .relation import BASIC_PLAN_FIELDS, infer_relation, layer_status
from .renames import programs_named, successors_of
from .yearly import between_editions


def edition_ref(ed: Edition, label: str = "") -> EditionRef:
    return EditionRef(ed.document, ed.edition, ed.results_fy, ed.plans_fy, ed.source.sha256, ed.synthetic,
                      ed.source.name, label or ed.name, ed.synthetic_note)


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
    old_n = {normalize(p) for p in old}
    new_n = {normalize(p) for p in new}
    gone = sorted(p for p in old if normalize(p) not in new_n)
    arrived = sorted(p for p in new if normalize(p) not in old_n)
    return tuple([("-", p) for p in gone] + [("+", p) for p in arrived])


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
    keyed: list[tuple[tuple[float, int], MeasureChange]] = []
    for i, (j, match) in al.pairs.items():
        om, nm = old.measures[i], new.measures[j]
        all_fields = fields_of(om, nm)
        fields = tuple(f for f in all_fields if f.changed and (not yearly or f.field in BASIC_PLAN_FIELDS))
        group: tuple[str, ...] = ()
        if i in al.split_parts:
            status, group = "split", tuple(ids_new[k] for k, _ in al.split_parts[i])
        elif j in al.merge_parts:
            status, group = "merged", tuple(old.measures[k].id for k, _ in al.merge_parts[j])
        else:
            status = layer_status("changed" if fields else "unchanged", tuple(f.field for f in fields), relation)
        if i in al.runner_up:
            k, score = al.runner_up[i]
            match = Match(match.reason, match.score, ids_new[k], score)
        rec = _record(status, om, nm, goals_new, moved=i in al.moved, match=match, changes=fields,
                      fields=all_fields, group=group)
        keyed.append(((j, 0), rec))
    for j, i in split_new.items():
        score = dict(al.split_parts[i])[j]
        others = (ids_new[al.pairs[i][0]],) + tuple(ids_new[k] for k, _ in al.split_parts[i] if k != j)
        part = new.measures[j]
        rec = _record("split", old.measures[i], part, goals_new, match=Match("split part", score),
                      fields=measure_fields(part, part), changes=(),
                      group=others)
        keyed.append(((j, 0), rec))
    new_to_old = {j: i for i, (j, _) in al.pairs.items()}
    for i, j in merge_old.items():
        score = dict(al.merge_parts[j])[i]
        others = (old.measures[new_to_old[j]].id,) + tuple(
            old.measures[k].id for k, _ in al.merge_parts[j] if k != i)
        part = old.measures[i]
        rec = _record("merged", part, new.measures[j], goals_new, match=Match("merged part", score),
                      fields=measure_fields(part, part), changes=(),
                      group=others)
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


def related_pairs(al: Alignment) -> list[tuple[int, int]]:
    """Paired rows, and the parts of splits and merges: a program renamed in a row merged into
    another is renamed all the same, and a plan of a split row may be answered in either part."""
    return sorted({(i, j) for i, (j, _) in al.pairs.items()}
                  | {(i, j) for j, parts in al.merge_parts.items() for i, _ in parts}
                  | {(i, j) for i, parts in al.split_parts.items() for j, _ in parts})


def diff_editions(old: Edition, new: Edition, options: Options | None = None) -> Diff:
    with work.budget():  # every input under the size limit ends in bounded time (work.py)
        return _diff_editions(old, new, options)


def _diff_editions(old: Edition, new: Edition, options: Options | None = None) -> Diff:
    opts = options or Options()
    relation = opts.relation or infer_relation(old.results_fy, old.plans_fy, new.results_fy, new.plans_fy)
    al = align_editions(old, new, opts)
    yearly = between_editions(old, new, related_pairs(al), relation, opts.rename_threshold)
    # The /1 views `renames` and `programs` are read off the program events: the two cannot disagree.
    renames = renames_of(yearly.program_events)
    added, removed = programs_of(yearly.program_events)
    measure_map = {old.measures[i].id: new.measures[j].id for i, (j, _) in al.pairs.items()}
    budgets = diff_budgets(((m.id, b) for m, _, _, b in old.budgets()),
                           ((m.id, b) for m, _, _, b in new.budgets()), measure_map, successors_of(renames))
    return Diff(
        kind="editions",
        old=edition_ref(old),
        new=edition_ref(new),
        measures=tuple(_measure_records(old, new, al, relation)),
        budgets=tuple(budgets),
        renames=tuple(renames),
        programs_added=added,
        programs_removed=removed,
        options=opts,
        relation=relation,
        follow_through=yearly.follow_through,
        unplanned_results=yearly.unplanned_results,
        budget_trajectories=yearly.budget_trajectories,
        program_events=yearly.program_events,
        warnings=yearly.warnings,
    )
