"""Program events between two sides: new, ended, succeeded, renamed (inferred) and vanished.

One list answers "which programs started, ended, were succeeded, renamed without a word, or
vanished without comment?". The sides are two editions, or one edition's results (old side) and
plans (new side). A succession OLD already announced (「…の後継事業となる…」 in last year's plans)
that NEW merely carries out is no new event, and its old name is not reported as vanished.
The /1 views `renames`, `programs.added` and `programs.removed` are derived from this list, so the
two can never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from ..versions.model.edition import Bullet, Edition, Succession
from ..versions.model.normalize import normalize as _normalize
from .ends import ENDED_RE, ahead, names_no_program, stated_end
from .model import EVENT_KINDS, Cited, ProgramEvent, Rename, why
from .renames import inferred_renames

normalize = lru_cache(maxsize=65536)(_normalize)  # program names recur in every row that cites them
Side = Literal["old", "new"]


@dataclass(frozen=True)
class Row:
    """One measure as a side sees it: its id and the bullets of the column(s) compared."""

    id: str
    bullets: tuple[Bullet, ...]
    named: tuple[str, ...] = field(default=(), compare=False)  # its programs, first-seen order (computed once)

    def __post_init__(self) -> None:
        object.__setattr__(self, "named", tuple(dict.fromkeys(p for b in self.bullets for p in b.programs)))

    def programs(self) -> tuple[str, ...]:
        return self.named


# 「（先進的研究開発・開発体制強靱化事業の後継事業として…）」: the parser may read 「Xの後継事業」 as a
# name; it refers to another program and names none.
REFERENCE_NAME_RE = re.compile(r"の後継(?:事業)?$")


def _names(rows: Iterable[Row]) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in rows:
        for p in r.programs():
            if not REFERENCE_NAME_RE.search(p):
                out.setdefault(normalize(p), p)
    return out


def _line_of(key: str, followed: set[str]) -> bool:
    """Whether KEY is the program whose sub-line was followed: 「医療機器等における先進的研究開発・開発体制
    強靭化事業」 (seed m030) and its line 「…強靭化事業(医療機器開発体制強靱化)」 succeeded (seed line 1018)."""
    return any(f.startswith(key + "(") for f in followed)


def _mentions(rows: Sequence[Row], last: bool = False) -> dict[str, tuple[str, Bullet]]:
    """Normalized program name → (row id, bullet) of its first mention (LAST: its last one)."""
    out: dict[str, tuple[str, Bullet]] = {}
    for r in rows:
        for b in r.bullets:
            for p in b.programs:
                if last:
                    out[normalize(p)] = (r.id, b)
                else:
                    out.setdefault(normalize(p), (r.id, b))
    return out


def _rows_naming(rows: Sequence[Row]) -> dict[str, set[int]]:
    """Normalized program name → the indices of the rows naming it."""
    out: dict[str, set[int]] = {}
    for k, r in enumerate(rows):
        for p in r.programs():
            out.setdefault(normalize(p), set()).add(k)
    return out


def _cited_bullet(side: Side, b: Bullet) -> Cited:
    return Cited(side, b.page, b.line, b.text, b.end_line, b.bbox)


def _ended(old_rows: Sequence[Row], new_rows: Sequence[Row], pairs: Sequence[tuple[int, int]],
           new_names: dict[str, str]) -> list[ProgramEvent]:
    """Programs NEW says have ended: named in a 事業終了 bullet, or, when the bullet names none, the
    programs its row named on the old side and no longer names. A statement the old row already
    made (the same sentence both years) is no news."""
    out = []
    for i, j in pairs:
        o, n = old_rows[i], new_rows[j]
        said_before = {normalize(b.text) for b in o.bullets if ENDED_RE.search(b.text)}
        for b in n.bullets:
            if not ENDED_RE.search(b.text) or normalize(b.text) in said_before:
                continue
            named = list(b.programs) or [p for p in o.programs() if normalize(p) not in
                                         {normalize(x) for x in n.programs()}]
            out += [ProgramEvent("ended", p, None, 1.0, _cited_bullet("new", b), n.id, (why("end-stated"),))
                    for p in named]
    return out


def _announced(old_rows: Sequence[Row], new_rows: Sequence[Row], pairs: Sequence[tuple[int, int]],
               new_names: dict[str, str]) -> list[ProgramEvent]:
    """Ends the old side announced (「令和５年度で事業終了予定（後継事業の予定無し）」), checked against the new
    side: confirmed when the new row states the end or the program is named nowhere any more; still
    named otherwise. The programs are those the statement names, else those its row names. An end the
    old side reports as past (「令和５年度に事業終了」) was news the year before, and 「該当なし」 ends nothing."""
    partners: dict[int, list[int]] = {}
    for i, j in pairs:
        partners.setdefault(i, []).append(j)
    out = []
    for i, o in enumerate(old_rows):
        for b in o.bullets:
            if not (stated_end(b.text) and ahead(b.text)) or names_no_program(b.text):
                continue
            confirming = next((x for j in partners.get(i, []) for x in new_rows[j].bullets
                               if stated_end(x.text) and not ahead(x.text)), None)
            for p in [x for x in (b.programs or o.programs()) if not REFERENCE_NAME_RE.search(x)]:
                gone = confirming is not None or normalize(p) not in new_names
                out.append(ProgramEvent("ended", p, None, 1.0, _cited_bullet("old", b), o.id,
                                        (why("end-announced"), why("end-confirmed" if gone else "end-still-named"))))
    return out


def program_events(old_rows: Sequence[Row], new_rows: Sequence[Row], pairs: Sequence[tuple[int, int]],
                   stated: Iterable[tuple[str, Succession]], known: Iterable[Succession] = (),
                   rename_threshold: float = 0.6, renamed: Iterable[ProgramEvent] = ()) -> list[ProgramEvent]:
    """Events from OLD_ROWS to NEW_ROWS. PAIRS are aligned (old index, new index) rows (with split and
    merge parts); STATED the successions the new side states (measure id, succession); KNOWN those
    the old side already stated; RENAMED the renames inferred inside the new side (its results against
    its plans: 医療機器等安定供給確保事業 in its results, …サプライチェーン…確保事業 in its plans)."""
    old_names, new_names = _names(old_rows), _names(new_rows)
    known_keys = {(normalize(s.old), normalize(s.new)) for s in known}
    events: list[ProgramEvent] = []
    seen: set[tuple[str, str]] = set(known_keys)
    for measure, s in stated:
        key = (normalize(s.old), normalize(s.new))
        if key not in seen:
            seen.add(key)
            events.append(ProgramEvent("succeeded", s.old, s.new, 1.0, Cited("new", s.page, s.line, s.evidence),
                                       measure))
    stated_successors = {k[1] for k in seen}
    for e in renamed:  # renames the new side shows between its own columns, unknown to the old side
        key = (normalize(e.program), normalize(e.successor or ""))
        # News between the editions only when the old side named the old name and not yet the new one
        # (…費補助金事業 → …事業, two spellings both sides use, is none), and no stated succession
        # already leads to the new name.
        if key[0] in old_names and key[1] not in old_names and key[1] not in stated_successors and key not in seen:
            seen.add(key)
            events.append(replace(e, reasons=(*e.reasons, why("inside-new"))))
    followed = {k[0] for k in seen}  # old names with a successor, stated in either edition
    successors = {k[1] for k in seen}
    # An end the old side announced comes first (its evidence is the announcement, the new side's
    # statement confirms it); then the ends only the new side states.
    ended = [e for e in _announced(old_rows, new_rows, pairs, new_names) + _ended(old_rows, new_rows, pairs, new_names)
             if normalize(e.program) not in followed]
    ended = list({normalize(e.program): e for e in reversed(ended)}.values())[::-1]
    ended_keys = {normalize(e.program) for e in ended}
    # The one rename inference (renames.inferred_renames), on the aligned rows: a name gone from the
    # whole new side, not followed by a stated succession and not ended, against a name new to it.
    # A stated successor may still be the new name of another line: 医工連携イノベーション推進事業
    # （開発・事業化事業、ベンチャー育成事業） → 医工連携グローバル展開事業（研究開発事業） (seed m009).
    accounted = set(new_names) | followed | ended_keys
    references = {normalize(p) for r in new_rows for p in r.programs() if REFERENCE_NAME_RE.search(p)}
    related = [(new_rows[j].id, old_rows[i].bullets, new_rows[j].bullets) for i, j in pairs]
    for r in inferred_renames(related, set(old_names) | references, accounted, set(seen), rename_threshold):
        key = (normalize(r.old), normalize(r.new))
        if key[0] not in followed:
            followed.add(key[0])
            successors.add(key[1])
            events.append(ProgramEvent("renamed", r.old, r.new, r.confidence, None, r.measure, r.reasons))
    events += ended
    first_new, last_old = _mentions(new_rows), _mentions(old_rows, last=True)
    for key, name in new_names.items():
        if key not in old_names and key not in successors:
            row, b = first_new[key]
            events.append(ProgramEvent("new", name, None, 1.0, _cited_bullet("new", b), row, (why("first-named"),)))
    paired_old = {i for i, _ in pairs}
    named_in = _rows_naming(old_rows)
    for key, name in old_names.items():
        if key not in new_names and key not in followed and key not in ended_keys and not _line_of(key, followed):
            row, b = last_old[key]
            # A program whose every row was removed ended with its rows (seed FY2023 m030); one whose
            # row goes on without naming it vanished without comment.
            removed = not named_in[key] & paired_old
            events.append(ProgramEvent("ended" if removed else "vanished", name, None, 1.0, _cited_bullet("old", b),
                                       row, (why("row-removed" if removed else "no-longer-named"),)))
    order = {k: n for n, k in enumerate(EVENT_KINDS)}
    old_cites, new_cites = _cites(old_rows), _cites(new_rows)
    events = [_cited(e, old_cites, new_cites) for e in events]
    return sorted(events, key=lambda e: order[e.event])  # stable: first-seen order within a kind


Cites = tuple[dict[str, tuple[int, int]], dict[tuple[str, str], tuple[int, int]]]


def _cites(rows: Sequence[Row]) -> Cites:
    """Where a side first names each program: anywhere, and in each row (one pass over the bullets)."""
    first: dict[str, tuple[int, int]] = {}
    in_row: dict[tuple[str, str], tuple[int, int]] = {}
    for r in rows:
        for b in r.bullets:
            for p in b.programs:
                key = normalize(p)
                first.setdefault(key, (b.page, b.line))
                in_row.setdefault((r.id, key), (b.page, b.line))
    return first, in_row


def _named_at(cites: Cites, name: str | None, measure: str) -> tuple[int, int]:
    """(page, line) of the first bullet naming NAME, in the row MEASURE first; (0, 0) when none does."""
    if not name:
        return (0, 0)
    key = normalize(name)
    return cites[1].get((measure, key)) or cites[0].get(key, (0, 0))


def _cited(e: ProgramEvent, old: Cites, new: Cites) -> ProgramEvent:
    """E with where each side names its program (or successor): every event cites both sides it has."""
    old_at = _named_at(old, e.program, e.measure)
    new_at = _named_at(new, e.successor or (e.program if e.event == "new" else None), e.measure)
    if e.evidence is not None and e.evidence.edition == "new" and new_at == (0, 0):
        new_at = (e.evidence.page, e.evidence.line)
    return replace(e, old_cite=old_at, new_cite=new_at)


def renames_of(events: Iterable[ProgramEvent]) -> list[Rename]:
    """The /1 `renames` view: stated successions and inferred renames."""
    out = []
    for e in events:
        if e.event == "succeeded":
            assert e.successor is not None and e.evidence is not None
            out.append(Rename(e.program, e.successor, "explicit", 1.0, e.evidence.text, e.measure))
        elif e.event == "renamed":
            assert e.successor is not None
            out.append(Rename(e.program, e.successor, "similarity", e.confidence, "", e.measure, reasons=e.reasons))
    return out


def programs_of(events: Iterable[ProgramEvent]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The /1 `programs` view: (added, removed) names."""
    events = list(events)
    added = tuple(e.program for e in events if e.event == "new")
    removed = tuple(e.program for e in events if e.event in ("ended", "vanished"))
    return added, removed


def _rows(measures, column: str | None = None) -> list[Row]:
    if column is None:
        return [Row(m.id, tuple(b for _, b in m.bullets)) for m in measures]
    return [Row(m.id, tuple(getattr(m, column))) for m in measures]


def edition_events(old: Edition, new: Edition, related: Iterable[tuple[int, int]],
                   rename_threshold: float = 0.6, inside_old: list[ProgramEvent] | None = None,
                   inside_new: list[ProgramEvent] | None = None) -> list[ProgramEvent]:
    """Events from edition OLD to edition NEW; RELATED are aligned (old, new) measure indices.

    What OLD already said is known: its stated successions, and the renames inferred between its
    own results and plans (a program its plans already call by the new name)."""
    known = [s for _, _, _, s in old.successions()]
    if inside_old is None:
        inside_old = plans_events(old, rename_threshold)
    known += [Succession(e.program, e.successor, "", 0, 0) for e in inside_old
              if e.event == "renamed" and e.successor]
    if inside_new is None:
        inside_new = plans_events(new, rename_threshold)
    known_keys = {(normalize(s.old), normalize(s.new)) for s in known}
    renamed = [e for e in inside_new if e.event == "renamed" and e.successor
               and (normalize(e.program), normalize(e.successor)) not in known_keys]
    return program_events(_rows(old.measures), _rows(new.measures), sorted(related),
                          [(m.id, s) for m, _, _, s in new.successions()], known, rename_threshold, renamed)


def plans_events(ed: Edition, rename_threshold: float = 0.6) -> list[ProgramEvent]:
    """Inside one edition: its results column (old side) against its plans column (new side)."""
    return program_events(_rows(ed.measures, "results"), _rows(ed.measures, "plans"),
                          [(k, k) for k in range(len(ed.measures))],
                          [(m.id, s) for m, _, _, s in ed.successions()], (), rename_threshold)


def lineage_links(events: Iterable[ProgramEvent], *editions: Edition, rename_threshold: float = 0.6,
                  inside: Iterable[Iterable[ProgramEvent]] | None = None) -> list[tuple[str, str]]:
    """(old name, new name) of every succession the editions state, of the renames inferred inside
    each edition (results against plans; INSIDE when already computed), and of every event that renames."""
    links = [(s.old, s.new) for ed in editions for _, _, _, s in ed.successions()]
    inside = inside if inside is not None else [plans_events(ed, rename_threshold) for ed in editions]
    links += [(e.program, e.successor) for group in inside for e in group if e.event == "renamed" and e.successor]
    return links + [(e.program, e.successor) for e in events if e.successor]
