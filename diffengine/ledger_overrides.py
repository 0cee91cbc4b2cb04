"""The auditor's corrections of the follow-through ledger, applied to a finished diff.

`policydiff pair OLD NEW --link ft-…=un-…` says that last year's plan ft-… is answered by the new
result un-… (a result the ledger found answering no plan); `--unlink ft-…` that no result answers it.
Both name records by the ids every report shows (diffengine/ids.py), which are made from the ledger the
engine itself computed: so the corrections apply after the ids are made, and a corrected entry keeps
its id (the one the auditor named), so that marks and later corrections still find it. A result an
entry no longer claims, and that no other entry claims, becomes an unplanned result again. A
correction whose ids are not in this diff (a source replaced, the pairing of rows changed) is
returned as a line for the report, never applied half or dropped in silence.
"""

from __future__ import annotations

from dataclasses import replace

from .diff import Diff
from .ids import change_id, unplanned_content
from .ledger import Scored, outcome_of, promised
from .model import AUDITOR, Cited, FollowThrough, Link, Unplanned, why


def _unplanned_again(diff: Diff, entries: list[FollowThrough], freed: list[tuple[str, Cited]],
                     unplanned: list[Unplanned]) -> list[Unplanned]:
    """UNPLANNED with the FREED results (new measure, cited) no entry answers any more, with ids."""
    answered = {(r.page, r.line, r.text) for e in entries for r in e.results}
    taken = {u.id for u in unplanned}
    out = list(unplanned)
    for measure, r in freed:
        key = (r.page, r.line, r.text)
        if key in answered or any((u.result.page, u.result.line, u.result.text) == key for u in out):
            continue
        base = change_id("un", diff.old.source_sha256, diff.new.source_sha256,
                         *unplanned_content(Unplanned(measure, r)))
        ident, k = base, 1
        while ident in taken:
            k += 1
            ident = f"{base}.{k}"
        taken.add(ident)
        out.append(Unplanned(measure, r, ident))
    return sorted(out, key=lambda u: (u.result.page, u.result.line))


def apply_ledger_links(diff: Diff, links: tuple[Link, ...]) -> Diff:
    """DIFF with the auditor's follow-through LINKS applied (unlinks first), and the ones that do not
    fit added to its stale_overrides."""
    entries = list(diff.follow_through)
    at = {e.id: k for k, e in enumerate(entries)}
    unplanned = list(diff.unplanned_results)
    stale: list[str] = []
    freed: list[tuple[str, Cited]] = []
    claimed: set[str] = set()
    for link in sorted(links, key=lambda x: (x.new is not None, x.old)):
        what = f"{link.old}={link.new}" if link.new else f"unlink {link.old}"
        who = f"(by {link.by or '?'}, {link.at or '?'})"
        if link.old not in at:
            stale.append(f"{what} {who}: no follow-through entry {link.old} in this diff")
            continue
        e = entries[at[link.old]]
        if link.new is None:
            results: tuple[Cited, ...] = ()
            measure = e.new_measure
        else:
            found = next((u for u in unplanned if u.id == link.new), None)
            if found is None or link.new in claimed:
                gone = "linked by another correction" if link.new in claimed else "no unplanned result of this id"
                stale.append(f"{what} {who}: {link.new}: {gone} in this diff")
                continue
            claimed.add(link.new)
            unplanned.remove(found)
            results, measure = (found.result,), found.new_measure
        auditor = (why(AUDITOR),)
        outcome, because = outcome_of(e.plan, [(r, Scored(1.0, 1.0, auditor)) for r in results])
        freed += [(e.new_measure or "", r) for r in e.results if r not in results]
        reasons = (*auditor, *because, *promised(e.promised_again, e.carried_over))
        entries[at[link.old]] = replace(e, results=results, outcome=outcome, new_measure=measure or e.new_measure,
                                        score=1.0 if results else 0.0, reasons=reasons, by=link.by, at=link.at,
                                        candidates=())
    if not links:
        return diff
    return replace(diff, follow_through=tuple(entries), unplanned_results=tuple(
        _unplanned_again(diff, entries, freed, unplanned)), stale_overrides=diff.stale_overrides + tuple(stale))
