"""Options as a newcomer types them (issue 21, findings 2, 3, 7): `--archive` after the subcommand too,
an option that does not apply to what the command does is refused with one line (exit 2) instead of
being ignored, and a filter that leaves nothing says so on one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from policydiff.cli import cli

PAIR = ("fy2024", "fy2024-synthetic")
NEXT_YEAR = Path(__file__).resolve().parent / "data" / "nextyear" / "iryokiki-kihonkeikaku_fy2025-synthetic.txt"


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env)


@pytest.fixture(scope="module")
def demo(seeded_template, synthetic, tmp_path_factory) -> Path:
    """What make demo leaves: the real report and its synthetic variant archived."""
    archive = tmp_path_factory.mktemp("demo") / "archive"
    shutil.copytree(seeded_template, archive, symlinks=True)
    assert run("--archive", str(archive), "ingest", str(synthetic), "--edition", "fy2024-synthetic").exit_code == 0
    return archive


def one_line(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output[-400:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("args", [
    ["list"], ["show", "fy2024", "--summary"], ["diff", *PAIR], ["plans", "fy2024"], ["lineage"], ["verify"],
    ["review", *PAIR], ["pair", *PAIR], ["reparse"], ["repair"], ["timeline", "--part", "measures"],
    ["export", "archive.db"], ["site", "-o", "site"],
], ids=lambda a: a[0])
def test_archive_may_follow_the_subcommand(demo, args, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no ./policydiff-archive here: only --archive can name the demo's
    result = run(*args, "--archive", str(demo))
    assert result.exit_code in (0, 1), result.output
    assert "No such option" not in result.output


def test_archive_after_the_subcommand_wins_over_the_one_before(demo, tmp_path):
    assert run("--archive", str(tmp_path / "none"), "list", "--archive", str(demo)).stdout.startswith("iryokiki")


def test_ingest_takes_archive_after_the_subcommand(tmp_path, seed_path):
    archive = tmp_path / "fresh"
    assert run("ingest", str(seed_path), "--archive", str(archive)).exit_code == 0
    assert run("list", "--archive", str(archive)).stdout.startswith("iryokiki-kihonkeikaku/fy2024")


REFUSED = [
    (["plans", "fy2024", "--outcome", "dropped"], "--outcome"),
    (["plans", "fy2024", "--relation", "next-year"], "--relation"),
    (["plans", "fy2024", "--format", "csv", "--table", "follow-through"], "--table"),
    (["plans", "fy2024", "--mark", "query"], "--mark"),
    (["diff", *PAIR, "--outcome", "dropped"], "--outcome"),
    (["diff", *PAIR, "--format", "csv", "--table", "follow-through"], "--table"),
    (["diff", "SEED", "SYNTHETIC", "--mark", "query"], "--mark"),
    (["diff", *PAIR, "--lang", "en"], "--lang"),
    (["diff", *PAIR, "--format", "json", "--color", "always"], "--color"),
    (["plans", "fy2024", "--format", "markdown", "--lang", "en"], "--lang"),
    (["show", "fy2024", "--summary", "--format", "json"], "--summary"),
    (["review", *PAIR, "--note", "checked"], "--note"),
    (["review", *PAIR, "--by", "A. Auditor"], "--by"),
    (["pair", *PAIR, "--by", "A. Auditor"], "--by"),
]


@pytest.mark.parametrize(("args", "option"), REFUSED, ids=lambda x: " ".join(x) if isinstance(x, list) else x)
def test_an_option_that_does_not_apply_is_refused_not_ignored(demo, seed_path, synthetic, args, option):
    args = [str(seed_path) if a == "SEED" else str(synthetic) if a == "SYNTHETIC" else a for a in args]
    line = one_line(run("--archive", str(demo), *args))
    assert option in line, line


def test_the_same_options_are_taken_where_they_apply(demo, tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(demo, archive, symlinks=True)
    assert run("--archive", str(archive), "ingest", str(NEXT_YEAR)).exit_code == 0
    a = ["--archive", str(archive)]
    for args in (["diff", "fy2024", "fy2025-synthetic", "--outcome", "dropped"],
                 ["diff", "fy2024", "fy2025-synthetic", "--format", "csv", "--table", "follow-through"],
                 ["diff", *PAIR, "--mark", "none"], ["diff", *PAIR, "--format", "html", "--lang", "en"],
                 ["diff", *PAIR, "--color", "never"], ["show", "fy2024", "--summary"]):
        result = run(*a, *args)
        assert result.exit_code in (0, 1), (args, result.output[-300:])


def test_a_filter_that_leaves_nothing_says_so_on_one_line(demo):
    result = run("--archive", str(demo), "diff", *PAIR, "--status", "changed,added", "--ministry", "厚",
                 "--measure", "m004")
    assert result.exit_code == 0
    (line,) = [ln for ln in result.stderr.splitlines() if "nothing matches" in ln]
    assert "--status changed,added" in line and "--ministry 厚" in line and "--measure m004" in line, line
    assert "m004" in line and "文" in line, line  # why: m004 is not of 厚
    shown = run("--archive", str(demo), "diff", *PAIR, "--status", "changed,added", "--ministry", "厚")
    assert shown.exit_code == 1 and "nothing matches" not in shown.stderr


def test_every_command_that_reads_the_archive_takes_archive_after_it():
    """A command added later must not forget the option (timeline, site and export once did)."""
    file_only = {"synth", "textconv"}
    for name, command in cli.commands.items():
        params = {p.name for p in command.params}
        assert name in file_only or "archive" in params, f"policydiff {name} takes no --archive after it"
