"""Why an added or removed measure was not paired: its nearest rows on the other side, with their
scores and the reason each was not taken (paired elsewhere, below the threshold, or another pairing
scored better overall). An auditor who sees 'removed' must be able to check that nothing matched.

The score is the alignment's own: the Indel similarity (0..1) of the two rows' title, description and
program names (align.content_key), the share of text they have in common.
"""

from __future__ import annotations

from dataclasses import replace

from ..versions.model.edition import Edition
from .align import Alignment, content_key
from .model import Candidate, MeasureChange, Options, Reason, why

NEAREST = 3  # candidates shown per unpaired row


def _pairs_of(al: Alignment, old: Edition, new: Edition) -> tuple[dict[str, tuple[str, float]], dict[str, tuple[str, float]]]:
    """old id → (new id, score) and new id → (old id, score), for pairs and split/merge parts."""
    by_old: dict[str, tuple[str, float]] = {}
    by_new: dict[str, tuple[str, float]] = {}
    for i, (j, match) in al.pairs.items():
        by_old[old.measures[i].id] = (new.measures[j].id, match.score)
        by_new[new.measures[j].id] = (old.measures[i].id, match.score)
    for i, parts in al.split_parts.items():
        for j, score in parts:
            by_new[new.measures[j].id] = (old.measures[i].id, score)
    for j, parts in al.merge_parts.items():
        for i, score in parts:
            by_old[old.measures[i].id] = (new.measures[j].id, score)
    return by_old, by_new


def _why(score: float, taken: tuple[str, float] | None, opts: Options) -> tuple[Reason, ...]:
    if taken is not None:
        return (why("paired-with", id=taken[0], score=taken[1]),)
    if score < opts.match_threshold:
        return (why("below-threshold", threshold=opts.match_threshold),)
    return (why("assigned-otherwise"),)


def with_candidates(records: list[MeasureChange], old: Edition, new: Edition, al: Alignment,
                    opts: Options) -> list[MeasureChange]:
    """RECORDS with the nearest candidates of every added and removed row. Skipped (none listed) on
    editions too large to score every pair, as the runner-ups are (opts.block_size)."""
    lone = [r for r in records if r.status in ("added", "removed")]
    if not lone or len(old.measures) * len(new.measures) > opts.block_size**2:
        return records
    from rapidfuzz.distance import Indel

    by_old, by_new = _pairs_of(al, old, new)
    keys_old = {m.id: content_key(m) for m in old.measures}
    keys_new = {m.id: content_key(m) for m in new.measures}
    out = []
    for r in records:
        if r.status not in ("added", "removed"):
            out.append(r)
            continue
        mine, others, taken = ((keys_old[r.old_id or ""], keys_new, by_new) if r.status == "removed"
                               else (keys_new[r.new_id or ""], keys_old, by_old))
        scored = sorted(((round(Indel.normalized_similarity(mine, key), 4), mid) for mid, key in others.items()),
                        key=lambda x: (-x[0], x[1]))[:NEAREST]
        out.append(replace(r, candidates=tuple(Candidate(mid, score, _why(score, taken.get(mid), opts))
                                               for score, mid in scored if score > 0)))
    return out
