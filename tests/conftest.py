"""Shared fixtures: the bundled real report (examples/, never ../shared) and its parsed edition."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(scope="session")
def seed_edition():
    from policydiff import load_edition

    return load_edition(SEED)
