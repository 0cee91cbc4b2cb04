"""The auditor's side of the library: pairings corrected with `pair`, changes marked with `review`.

Both work on two archived editions of one document and store their records in the archive
(versions/reviews.py); every later diff of that pair applies the pairings (api.diff). Records made
against a source that has since been replaced, or naming an id that is gone, are reported as stale.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .api import REVIEWER_ENV
from .diffengine.engine import diff_editions
from .diffengine.model import AUDITOR, Diff, Link, Options, Overrides
from .diffengine.selection import suggestion
from .renderers.money import yen
from .versions.archive import Archive, StoredEdition
from .versions.errors import PolicydiffError
from .versions.load import load_archived, read_input
from .versions.reviews import (
    MARK_STATES,
    SCHEMA,
    Review,
    StoredLink,
    StoredMark,
    load_review,
    save_review,
    with_links,
    with_marks,
)


def reviewer(by: str | None) -> str:
    """Who records: --by, else $POLICYDIFF_REVIEWER, else git's user.name; refused when none says."""
    name = (by or os.environ.get(REVIEWER_ENV) or "").strip()
    if not name:
        try:
            name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            name = ""
    if not name:
        raise PolicydiffError(f"say who you are: --by NAME, or set {REVIEWER_ENV} (or git's user.name)")
    return " ".join(name.split())[:200]


def now() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def archived_pair(store: Archive, old: str, new: str) -> tuple[StoredEdition, StoredEdition]:
    """OLD and NEW as archived editions of one document; a file is refused with the way to archive it."""
    for ref in (old, new):
        if os.path.exists(ref):
            raise PolicydiffError(f"{ref} is a file; pair and review work on archived editions: "
                                  f"policydiff ingest {ref}, then name its edition")
    a, b = store.resolve(old), store.resolve(new)
    if a.document != b.document:
        raise PolicydiffError(f"{a.name} and {b.name} are editions of different documents")
    return a, b


def overrides_of(review: Review, old: StoredEdition, new: StoredEdition) -> tuple[Overrides, list[str]]:
    """The links that fit the editions' current sources, and a line for each that does not."""
    fitting, stale = [], []
    for x in review.links:
        if (x.old_sha256, x.new_sha256) == (old.sha256, new.sha256):
            fitting.append(Link(x.old, x.new, x.by, x.at))
        else:
            which = old.name if x.old_sha256 != old.sha256 else new.name
            what = f"{x.old}={x.new}" if x.new else f"unlink {x.old}"
            stale.append(f"{what} (by {x.by}, {x.at}): made against an earlier source of {which}, replaced "
                         "since; record it again with policydiff pair if it still holds")
    return Overrides(tuple(fitting)), stale


def pair_diff(store: Archive, old: StoredEdition, new: StoredEdition, options: Options | None = None) -> Diff:
    """The diff of an archived pair with the auditor's pairings applied and the stale ones reported."""
    from dataclasses import replace

    overrides, stale = overrides_of(load_review(store, old, new), old, new)
    found = diff_editions(load_archived(store, old), load_archived(store, new), options, overrides)
    return replace(found, stale_overrides=tuple(stale) + found.stale_overrides)


@dataclass(frozen=True)
class Paired:
    review: Review
    commit: str
    diff: Diff


def pair(store: Archive, old: str, new: str, links: list[tuple[str, str]], unlinks: list[str],
         by: str | None = None, options: Options | None = None) -> Paired:
    """Record the auditor's pairings of OLD → NEW (measure ids as `show` prints them) in the archive."""
    a, b = archived_pair(store, old, new)
    review = load_review(store, a, b)
    if links or unlinks:
        old_ids = {m.id for m in load_archived(store, a).measures}
        new_ids = {m.id for m in load_archived(store, b).measures}
        for o, n in links:
            for ident, known, ed in ((o, old_ids, a), (n, new_ids, b)):
                if ident not in known:
                    raise PolicydiffError(f"no measure {ident!r} in {ed.name}{suggestion(ident, known)}")
        for o in unlinks:
            if o not in old_ids:
                raise PolicydiffError(f"no measure {o!r} in {a.name}{suggestion(o, old_ids)}")
        who, when = reviewer(by), now()
        made = [StoredLink(o, n, who, when, a.sha256, b.sha256) for o, n in links]
        made += [StoredLink(o, None, who, when, a.sha256, b.sha256) for o in unlinks]
        review = with_links(review, made)
        what = ", ".join([f"link {o}={n}" for o, n in links] + [f"unlink {o}" for o in unlinks])
        commit = save_review(store, review, what, who, a, b)
    else:
        commit = ""
    return Paired(review, commit, pair_diff(store, a, b, options))


@dataclass(frozen=True)
class Row:
    id: str
    kind: str  # measure, budget, rename
    measure: str
    summary: str
    mark: str | None = None
    note: str = ""
    by: str = ""
    at: str = ""


@dataclass(frozen=True)
class Sheet:
    """The sign-off sheet of a pair: every change with its mark, and what no longer fits."""

    old: str
    new: str
    diff: Diff
    rows: tuple[Row, ...]
    stale_marks: tuple[StoredMark, ...]  # marks whose change is gone (a re-ingest, a parser change)
    stale_overrides: tuple[str, ...]


def change_rows(diff: Diff) -> list[Row]:
    """Every change a reader is told about, as (id, kind, measure, summary)."""
    rows = []
    for m in diff.measures:
        status = diff.reads_as(m)
        if status == "unchanged" and not m.moved:
            continue
        by = f" ({AUDITOR}: {m.match.by}, {m.match.at})" if m.match and m.match.reason == AUDITOR else ""
        rows.append(Row(m.id, "measure", m.new_id or m.old_id or "", f"{status}{' moved' if m.moved else ''}: "
                        f"{m.label}{by}"))
    for b in diff.budgets:
        side = b.new or b.old
        old = yen(b.old.yen) if b.old else "—"
        new = yen(b.new.yen) if b.new else "—"
        rows.append(Row(b.id, "budget", side.measure if side else "",
                        f"{b.status} {b.program} FY{b.fiscal_year or '?'}: {old} → {new}"))
    for r in diff.renames:
        rows.append(Row(r.id, "rename", r.measure, f"{r.old} → {r.new} ({r.evidence} {r.confidence:.2f})"))
    # The annual layer of a next-year diff: last year's plans, new results, budget steps, programs.
    for e in diff.follow_through:
        rows.append(Row(e.id, "follow-through", e.old_measure, f"{e.outcome}: {e.plan.text[:60]}"))
    for u in diff.unplanned_results:
        rows.append(Row(u.id, "unplanned", u.new_measure, u.result.text[:60]))
    for t in diff.budget_trajectories:
        if any(x.changed for x in t.steps):
            rows.append(Row(t.id, "budget-trajectory", "", f"{t.program}: {len(t.steps)} step(s)"))
    for ev in diff.program_events:
        rows.append(Row(ev.id, "program-event", ev.measure, f"{ev.event} {ev.program}"
                        + (f" → {ev.successor}" if ev.successor else "")))
    for w in diff.warnings:
        rows.append(Row(w.id, "warning", "", f"{w.code}: {w.message[:60]}"))
    return rows


def read_marks_file(path: Path) -> list[tuple[str, str, str]]:
    """(id, mark, note) from a marks file: the HTML report's download or `review --format json`."""
    try:
        raw = json.loads(read_input(path).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PolicydiffError(f"{path} is not a marks file (JSON): {exc}") from None
    items = raw.get("marks", raw.get("changes")) if isinstance(raw, dict) else None
    if not isinstance(items, list):
        raise PolicydiffError(f"{path} is not a marks file: no list of marks")
    out = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise PolicydiffError(f"{path}: every mark needs an id")
        if item.get("mark") is None:
            continue  # an unmarked change of a review listing
        if item["mark"] not in MARK_STATES:
            raise PolicydiffError(f"{path}: mark {item['mark']!r} of {item['id']}: choose from {', '.join(MARK_STATES)}")
        note = item.get("note") or ""
        out.append((item["id"], item["mark"], note if isinstance(note, str) else str(note)))
    return out


def review(store: Archive, old: str, new: str, marks: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
           by: str | None = None, options: Options | None = None) -> Sheet:
    """The sign-off sheet of OLD → NEW, after recording MARKS ((id, mark, note)) in the archive."""
    a, b = archived_pair(store, old, new)
    d = pair_diff(store, a, b, options)
    rows = {r.id: r for r in change_rows(d)}
    current = load_review(store, a, b)
    if marks:
        for ident, state, _ in marks:
            if ident not in rows:
                raise PolicydiffError(f"no change {ident!r} in {a.name} → {b.name}{suggestion(ident, rows)}")
            if state not in MARK_STATES:
                raise PolicydiffError(f"no mark {state!r}; choose from {', '.join(MARK_STATES)}")
        who, when = reviewer(by), now()
        made = [StoredMark(i, s, n, who, when, rows[i].kind, rows[i].measure, rows[i].summary)  # type: ignore[arg-type]
                for i, s, n in marks]
        current = with_marks(current, made)
        save_review(store, current, f"{len(made)} mark(s)", who, a, b)
    by_id = {m.id: m for m in current.marks}
    shown = tuple(Row(r.id, r.kind, r.measure, r.summary, *((by_id[r.id].mark, by_id[r.id].note, by_id[r.id].by,
                                                             by_id[r.id].at) if r.id in by_id else ()))
                  for r in rows.values())
    stale = tuple(m for m in current.marks if m.id not in rows)
    return Sheet(a.name, b.name, d, shown, stale, d.stale_overrides)


def sheet_dict(sheet: Sheet) -> dict:
    return {"schema": SCHEMA, "old": sheet.old, "new": sheet.new,
            "synthetic": [ref.label for ref in (sheet.diff.old, sheet.diff.new) if ref.synthetic],
            "changes": [{"id": r.id, "kind": r.kind, "measure": r.measure, "summary": r.summary, "mark": r.mark,
                         "note": r.note or None, "by": r.by or None, "at": r.at or None} for r in sheet.rows],
            "stale_marks": [{"id": m.id, "kind": m.kind, "measure": m.measure, "summary": m.summary,
                             "mark": m.mark, "note": m.note, "by": m.by, "at": m.at} for m in sheet.stale_marks],
            "stale_overrides": list(sheet.stale_overrides)}
