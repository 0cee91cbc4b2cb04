"""The library API as a user calls it (import policydiff as p), and the CLI as a thin layer on it."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import html_cases as cases
import measure_tsv
import pytest
from click.testing import CliRunner

import policydiff as p
from policydiff.cli import cli

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "data" / "golden" / "cli"


@pytest.fixture
def pair(tmp_path, seed_path, monkeypatch) -> Path:
    """fy2024.txt and fy2024-edited.txt in the working directory, named as the golden reports name them."""
    shutil.copy(seed_path, tmp_path / "fy2024.txt")
    (tmp_path / "fy2024-edited.txt").write_text(cases.edited_text(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_diff_and_render_from_python_give_the_command_s_report(pair):
    d = p.diff("fy2024.txt", "fy2024-edited.txt")
    assert p.render(d, "markdown") == (GOLDEN / "edited-pair.md").read_text(encoding="utf-8")
    assert p.render(d, "json") == (GOLDEN / "edited-pair.json").read_text(encoding="utf-8")
    assert dict(d.old.origin) == {"file": "fy2024.txt"}


def test_plans_from_python_give_the_command_s_report(pair):
    assert p.render(p.plans("fy2024.txt"), "json") == (GOLDEN / "plans-fy2024.json").read_text(encoding="utf-8")


def test_an_archive_round_trip_through_the_api(tmp_path, seed_path, monkeypatch):
    monkeypatch.setenv("POLICYDIFF_ARCHIVE", str(tmp_path / "from-env"))
    first = p.ingest(seed_path)
    assert (first.status, first.edition.name) == ("added", "iryokiki-kihonkeikaku/fy2024")
    assert p.ingest(seed_path).status == "unchanged"
    assert [e.name for e in p.editions()] == ["iryokiki-kihonkeikaku/fy2024"]
    archived = p.open_edition("fy2024")
    assert archived == p.open_edition(seed_path)
    checked = p.verify()
    assert (checked.problems, checked.editions, checked.path) == ((), 1, tmp_path / "from-env")
    assert p.reparse() == []
    assert list(p.lineage()) == ["iryokiki-kihonkeikaku"]
    assert dict(p.diff("fy2024", seed_path).old.origin)["archive_name"] == "iryokiki-kihonkeikaku/fy2024"


def test_an_archive_argument_wins_over_the_environment(seeded, tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYDIFF_ARCHIVE", str(tmp_path / "elsewhere"))
    assert p.open_edition("fy2024", archive=seeded).edition == "fy2024"
    with pytest.raises(p.PolicydiffError, match="no archive"):
        p.verify()


def test_a_registered_format_is_offered_by_the_command(pair, monkeypatch):
    from policydiff.renderers import REPORTS

    monkeypatch.setitem(REPORTS, "measure-tsv", REPORTS["text"])  # undone after the test
    p.register("measure-tsv", measure_tsv.render_measure_tsv)
    assert "measure-tsv" in p.report_formats()
    assert "measure-tsv" in CliRunner().invoke(cli, ["diff", "--help"]).output
    result = CliRunner().invoke(cli, ["diff", "fy2024.txt", "fy2024-edited.txt", "--format", "measure-tsv"])
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    d = p.diff("fy2024.txt", "fy2024-edited.txt")
    assert result.exit_code == 1 and len(rows) == len(d.measures)
    assert ["m010", "", "removed"] in rows


def test_an_unknown_format_is_refused_by_the_api(pair):
    with pytest.raises(p.PolicydiffError, match="no report format 'pdf'"):
        p.render(p.plans("fy2024.txt"), "pdf")


# The CLI may import the API, the errors, click and the standard library; nothing of versions/,
# diffengine/ or renderers/ beyond the errors.
ALLOWED_FROM_PACKAGE = {"": {"api"}, "versions.model.errors": {"PolicydiffError"}}


def test_the_command_reaches_the_library_only_through_the_api():
    tree = ast.parse((ROOT / "cli.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            module = node.module or ""
            assert module in ALLOWED_FROM_PACKAGE, f"cli.py imports .{module}"
            assert {a.name for a in node.names} <= ALLOWED_FROM_PACKAGE[module], node.names
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names = [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            assert not any(n and n.startswith("policydiff") for n in names), names
    used = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)
            and isinstance(n.value, ast.Name) and n.value.id == "api"}
    assert used <= set(p.api.__all__), used - set(p.api.__all__)


def test_the_readme_python_example_runs(tmp_path, seed_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = readme.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "examples").mkdir()
    shutil.copy(seed_path, tmp_path / "examples" / seed_path.name)
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    exec(compile(code, "README.md", "exec"), names)  # noqa: S102 - the README's own example
    assert names["d"].new.synthetic and "synthetic" in names["html"].lower()
    assert names["changed"] and (tmp_path / "fy2024-synthetic.txt").exists()
