"""The synthetic-edition generator: known edits on the real report, read back by the parser as the truth says."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from policydiff import parse_report
from policydiff.versions.model.edition import Measure
from policydiff.versions.model.normalize import display_width, normalize
from policydiff.versions.readers.load import SYNTHETIC_MARKER
from policydiff.versions.synthetic import (
    CHANGE_KINDS,
    EDIT_KINDS,
    GroundTruth,
    SyntheticEdit,
    make_scaled,
    make_synthetic,
    wrap,
)

GOLDEN = Path(__file__).parent / "data" / "synthetic" / "seed-7.truth.json"
COUNT_DELTA = {"add": 1, "remove": -1, "split": 1, "merge": -1}  # the other kinds keep the count


@pytest.fixture(scope="module")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


def normalized(m: Measure) -> tuple:
    return (normalize(m.title), normalize(m.description), normalize(m.ministries_text),
            tuple(normalize(b.text) for b in m.results), tuple(normalize(b.text) for b in m.plans))


def expected_count(old: int, edits: tuple[SyntheticEdit, ...]) -> int:
    return old + sum(COUNT_DELTA.get(e.kind, 0) for e in edits)


def test_the_same_seed_gives_the_same_edition_and_truth(seed_text: str) -> None:
    a, b = make_synthetic(seed_text, 11), make_synthetic(seed_text, 11)
    assert a.text == b.text
    assert a.truth == b.truth
    assert make_synthetic(seed_text, 12).text != a.text


def test_the_first_line_marks_the_edition_synthetic(seed_text: str) -> None:
    s = make_synthetic(seed_text, 3)
    first = s.text.split("\n", 1)[0]
    assert first == f"{SYNTHETIC_MARKER} {s.truth.summary}"
    edition = parse_report(s.text)
    assert edition.synthetic
    assert edition.synthetic_note == s.truth.summary


def test_a_synthetic_text_can_seed_another_synthetic_edition(seed_text: str) -> None:
    first = make_synthetic(seed_text, 3)
    second = make_synthetic(first.text, 4)
    assert second.text.count(SYNTHETIC_MARKER) == 1
    assert parse_report(second.text).synthetic


@pytest.mark.parametrize("kind", EDIT_KINDS)
def test_each_edit_kind_alone_parses_with_the_expected_measure_count(seed_text: str, seed_edition, kind: str) -> None:
    old_ids = {m.id for m in seed_edition.measures}
    old_titles = {m.title for m in seed_edition.measures}
    for seed in (1, 2, 3):
        s = make_synthetic(seed_text, seed, n_edits=1, kinds=[kind])
        assert [e.kind for e in s.truth.edits] == [kind]
        edit = s.truth.edits[0]
        new = parse_report(s.text)
        assert len(new.measures) == len(seed_edition.measures) + COUNT_DELTA.get(kind, 0) == s.truth.new_measures
        assert set(edit.measures) <= old_ids
        assert bool(edit.measures) == (kind != "add")
        new_titles = [m.title for m in new.measures]
        if kind in ("add", "split"):
            assert edit.title not in old_titles
            assert new_titles.count(edit.title) == 1
        if kind == "rename":
            assert edit.rename is not None
            assert edit.rename[0] not in new.programs() and edit.rename[1] in new.programs()


@pytest.mark.slow
def test_every_edit_kind_mixed_in_one_edition_parses_as_the_truth_says(seed_text: str, seed_edition) -> None:
    for seed in range(6):
        s = make_synthetic(seed_text, seed, n_edits=24)
        assert Counter(e.kind for e in s.truth.edits) == {k: 2 for k in EDIT_KINDS}
        new = parse_report(s.text)
        assert len(new.measures) == expected_count(len(seed_edition.measures), s.truth.edits)


def test_untouched_measures_read_exactly_as_before(seed_text: str, seed_edition) -> None:
    s = make_synthetic(seed_text, 5, n_edits=12, kinds=[k for k in EDIT_KINDS if k != "rename"])
    touched = {k for e in s.truth.edits for k in e.measures}
    new_by_title = {m.title: m for m in parse_report(s.text).measures}
    untouched = [m for m in seed_edition.measures if m.id not in touched and m.title]
    assert untouched
    for m in untouched:
        assert normalized(new_by_title[m.title]) == normalized(m)


@pytest.mark.parametrize("kind", ["reflow", "width"])
def test_reflow_and_width_editions_change_lines_but_no_normalized_text(seed_text: str, seed_edition,
                                                                          kind: str) -> None:
    s = make_synthetic(seed_text, 5, n_edits=8, kinds=[kind])
    assert len(s.truth.edits) == 8
    assert s.text.split("\n")[1:] != seed_text.split("\n")[1:]
    new = parse_report(s.text)
    assert [normalized(m) for m in new.measures] == [normalized(m) for m in seed_edition.measures]
    assert all(not v for v in s.truth.expected().values())


@pytest.mark.slow
def test_edited_lines_keep_the_column_widths_the_parser_reads(seed_text: str, seed_edition) -> None:
    def wide_plans_lines(text: str) -> set[str]:  # the real text has some: results and plans on one line
        lines = text.split("\n")
        return {lines[n].strip() for m in parse_report(text).measures for b in m.plans
                for n in range(b.line - 1, b.end_line) if display_width(lines[n].strip()) > 45}

    s = make_synthetic(seed_text, 9, n_edits=24)
    before = seed_text
    for e in s.truth.edits:
        before = before.replace(*e.rename) if e.rename else before
    assert wide_plans_lines(s.text) <= wide_plans_lines(before)


def test_budget_edits_name_the_line_the_parser_reads(seed_text: str, seed_edition) -> None:
    for seed in range(4):
        s = make_synthetic(seed_text, seed, n_edits=3, kinds=["budget"])
        new = parse_report(s.text)
        old_lines = {(b.program, b.fiscal_year, b.yen) for *_, b in seed_edition.budgets()}
        new_lines = {(b.program, b.fiscal_year, b.yen) for *_, b in new.budgets()}
        for e in s.truth.edits:
            (program, year), = e.budgets
            assert {x for x in new_lines - old_lines if x[:2] == (program, year)}, e.detail


def test_expected_changes_map_each_edit_kind_once() -> None:
    edits = (
        SyntheticEdit("reword", ("m001",), "d"),
        SyntheticEdit("one_char", ("m002",), "d"),
        SyntheticEdit("one_char", ("m003",), "d", budgets=(("X事業", 2024),)),
        SyntheticEdit("move", ("m001",), "d"),
        SyntheticEdit("rename", ("m004", "m005"), "d", rename=("A事業", "B事業")),
        SyntheticEdit("split", ("m005",), "d", title="T（その２）"),
        SyntheticEdit("merge", ("m006", "m007"), "d"),
        SyntheticEdit("remove", ("m008",), "d", budgets=(("Y事業", 2025),)),
        SyntheticEdit("add", (), "d", title="新しい取組"),
        SyntheticEdit("reflow", ("m009",), "d"),
        SyntheticEdit("width", ("m010",), "d"),
    )
    want = GroundTruth(1, "s", edits, 10, 10).expected()
    assert set(want) == set(CHANGE_KINDS)
    assert want["changed"] == {"m001", "m002", "m003", "m004"}  # m005 is split: not also "changed"
    assert want["moved"] == {"m001"}
    assert want["split"] == {"m005"}
    assert want["merged"] == {"m006", "m007"}
    assert want["removed"] == {"m008"}
    assert want["added"] == {"新しい取組"}
    assert want["budget"] == {("X事業", 2024), ("Y事業", 2025)}
    assert want["rename"] == {("A事業", "B事業")}


def test_truth_matches_the_golden_file(seed_text: str, golden) -> None:
    """The golden file shows a reviewer what one seed does; pytest --update-golden rewrites it."""
    truth = make_synthetic(seed_text, 7, n_edits=12).truth
    golden("synthetic-seed-7.truth.json", json.dumps(truth.to_dict(), ensure_ascii=False, indent=1) + "\n")


def test_unknown_edit_kinds_are_refused(seed_text: str) -> None:
    with pytest.raises(ValueError, match="unknown edit kinds"):
        make_synthetic(seed_text, 1, kinds=["typo"])


def test_wrap_never_starts_a_line_with_a_bullet_mark_or_splits_a_latin_word() -> None:
    text = "・研究開発・治験等の実施について、Brain Computer Interfaceの活用を検討する（同予算内数）"
    for width in (10, 13, 17, 20):
        lines = wrap(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(not re.match(r"^[・（]", x) or k == 0 for k, x in enumerate(lines))
        for a, b in zip(lines, lines[1:], strict=False):
            assert not (re.search(r"[A-Za-z]$", a) and re.match(r"^[A-Za-z]", b)) or " " in a + b


def test_a_scaled_pair_parses_with_the_truth_counts_and_every_kind(seed_text: str) -> None:
    old, new, truth = make_scaled(seed_text, 150, 4)
    eo, en = parse_report(old), parse_report(new)
    assert eo.synthetic and en.synthetic
    assert len(eo.measures) == truth.old_measures == 150
    assert len(en.measures) == truth.new_measures == expected_count(150, truth.edits)
    assert set(Counter(e.kind for e in truth.edits)) == set(EDIT_KINDS)
    touched = {k for e in truth.edits for k in e.measures}
    new_by_title = {m.title: m for m in en.measures}
    for m in eo.measures:
        if m.id not in touched:
            assert normalized(new_by_title[m.title]) == normalized(m)


@pytest.mark.slow
def test_ten_thousand_scaled_measures_are_built_like_the_report(seed_text: str) -> None:
    # How long it takes is the benchmark's business (tests/benchmarks/run.py), not a test's.
    old, new, truth = make_scaled(seed_text, 10_000, 1)
    assert truth.old_measures == 10_000
    assert sum(1 for x in old.split("\n") if x.endswith("］")) == 10_000  # one tag closes each row
    assert 400 <= len(truth.edits) <= 600  # about 5% of the rows
