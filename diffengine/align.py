"""Pairing the measures (and goals) of two editions.

Exact matches on the normalized title first; then a global optimal assignment on text similarity
(title + description + programs), never a greedy first-come match; then split and merge parts
among what is left; finally a longest increasing subsequence over the matched positions decides
what moved, so that one inserted row does not mark everything after it as moved.
"""

from __future__ import annotations

import re
import struct
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..versions.model.edition import Edition, Goal, Measure
from ..versions.model.normalize import normalize
from . import work
from .assignment import SMALL_MAX, max_assignment
from .model import Match, Options, why
from .textdiff import similarity
from .work import CELL_COST

# ＜有事における…取組＞（再掲） and a stray ＞ (line 728) do not make a different title.
_TITLE_MARKS_RE = re.compile(r"^<|>?\s*\(再掲\)$|>$")


def title_key(m: Measure) -> str:
    return _TITLE_MARKS_RE.sub("", normalize(m.title)).strip()


# Characters of a content key compared: far above a real row's title and description (a few hundred),
# and a row with a megabyte description costs no more than that to score against 400 others.
KEY_MAX = 4_000


def content_key(m: Measure) -> str:
    """What a measure is about: title, description, programs; its bullets when the description is lost."""
    programs = " ".join(p for _, b in m.bullets for p in b.programs)
    parts = [title_key(m), normalize(m.description), programs]
    if len(m.description) < 40:
        parts.append(normalize("".join(b.text for _, b in m.bullets))[:400])
    return " ".join(p for p in parts if p)[:KEY_MAX]


def basic_plan_key(m: Measure) -> str:
    """What a measure is in the Basic Plan layer, between years: title, description and ministry tag.
    Its results and plans are rewritten every year and say nothing about which row it is."""
    ministries = "".join(("◎" if x.lead else "") + x.code for x in m.ministries)
    return " ".join(p for p in (title_key(m), m.norm_description, ministries) if p)[:KEY_MAX]


# A description shorter than this is too little left of a row to pair it by the end of another's.
LOST_START_MIN = 6


def _lost_start(a: str, b: str) -> bool:
    """Whether the shorter of two descriptions is the end of the longer: the extraction lost the first
    lines of one side's row (「…他の大学等にも横展開する。」 against 「も横展開する。」), so what is left
    of it is all there is to pair it by."""
    short, long_ = sorted((normalize(a), normalize(b)), key=len)
    return len(short) >= LOST_START_MIN and long_.endswith(short)


def units(m: Measure) -> list[str]:
    """Sentences of the description and every bullet: the pieces a split or merge moves around."""
    out = [s for s in re.split(r"(?<=。)", normalize(m.description)) if len(s) > 8]
    out += [normalize(b.text) for _, b in m.bullets if b.text]
    return out


@dataclass
class Alignment:
    pairs: dict[int, tuple[int, Match]] = field(default_factory=dict)  # old index → (new index, match)
    split_parts: dict[int, list[tuple[int, float]]] = field(default_factory=dict)  # old → extra new parts
    merge_parts: dict[int, list[tuple[int, float]]] = field(default_factory=dict)  # new → extra old parts
    moved: set[int] = field(default_factory=set)  # old indices
    goal_map: dict[str, str] = field(default_factory=dict)  # old goal id → new goal id
    runner_up: dict[int, tuple[int, float]] = field(default_factory=dict)  # old → best other new, score
    barred: set[int] = field(default_factory=set)  # old rows the auditor unpaired: no pair, part or merge

    @property
    def matched_new(self) -> set[int]:
        return {j for j, _ in self.pairs.values()}


def align_editions(old: Edition, new: Edition, opts: Options, forced: dict[int, tuple[int, Match]] | None = None,
                   barred: frozenset[int] = frozenset(), yearly: bool = False) -> Alignment:
    """FORCED pairs (old index → new index, match) and BARRED old rows (paired with nothing) are the
    auditor's corrections: taken as given, and left out of every other pairing, split and merge.

    YEARLY (editions of different years): rows are paired on the Basic Plan layer alone (title,
    description, ministry tag, and their goal and order through the assignment's tie-break), never on
    their results and plans, which every year rewrites; a row whose first lines one extraction lost
    pairs by what is left of it."""
    al = Alignment()
    al.pairs.update(forced or {})
    al.barred = set(barred)
    taken_new = {j for j, _ in (forced or {}).values()}
    al.goal_map = align_goals(old.goals, new.goals)
    key = basic_plan_key if yearly else content_key
    keys_old = [key(m) for m in old.measures]
    keys_new = [key(m) for m in new.measures]
    for reposted in (False, True):  # a 再掲 row must not steal the match of the original
        olds = [i for i, m in enumerate(old.measures) if m.reposted == reposted and i not in al.pairs
                and i not in barred]
        news = [j for j, m in enumerate(new.measures) if m.reposted == reposted and j not in taken_new]
        _match_titles(old.measures, new.measures, olds, news, keys_old, keys_new, al)
        if yearly:
            _match_lost_starts(old.measures, new.measures, olds, news, al)
        rest_old = [i for i in olds if i not in al.pairs]
        matched = al.matched_new
        rest_new = [j for j in news if j not in matched]
        for block_old, block_new in _blocks(old.measures, new.measures, rest_old, rest_new, al.goal_map, opts):
            _assign(block_old, block_new, keys_old, keys_new, al, opts)
    _note_shared_budgets(old.measures, new.measures, al)
    _runner_ups(keys_old, keys_new, al, opts)
    _splits_and_merges(old.measures, new.measures, al, opts)
    al.moved = _moved(old.measures, new.measures, al)
    return al


def align_goals(old: Sequence[Goal], new: Sequence[Goal]) -> dict[str, str]:
    """Goals by normalized title, else by best similarity above 0.6, in order."""
    out: dict[str, str] = {}
    # Several goals may share a title (a report doubled by a bad extraction): the k-th old one pairs
    # with the k-th new one. A dict of single ids crossed them, and every measure came out moved in
    # diff(a, a) (fuzz input: the seed's body repeated after itself).
    by_title: dict[str, list[str]] = defaultdict(list)
    for h in new:
        by_title[normalize(h.title)].append(h.id)
    used: set[str] = set()
    for g in old:
        same = by_title.get(normalize(g.title))
        if same:
            hit = same.pop(0)
            out[g.id] = hit
            used.add(hit)
    for g in old:
        if g.id in out:
            continue
        best = max(((similarity(normalize(g.title), normalize(h.title)), h.id) for h in new if h.id not in used),
                   default=(0.0, ""))
        if best[0] >= 0.6:
            out[g.id] = best[1]
            used.add(best[1])
    return out


def _match_titles(old: Sequence[Measure], new: Sequence[Measure], olds: list[int], news: list[int],
                  keys_old: list[str], keys_new: list[str], al: Alignment) -> None:
    """A title that names exactly one measure on each side pairs them."""
    by_old: dict[str, list[int]] = defaultdict(list)
    by_new: dict[str, list[int]] = defaultdict(list)
    for i in olds:
        if key := title_key(old[i]):
            by_old[key].append(i)
    for j in news:
        if key := title_key(new[j]):
            by_new[key].append(j)
    for key, group in by_old.items():
        if len(group) == 1 and len(by_new.get(key, ())) == 1:
            i, j = group[0], by_new[key][0]
            al.pairs[i] = (j, Match((why("same-title"),), round(similarity(keys_old[i], keys_new[j]), 4)))


def _match_lost_starts(old: Sequence[Measure], new: Sequence[Measure], olds: list[int], news: list[int],
                       al: Alignment) -> None:
    """Between years: an unpaired row whose description is the end of exactly one unpaired row of the
    other side, in the same goal and with the same ministry tag and title, pairs with it (one
    extraction lost the row's first lines). Unique both ways, so a short common ending pairs nothing.
    One description ending the other, the two end alike: rows are compared within buckets of the same
    goal, tag, title and last characters, each bucket within the diff's work budget (work.py)."""
    matched = al.matched_new

    def bucket(m: Measure, goal: str) -> tuple:
        tag = tuple(sorted((x.code, x.lead) for x in m.ministries))
        return goal, tag, title_key(m), m.norm_description[-LOST_START_MIN:]

    by_key: dict[tuple, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in olds:
        if i not in al.pairs and old[i].goal in al.goal_map:
            by_key[bucket(old[i], al.goal_map[old[i].goal])][0].append(i)
    for j in news:
        if j not in matched:
            by_key[bucket(new[j], new[j].goal)][1].append(j)
    for free_old, free_new in by_key.values():
        if not free_old or not free_new or not work.take(len(free_old) * len(free_new) * CELL_COST):
            continue
        fits = {i: [j for j in free_new if _lost_start(old[i].norm_description, new[j].norm_description)]
                for i in free_old}
        back: dict[int, int] = defaultdict(int)
        for js in fits.values():
            for j in js:
                back[j] += 1
        for i, js in fits.items():
            if len(js) == 1 and back[js[0]] == 1:
                al.pairs[i] = (js[0], Match((why("lost-start"),), 1.0))


def _blocks(old: Sequence[Measure], new: Sequence[Measure], rest_old: list[int], rest_new: list[int],
            goal_map: dict[str, str], opts: Options):
    """Candidate blocks for the assignment: all at once when small, else by goal, then the leftovers."""
    if len(rest_old) * len(rest_new) <= opts.block_size**2:
        yield rest_old, rest_new
        return
    by_goal_new: dict[str, list[int]] = defaultdict(list)
    for j in rest_new:
        by_goal_new[new[j].goal].append(j)
    by_goal_old: dict[str, list[int]] = defaultdict(list)
    for i in rest_old:
        by_goal_old[old[i].goal].append(i)
    for goal, group in by_goal_old.items():
        target = by_goal_new.get(goal_map.get(goal, ""), [])
        if group and target:
            # One goal of 20,000 reworded rows was one 20,000 × 20,000 assignment: over 6 GB
            # (issue 10). A goal larger than a block is taken in position-ordered chunks too.
            if len(group) * len(target) <= opts.block_size**2:
                yield group, target
            else:
                yield from _chunks(group, target, opts.block_size)
    # What the goal blocks left unpaired (moved to another goal, or in unmatched goals): in chunks.
    yield from _chunks(rest_old, rest_new, opts.block_size)


def _chunks(rest_old: list[int], rest_new: list[int], size: int):
    """Leftovers in position order, a block at a time; the caller skips what is already paired."""
    for start in range(0, max(len(rest_old), len(rest_new)), size):
        yield rest_old[start : start + size], rest_new[start : start + size]


def _assign(olds: list[int], news: list[int], keys_old: list[str], keys_new: list[str], al: Alignment,
            opts: Options) -> None:
    olds = [i for i in olds if i not in al.pairs]
    matched = al.matched_new
    news = [j for j in news if j not in matched]
    if not olds or not news:
        return
    rows, cols, scores = _scored_assignment([keys_old[i] for i in olds], [keys_new[j] for j in news])
    for r, c in zip(rows, cols, strict=True):
        score = float(scores[r][c])
        if score < opts.match_threshold:
            continue
        al.pairs[olds[r]] = (news[c], Match((why("similarity"),), round(score, 4)))
        row = list(scores[r])
        row[c] = -1.0
        k = max(range(len(row)), key=lambda x: (row[x], -x))
        if row[k] > 0:
            al.runner_up.setdefault(olds[r], (news[k], round(float(row[k]), 4)))


def _scores(a: list[str], b: list[str]):
    """Indel similarity of every pair: plain Python lists for a small problem (numpy's import alone
    costs 0.15 s), a float32 matrix from rapidfuzz's cdist for a large one."""
    if max(len(a), len(b)) <= SMALL_MAX:
        from rapidfuzz.distance import Indel

        sim = Indel.normalized_similarity
        # float32 rounding, as cdist's matrix has it, so small and large problems score alike
        return [[_f32(sim(x, y)) for y in b] for x in a]
    import numpy as np
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import cdist

    return cdist(a, b, scorer=Indel.normalized_similarity, dtype=np.float32, workers=1)


def _f32(v: float) -> float:
    return struct.unpack("f", struct.pack("f", v))[0]


def _scored_assignment(a: list[str], b: list[str]):
    """The optimal pairing of A and B by similarity, with a deterministic tie-break: among equal
    scores keep the order, pairing the k-th old candidate with the k-th new one. The former (r + c)
    penalty summed to the same total for every assignment, so it broke no tie: two identical untitled
    rows came out crossed and moved in diff(a, a) (fuzz input: a block of seed lines duplicated).
    Far below any real score difference (float32 scores)."""
    scores = _scores(a, b)
    tied = [[float(scores[r][c]) - abs(r - c) * 1e-9 for c in range(len(b))] for r in range(len(a))]
    pairs = max_assignment(tied)
    return [r for r, _ in pairs], [c for _, c in pairs], scores


def _budget_lines(m: Measure) -> set[tuple[str, int]]:
    return {(normalize(b.program or ""), b.yen) for _, x in m.bullets for b in x.budgets if b.yen is not None}


def _note_shared_budgets(old: Sequence[Measure], new: Sequence[Measure], al: Alignment) -> None:
    """A pairing by similarity that also cites the same budget line says so: more evidence for it."""
    for i, (j, match) in al.pairs.items():
        if match.code == "similarity" and _budget_lines(old[i]) & _budget_lines(new[j]):
            al.pairs[i] = (j, Match((*match.reasons, why("shared-budget-line")), match.score))


def _runner_ups(keys_old: list[str], keys_new: list[str], al: Alignment, opts: Options) -> None:
    """The best other candidate of every pair, when the editions are small enough to score all pairs."""
    if not al.pairs or len(keys_old) * len(keys_new) > opts.block_size**2:
        return
    olds = sorted(al.pairs)
    scores = _scores([keys_old[i] for i in olds], keys_new)
    for r, i in enumerate(olds):
        row = [float(x) for x in scores[r]]
        row[al.pairs[i][0]] = -1.0
        k = max(range(len(row)), key=lambda x: (row[x], -x))  # the first best, as numpy's argmax
        if row[k] > 0:
            al.runner_up[i] = (k, round(float(row[k]), 4))


def containment(part: Sequence[str], whole: Sequence[str], common: frozenset[str] = frozenset()) -> float:
    """How much of PART's own text is found in WHOLE, unit by unit, weighted by length (0..1).

    COMMON units (a bullet repeated across many rows, such as 「｢優れた医療機器の創出に係る…｣において…」)
    say nothing about where a row's text went, so they are left out.
    """
    own = [u for u in part if u not in common]
    total = sum(len(u) for u in own)
    if not total or not whole or not work.take(len(own) * len(whole) * CELL_COST):
        return 0.0  # (over the diff's work budget: no evidence of a split, work.py)
    got = sum(len(u) * max(similarity(u, w) for w in whole) for u in own)
    return got / total


def common_units(rows: Sequence[Sequence[str]], at_least: int = 3) -> frozenset[str]:
    """Units (sentences, bullets) that appear in AT_LEAST rows of an edition: boilerplate."""
    from collections import Counter

    counts = Counter(u for row in rows for u in set(row))
    return frozenset(u for u, n in counts.items() if n >= at_least)


def _splits_and_merges(old: Sequence[Measure], new: Sequence[Measure], al: Alignment, opts: Options) -> None:
    """An unpaired new row whose text comes from a paired old row is a split part; and conversely.

    A part counts only if its text is new to the other side's counterpart: a 再掲 row repeats its
    original, so the original's disappearance is a removal, not a merge into the repost.
    """
    matched_new = al.matched_new
    new_to_old = {j: i for i, (j, _) in al.pairs.items()}
    t = opts.split_threshold
    small = len(old) * len(new) <= opts.block_size**2
    # Each row's units, once: the loops below score every unpaired row against many candidates.
    units_old = [units(m) for m in old]
    units_new = [units(m) for m in new]
    common = common_units(units_old) | common_units(units_new)
    # On large editions, look for the source of a part among the rows of its own goal only.
    pairs_by_new_goal: dict[str, list[int]] = defaultdict(list)
    pairs_by_old_goal: dict[str, list[int]] = defaultdict(list)
    for i, (j, _) in sorted(al.pairs.items(), key=lambda x: x[1][0]):  # in new position (for _nearest)
        pairs_by_new_goal[new[j].goal].append(i)
    for i in sorted(al.pairs):  # in old position
        pairs_by_old_goal[old[i].goal].append(i)
    for j, m in enumerate(new):
        if j in matched_new:
            continue
        mine = units_new[j]
        candidates = al.pairs if small else _nearest(pairs_by_new_goal.get(m.goal, []), j, lambda i: al.pairs[i][0])
        scored = [(containment(mine, units_old[i], common), i) for i in candidates if old[i].reposted == m.reposted]
        best = max(scored, default=(0.0, -1))
        if best[0] >= t and containment(mine, units_new[al.pairs[best[1]][0]], common) < t:
            al.split_parts.setdefault(best[1], []).append((j, round(best[0], 4)))
    for i, m in enumerate(old):
        if i in al.pairs or i in al.barred:
            continue
        mine = units_old[i]
        targets = new_to_old if small else [al.pairs[k][0] for k in _nearest(pairs_by_old_goal.get(m.goal, []), i, lambda k: k)]
        scored = [(containment(mine, units_new[j], common), j) for j in targets if new[j].reposted == m.reposted]
        best = max(scored, default=(0.0, -1))
        if best[0] >= t and containment(mine, units_old[new_to_old[best[1]]], common) < t:
            al.merge_parts.setdefault(best[1], []).append((i, round(best[0], 4)))


SPLIT_CANDIDATES = 64  # on large editions: the paired rows nearest in position a part is compared with


def _nearest(rows: list[int], at: int, position) -> list[int]:
    """The SPLIT_CANDIDATES rows whose position is nearest AT (a goal of 20,000 rows made every
    unpaired row score against every paired one). ROWS come in increasing position."""
    if len(rows) <= SPLIT_CANDIDATES:
        return rows
    k = _bisect(rows, at, position)
    lo = max(0, min(k - SPLIT_CANDIDATES // 2, len(rows) - SPLIT_CANDIDATES))
    return rows[lo : lo + SPLIT_CANDIDATES]


def _bisect(rows: list[int], at: int, position) -> int:
    lo, hi = 0, len(rows)
    while lo < hi:
        mid = (lo + hi) // 2
        if position(rows[mid]) < at:
            lo = mid + 1
        else:
            hi = mid
    return lo


def longest_increasing(seq: Sequence[int]) -> set[int]:
    """Positions (in SEQ) of one longest strictly increasing subsequence (patience sorting)."""
    import bisect

    tails: list[int] = []
    tails_at: list[int] = []
    back = [-1] * len(seq)
    for pos, value in enumerate(seq):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tails_at.append(pos)
        else:
            tails[k] = value
            tails_at[k] = pos
        back[pos] = tails_at[k - 1] if k else -1
    out: set[int] = set()
    pos = tails_at[-1] if tails_at else -1
    while pos >= 0:
        out.add(pos)
        pos = back[pos]
    return out


def _moved(old: Sequence[Measure], new: Sequence[Measure], al: Alignment) -> set[int]:
    """Rows now under another goal, and rows out of order among the rest (one LIS over positions).

    A row that changed goal already explains its own jump, so it stays out of the ordering check:
    otherwise the neighbour it jumped over could be the one the LIS drops.
    """
    moved = {i for i, (j, _) in al.pairs.items() if al.goal_map.get(old[i].goal) != new[j].goal}
    order = [i for i in sorted(al.pairs) if i not in moved]
    keep = longest_increasing([al.pairs[i][0] for i in order])
    return moved | {i for pos, i in enumerate(order) if pos not in keep}
