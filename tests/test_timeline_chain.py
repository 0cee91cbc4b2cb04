"""The timeline of generated chains (versions/synthetic/chain.py) agrees with the N-1 pairwise diffs
(a property test) and with what the generator wrote; 15 editions through timeline and site."""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policydiff.diffengine.engine import diff_editions
from policydiff.diffengine.timeline import build_timeline, fiscal_order
from policydiff.versions.model.normalize import normalize
from policydiff.versions.readers.load import parse_report
from policydiff.versions.synthetic.chain import make_chain

pytestmark = pytest.mark.slow


@cache
def _seed_text() -> str:
    from conftest import SEED

    return SEED.read_text(encoding="utf-8")


def _chain(n: int, measures: int, seed: int):
    chain = make_chain(_seed_text(), n, measures, seed)
    editions = fiscal_order(parse_report(text, source_name=f"chain-{k}.txt") for k, text in enumerate(chain.texts))
    diffs = [diff_editions(a, b) for a, b in zip(editions, editions[1:], strict=False)]
    return chain, editions, diffs, build_timeline(editions, diffs)


def _line_of(t, name: str):
    found = [p for p in t.programs if normalize(name) in {normalize(n) for n in p.names}]
    assert len(found) == 1, name
    return found[0]


def check_agreement(chain, editions, diffs, t) -> None:
    """Everything the timeline says of step k is what diffs[k] says, and every measure, plan, event
    and budget amount of the editions is in it exactly once."""
    assert [e.label for e in t.editions] == [e.edition for e in editions]
    assert [s.relation for s in t.steps] == [d.relation for d in diffs] == ["next-year"] * len(diffs)
    assert t.real_years == () and all(e.synthetic for e in t.editions)
    for k, ed in enumerate(editions):  # every row in exactly one lineage
        assert sorted(m.ids[k] for m in t.measures if m.ids[k]) == sorted(m.id for m in ed.measures)
    by_step = [{(m.ids[k], m.ids[k + 1]) for m in t.measures} for k in range(len(diffs))]
    for k, d in enumerate(diffs):
        for m in d.measures:
            if m.status in ("unchanged", "changed"):
                assert (m.old_id, m.new_id) in by_step[k], (k, m.old_id, m.new_id)
                lineage = next(x for x in t.measures if x.ids[k] == m.old_id)
                assert lineage.steps[k].status == d.reads_as(m) and lineage.steps[k].moved == m.moved
            elif m.status == "removed":
                assert (m.old_id, None) in by_step[k]
            elif m.status == "added":
                assert any(x.ids[k + 1] == m.new_id and x.steps[k].status == "added" for x in t.measures)
        year = next(y for y in t.follow_through if y.step == k)
        assert dict(year.outcomes) == dict(Counter(e.outcome for e in d.follow_through))
        assert year.plans == len(d.follow_through) and year.unplanned == len(d.unplanned_results)
        for traj in d.budget_trajectories:  # what the pair joined is one program line here
            assert len({_line_of(t, n).key for n in traj.names}) == 1, traj.names
        for e in d.program_events:
            assert any(x.step == k and x.event == e.event and x.program == e.program
                       for x in _line_of(t, e.program).events)
    for ed in editions:  # every budget amount is a point, or cited beside one
        for _, _, _, b in ed.budgets():
            if not b.program or b.fiscal_year is None or (b.yen is None and b.kind != "request"):
                continue
            (point,) = [p for p in _line_of(t, b.program).points if (p.edition, p.kind, p.part_of) ==
                        (ed.edition, b.kind, b.part_of)]
            assert (point.fiscal_year, point.yen) == (b.fiscal_year, b.yen) or any(b.text in a for a in point.also)
    truth = chain.truth
    for _, old, new in truth.successions + truth.renames:  # stated or not, one line
        if any(normalize(old) in {normalize(n) for n in p.names} for p in t.programs):
            assert _line_of(t, old).key == _line_of(t, new).key, (old, new)
    for k, name, fy, kind, yen, part_of in truth.budgets:
        assert any((p.edition, p.fiscal_year, p.kind, p.yen, p.part_of) == (editions[k].edition, fy, kind, yen, part_of)
                   for p in _line_of(t, name).points), (k, name, fy, kind)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(2, 4), measures=st.integers(6, 12), seed=st.integers(0, 10_000))
def test_timeline_agrees_with_the_pairwise_diffs(n, measures, seed):
    check_agreement(*_chain(n, measures, seed))


def test_fifteen_editions_through_timeline_and_site(tmp_path):
    """A generated chain of 15 editions (small rows, the suite stays lean; the seed-size figure is
    tests/benchmarks/site_chain.py's): the timeline agrees with its 14 diffs, and `site` writes every
    page once and none on a rerun."""
    from click.testing import CliRunner

    from policydiff.cli import cli

    chain, editions, diffs, t = _chain(15, 8, 2026)
    check_agreement(chain, editions, diffs, t)
    assert len(t.editions) == 15 and len(t.steps) == 14 and len(t.follow_through) == 14
    assert max(p.years_running for p in t.promises) >= 3
    archive, site = tmp_path / "archive", tmp_path / "site"
    runner = CliRunner()
    for k, text in enumerate(chain.texts):
        path = tmp_path / f"chain-{k}.txt"
        path.write_text(text, encoding="utf-8")
        assert runner.invoke(cli, ["--archive", str(archive), "ingest", str(path)]).exit_code == 0
    first = runner.invoke(cli, ["--archive", str(archive), "site", "-o", str(site)])
    pages = 1 + 1 + 14 + len(t.programs) + len(t.measures)
    assert first.exit_code == 0 and f": {pages} page(s) rewritten, 0 unchanged" in first.output
    again = runner.invoke(cli, ["--archive", str(archive), "site", "-o", str(site)])
    assert again.exit_code == 0 and f": 0 page(s) rewritten, {pages} unchanged, 0 removed" in again.output
