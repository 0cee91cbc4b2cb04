"""Precision and recall of the diff engine on synthetic next editions of the real report.

Each pair is (the real edition, a synthetic edition with known edits of every kind). What a
correct diff must report comes from the ground truth (GroundTruth.expected, the one mapping from
edits to change kinds); what the engine reported is read here in the same terms. `pytest -s`
prints the table; POLICYDIFF_WRITE_FIGURES=1 also writes it to tests/data/synthetic/eval_figures.json.
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

import pytest

from policydiff import parse_report
from policydiff.versions.model.normalize import normalize
from policydiff.versions.synthetic import CHANGE_KINDS, EDIT_KINDS, SyntheticEdition, make_synthetic

pytestmark = pytest.mark.skipif(find_spec("policydiff.diffengine.engine") is None,
                                reason="the diff engine (diffengine/engine.py) has not landed")

SEED = 20250317  # the date of the real report's meeting
PAIRS = 22
EDITS_PER_PAIR = len(EDIT_KINDS)  # one edit of every kind in each pair
FORMAT_ONLY_EDITS = 8  # edits in each of the reflow-only and width-only pairs
THRESHOLD = 0.95
FIGURES = Path(__file__).parent / "data" / "synthetic" / "eval_figures.json"


def reported(diff) -> dict[str, set]:
    """What the engine says, in the terms of GroundTruth.expected."""
    ms = diff.measures
    return {
        "changed": {m.old_id for m in ms if m.status == "changed" and any(not c.format_only for c in m.changes)},
        "added": {m.new_title for m in ms if m.status == "added"},
        "removed": {m.old_id for m in ms if m.status == "removed"},
        "moved": {m.old_id for m in ms if m.moved},
        "split": {m.old_id for m in ms if m.status == "split"},
        "merged": {m.old_id for m in ms if m.status == "merged"} | {g for m in ms if m.status == "merged" for g in m.group},
        "budget": {(b.program, b.fiscal_year) for b in diff.budgets},
        "rename": {(r.old, r.new) for r in diff.renames},
    }


def comparable(kind: str, items) -> set:
    """Program names compared normalized (widths, quotes), as the engine keys them."""
    if kind == "budget":
        return {(normalize(p), fy) for p, fy in items}
    if kind == "rename":
        return {(normalize(a), normalize(b)) for a, b in items}
    return set(items)


@dataclass
class Tally:
    expected: int = 0
    reported: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return self.found / self.reported if self.reported else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


@dataclass
class Evaluation:
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in CHANGE_KINDS})
    edits: Counter = field(default_factory=Counter)
    pairs: int = 0
    misses: list[str] = field(default_factory=list)  # 'seed 123 changed: missed m004 (engine: unchanged)'
    one_char: list[tuple[int, str, bool]] = field(default_factory=list)  # (seed, old id, found)
    format_only: list[tuple[int, str, bool]] = field(default_factory=list)  # (seed, old id, reported)

    def table(self) -> str:
        rows = [f"{'kind':<8} {'expected':>8} {'reported':>8} {'found':>6} {'precision':>9} {'recall':>7}"]
        for k, t in self.tallies.items():
            rows.append(f"{k:<8} {t.expected:>8} {t.reported:>8} {t.found:>6} {t.precision:>9.3f} {t.recall:>7.3f}")
        found = sum(ok for *_, ok in self.one_char)
        noisy = sum(bad for *_, bad in self.format_only)
        rows.append(f"{self.pairs} pairs, {sum(self.edits.values())} edits; one_char found {found}/{len(self.one_char)}; "
                    f"reflow/width reported {noisy}/{len(self.format_only)}")
        return "\n".join(rows)

    def figures(self) -> dict[str, object]:
        return {
            "seed": SEED,
            "pairs": self.pairs,
            "edits": dict(sorted(self.edits.items())),
            "kinds": {k: {"expected": t.expected, "reported": t.reported, "found": t.found,
                          "precision": round(t.precision, 4), "recall": round(t.recall, 4)}
                      for k, t in self.tallies.items()},
            "one_char_found": [sum(ok for *_, ok in self.one_char), len(self.one_char)],
            "format_only_reported": [sum(bad for *_, bad in self.format_only), len(self.format_only)],
            "misses": self.misses,
        }


def _engine_says(diff, old_id: str) -> str:
    rec = [m for m in diff.measures if m.old_id == old_id]
    return ", ".join(f"{m.status}{' moved' if m.moved else ''} as {m.new_id}" for m in rec) or "nothing"


def _score(ev: Evaluation, syn: SyntheticEdition, diff) -> None:
    want, got = syn.truth.expected(), reported(diff)
    seed = syn.truth.seed
    for kind in CHANGE_KINDS:
        w, g = comparable(kind, want[kind]), comparable(kind, got[kind])
        t = ev.tallies[kind]
        t.expected, t.reported, t.found = t.expected + len(w), t.reported + len(g), t.found + len(w & g)
        for x in sorted(w - g, key=str):
            ev.misses.append(f"seed {seed} {kind}: missed {x}" + (
                f" (engine: {_engine_says(diff, x)})" if isinstance(x, str) and x.startswith("m") else ""))
        for x in sorted(g - w, key=str):
            ev.misses.append(f"seed {seed} {kind}: spurious {x}" + (
                f" (engine: {_engine_says(diff, x)})" if isinstance(x, str) and x.startswith("m") else ""))
    other = {k for e in syn.truth.edits if e.kind not in ("reflow", "width") for k in e.measures}
    for e in syn.truth.edits:
        if e.kind == "one_char":
            ev.one_char.append((seed, e.measures[0], e.measures[0] in got["changed"]))
        elif e.kind in ("reflow", "width") and e.measures[0] not in other:
            noisy = any(m.old_id == e.measures[0] and m.substantive for m in diff.measures)
            ev.format_only.append((seed, e.measures[0], noisy))
    ev.edits.update(e.kind for e in syn.truth.edits)
    ev.pairs += 1


@pytest.fixture(scope="module")
def evaluation(seed_bytes: bytes, seed_edition) -> Evaluation:
    from policydiff.diffengine.engine import diff_editions
    from policydiff.diffengine.model import Options

    text = seed_bytes.decode("utf-8")
    rng = random.Random(SEED)
    ev = Evaluation()
    for _ in range(PAIRS):
        syn = make_synthetic(text, rng.randrange(1_000_000), n_edits=EDITS_PER_PAIR)
        _score(ev, syn, diff_editions(seed_edition, parse_report(syn.text), Options()))
    print("\n" + ev.table())
    if os.environ.get("POLICYDIFF_WRITE_FIGURES") == "1":
        FIGURES.write_text(json.dumps(ev.figures(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return ev


def test_the_evaluation_mixes_every_edit_kind_in_enough_pairs(evaluation: Evaluation) -> None:
    assert evaluation.pairs >= 20
    assert sum(evaluation.edits.values()) >= 200
    assert set(evaluation.edits) == set(EDIT_KINDS)
    assert all(t.expected for t in evaluation.tallies.values())


@pytest.mark.parametrize("kind", CHANGE_KINDS)
def test_precision_and_recall_reach_95_percent(evaluation: Evaluation, kind: str) -> None:
    t = evaluation.tallies[kind]
    misses = "\n".join(x for x in evaluation.misses if f" {kind}: " in x)
    assert t.precision >= THRESHOLD, f"{kind}: precision {t.precision:.3f}\n{misses}"
    assert t.recall >= THRESHOLD, f"{kind}: recall {t.recall:.3f}\n{misses}"


def test_every_one_char_edit_is_found(evaluation: Evaluation) -> None:
    missed = [(seed, mid) for seed, mid, ok in evaluation.one_char if not ok]
    assert len(evaluation.one_char) >= PAIRS
    assert not missed


def test_no_reflow_or_width_edit_is_reported(evaluation: Evaluation) -> None:
    noisy = [(seed, mid) for seed, mid, bad in evaluation.format_only if bad]
    assert len(evaluation.format_only) >= PAIRS
    assert not noisy


@pytest.mark.parametrize("kind", ["reflow", "width"])
def test_a_format_only_edition_has_no_substantive_change(seed_bytes: bytes, seed_edition, kind: str) -> None:
    from policydiff.diffengine.engine import diff_editions
    from policydiff.diffengine.model import Options

    syn = make_synthetic(seed_bytes.decode("utf-8"), SEED, n_edits=FORMAT_ONLY_EDITS, kinds=[kind])
    assert len(syn.truth.edits) == FORMAT_ONLY_EDITS
    diff = diff_editions(seed_edition, parse_report(syn.text), Options())
    assert [m.old_id for m in diff.measures if m.substantive] == []
    assert not any(m.status in ("added", "removed") for m in diff.measures)
    assert list(diff.budgets) == []
    assert list(diff.renames) == []
