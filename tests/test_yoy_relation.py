"""The relation of two editions is read from their fiscal years."""

from __future__ import annotations

from pathlib import Path

from policydiff import load_edition
from policydiff.diffengine.relation import infer_relation

MINI = Path(__file__).parent / "data" / "yoy-mini"


def _rel(old, new) -> str:
    return infer_relation(old.results_fy, old.plans_fy, new.results_fy, new.plans_fy)


def test_the_edition_after_is_next_year_and_the_reverse_is_other() -> None:
    old, new = load_edition(MINI / "old.txt"), load_edition(MINI / "new.txt")
    assert (old.results_fy, old.plans_fy, new.results_fy, new.plans_fy) == (2024, 2025, 2025, 2026)
    assert _rel(old, new) == "next-year"
    assert _rel(new, old) == "other"


def test_an_edition_against_itself_or_a_variant_of_the_same_years_is_a_revision(seed_edition) -> None:
    assert _rel(seed_edition, seed_edition) == "revision"


def test_editions_two_years_apart_are_other() -> None:
    assert infer_relation(2024, 2025, 2026, 2027) == "other"
