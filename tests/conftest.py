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
def seeded_template(tmp_path_factory, seed_path) -> Path:
    """An archive holding the seed, ingested once through the CLI; tests change copies of it."""
    from click.testing import CliRunner

    from policydiff.cli import cli

    archive = tmp_path_factory.mktemp("template") / "archive"
    result = CliRunner().invoke(cli, ["--archive", str(archive), "ingest", str(seed_path)])
    assert result.exit_code == 0, result.output
    return archive


@pytest.fixture
def seeded(seeded_template, tmp_path) -> Path:
    """A fresh copy of an archive holding the seed, for a test to change."""
    import shutil

    archive = tmp_path / "archive"
    shutil.copytree(seeded_template, archive, symlinks=True)
    return archive


@pytest.fixture(scope="session")
def seed_edition():
    from policydiff import load_edition

    return load_edition(SEED)


@pytest.fixture(scope="session")
def edited_bytes(seed_bytes) -> bytes:
    """The real report with one amount changed (13億円 → 31億円): a second, different source."""
    out = seed_bytes.replace("13億円".encode(), "31億円".encode(), 1)
    assert out != seed_bytes
    return out


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory, seed_path) -> Path:
    """A SYNTHETIC next edition of the seed (seed 2025: a split, a merge, a budget edit, a rename)."""
    from policydiff import api

    made = api.synth(seed_path, seed=2025, edits=12)
    path = tmp_path_factory.mktemp("synthetic") / "next.txt"
    path.write_text(made.text, encoding="utf-8")
    return path


# Whole modules marked slow here (`pytest -m "not slow"` skips them while developing; `make test` runs
# all): a real browser, the synthetic evaluation over 22 pairs, and killed or racing processes.
SLOW_MODULES = frozenset({"test_browser.py", "test_yoy_browser.py", "test_synthetic_eval.py", "test_faults.py"})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite the golden files under tests/data/golden/ from the current output.")


@pytest.fixture
def golden(request):
    """Compare text with tests/data/golden/NAME, or rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = DATA / "golden" / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            return
        assert path.exists(), f"no golden file {path}; run pytest --update-golden and review the diff"
        assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"

    return check
