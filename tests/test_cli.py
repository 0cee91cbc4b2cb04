"""The `policydiff` command, driven as a user would: real seed, real git archives in tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import policydiff
import policydiff.api as api_module
from policydiff.cli import cli
from policydiff.renderers.edition_json import render_edition_json
from policydiff.versions.xml import edition_to_xml

INPUTS = Path(__file__).resolve().parent / "data" / "inputs"
NAME = "iryokiki-kihonkeikaku/fy2024"
SOURCE_PATH = "sources/iryokiki-kihonkeikaku/fy2024.txt"
XML_PATH = "reports/iryokiki-kihonkeikaku/fy2024.xml"


def run(archive: Path, *args: str, **kw) -> Result:
    return CliRunner().invoke(cli, ["--archive", str(archive), *args], **kw)


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}  # fmt: skip
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env=env
    ).stdout


def state(repo: Path) -> tuple[str, ...]:
    """What a refused command must leave as it was: HEAD, tags, work tree status, every commit."""
    return (
        git(repo, "rev-parse", "HEAD"),
        git(repo, "show-ref", "--tags"),
        git(repo, "status", "--porcelain", "--untracked-files=all"),
        git(repo, "log", "--format=%H %s"),
    )


def assert_one_line_error(result: Result, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]




# ---- ingest -----------------------------------------------------------------------------------


def test_ingest_seed_stores_edition_and_reports_59_measures(tmp_path, seed_path, seed_bytes, seed_edition):
    archive = tmp_path / "archive"
    result = run(archive, "ingest", str(seed_path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"ingested {NAME}: 59 measures, 71 budget lines")
    assert (archive / SOURCE_PATH).read_bytes() == seed_bytes
    assert (archive / XML_PATH).read_bytes() == edition_to_xml(seed_edition)
    assert git(archive, "log", "--format=%s").splitlines() == [f"ingest {NAME}", "create policydiff archive"]
    assert git(archive, "tag", "--list").split() == [NAME]


def test_reingesting_the_same_seed_is_unchanged_and_makes_no_commit(seeded, seed_path):
    before = state(seeded)
    result = run(seeded, "ingest", str(seed_path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"unchanged (same source already stored): {NAME}: 59 measures")
    assert state(seeded) == before


def test_ingest_of_a_different_source_for_the_same_edition_needs_replace(seeded, seed_bytes, tmp_path):
    cp932 = tmp_path / "iryokiki-kihonkeikaku_fy2024_sjis.txt"
    cp932.write_bytes(seed_bytes.decode("utf-8").encode("cp932"))
    before = state(seeded)

    refused = run(seeded, "ingest", str(cp932))
    line = assert_one_line_error(refused)
    assert "--replace" in line and NAME in line
    assert state(seeded) == before

    replaced = run(seeded, "ingest", str(cp932), "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert replaced.stdout.startswith(f"replaced {NAME}: 59 measures")
    subjects = git(seeded, "log", "--format=%s").splitlines()
    assert [s for s in subjects if s.startswith("ingest ")] == [f"ingest {NAME}", f"ingest {NAME}"]
    assert (seeded / SOURCE_PATH).read_bytes() == cp932.read_bytes()
    shown = json.loads(run(seeded, "show", "fy2024", "--format", "json").stdout)
    assert shown["source"]["encoding"] == "cp932"
    assert len(shown["measures"]) == 59


def test_ingest_with_explicit_document_and_edition(tmp_path, seed_path):
    archive = tmp_path / "archive"
    result = run(archive, "ingest", str(seed_path), "--document", "iryokiki", "--edition", "r6-2024.1")
    assert result.exit_code == 0, result.output
    assert "iryokiki/r6-2024.1: 59 measures" in result.stdout
    assert (archive / "reports/iryokiki/r6-2024.1.xml").is_file()


def test_ingest_of_a_synthetic_edition_says_so_on_stderr(tmp_path, seed_bytes):
    synthetic = tmp_path / "synthetic.txt"
    synthetic.write_bytes(b"# policydiff-synthetic: test edits\n" + seed_bytes.split(b"\n", 1)[1])
    result = run(tmp_path / "archive", "ingest", str(synthetic), "--edition", "fy2024-synthetic")
    assert result.exit_code == 0, result.output
    assert "SYNTHETIC" in result.stderr


# ---- list and show ----------------------------------------------------------------------------


def test_list_text_names_the_edition_and_its_source(seeded):
    result = run(seeded, "list")
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{NAME}\tiryokiki-kihonkeikaku_fy2024.txt\tsha256 ")


def test_list_json_has_schema_and_one_edition(seeded, seed_bytes):
    import hashlib

    result = run(seeded, "list", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "policydiff/list/1"
    (row,) = data["editions"]
    assert row["name"] == NAME
    assert row["document"] == "iryokiki-kihonkeikaku" and row["edition"] == "fy2024"
    assert row["sha256"] == hashlib.sha256(seed_bytes).hexdigest()
    assert row["source"] == "iryokiki-kihonkeikaku_fy2024.txt"


def test_list_of_a_missing_archive_is_empty_and_creates_nothing(tmp_path):
    archive = tmp_path / "archive"
    result = run(archive, "list", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"schema": "policydiff/list/1", "editions": []}
    assert not archive.exists()


def test_archive_path_comes_from_the_environment(seeded):
    result = CliRunner().invoke(cli, ["list", "--format", "json"], env={"POLICYDIFF_ARCHIVE": str(seeded)})
    assert result.exit_code == 0, result.output
    assert [e["name"] for e in json.loads(result.stdout)["editions"]] == [NAME]


def test_show_text_lists_measures_by_title(seeded):
    result = run(seeded, "show", "fy2024")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"{NAME}  results FY2024")
    assert "59 measures" in out
    assert "m050 保険導入の手引きの作成" in out
    assert "医療機器の研究開発に積極的に携わる医師をはじめとする医療従事者の育成" in out


def test_show_summary_omits_measure_rows(seeded):
    result = run(seeded, "show", "fy2024", "--summary")
    assert result.exit_code == 0, result.output
    assert "59 measures" in result.stdout
    assert "保険導入の手引きの作成" not in result.stdout
    assert "Budget lines:" in result.stdout


def test_show_json_has_schema_59_measures_and_integer_yen(seeded):
    result = run(seeded, "show", NAME, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "policydiff/edition/2"
    assert len(data["measures"]) == 59 == data["counts"]["measures"]
    budgets = data["budgets"]
    assert len(budgets) == 71
    assert all(b["yen"] is None or type(b["yen"]) is int for b in budgets)
    assert all(type(b["yen"]) is int for b in budgets if b["text"].endswith("円") or "円の内数" in b["text"])
    typo = [b for b in budgets if "11.2憶円" in b["text"]]
    assert [(b["measure"], b["yen"]) for b in typo] == [
        ("m004", 1_120_000_000),
        ("m005", 1_120_000_000),
        ("m032", 1_120_000_000),
    ]
    nested = [
        b for m in data["measures"] for col in ("results", "plans") for bl in m[col] for b in bl["budgets"]
    ]
    assert len(nested) == 71


def test_show_xml_is_the_normalized_xml_byte_for_byte(seeded, seed_edition):
    result = run(seeded, "show", "fy2024", "--format", "xml")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == edition_to_xml(seed_edition)


def test_bare_label_and_qualified_name_show_the_same_edition(seeded):
    bare = run(seeded, "show", "fy2024", "--format", "json")
    qualified = run(seeded, "show", NAME, "--format", "json")
    assert bare.exit_code == qualified.exit_code == 0
    assert bare.stdout == qualified.stdout


def test_show_of_a_report_file_works_without_an_archive(tmp_path, seed_path, seed_edition):
    archive = tmp_path / "no-archive"
    result = run(archive, "show", str(seed_path), "--format", "xml")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == edition_to_xml(seed_edition)
    assert not archive.exists()


def test_show_of_an_xml_file_works_without_an_archive(tmp_path, seed_edition):
    xml = tmp_path / "fy2024.xml"
    xml.write_bytes(edition_to_xml(seed_edition))
    result = run(tmp_path / "no-archive", "show", str(xml), "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout == render_edition_json(seed_edition)


def test_show_output_option_writes_the_file_and_nothing_to_stdout(seeded, tmp_path, seed_edition):
    out = tmp_path / "out" / "fy2024.json"
    result = run(seeded, "show", "fy2024", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == render_edition_json(seed_edition)


@pytest.mark.parametrize("name", ["fy1999", "other-doc/fy2024", "iryokiki-kihonkeikaku/fy2023"])
def test_show_of_an_unknown_edition_is_a_one_line_error(seeded, name):
    line = assert_one_line_error(run(seeded, "show", name))
    assert f"no edition {name}" in line


def test_show_with_no_archive_is_a_one_line_error(tmp_path):
    line = assert_one_line_error(run(tmp_path / "none", "show", "fy2024"))
    assert "fy2024" in line and str(tmp_path / "none") in line
    assert not (tmp_path / "none").exists()


def test_show_of_a_hostile_xml_file_is_a_one_line_error():
    line = assert_one_line_error(run(INPUTS / "none", "show", str(INPUTS / "xxe_file.xml")))
    assert "DOCTYPE" in line
    assert "root:" not in line


# ---- verify and reparse -----------------------------------------------------------------------


def test_verify_of_a_fresh_archive_exits_0(seeded):
    result = run(seeded, "verify")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "ok: 1 edition(s)" in result.stderr


def test_verify_finds_a_source_edited_and_committed_with_plain_git(seeded):
    source = seeded / SOURCE_PATH
    source.write_bytes(source.read_bytes().replace("13億円".encode(), "31億円".encode(), 1))
    git(seeded, "commit", "-q", "-am", "hand edit of the source")
    git(seeded, "fsck", "--no-dangling")  # the repository itself is sound: only the record disagrees
    result = run(seeded, "verify")
    assert result.exit_code == 1, result.output
    problems = [line for line in result.stdout.splitlines() if line.startswith(f"{SOURCE_PATH}: ")]
    assert any("sha256" in p and "does not match" in p for p in problems), result.stdout
    assert "problem(s)" in result.stderr


def test_verify_finds_invalid_xml_edited_and_committed_with_plain_git(seeded):
    report = seeded / XML_PATH
    xml = report.read_bytes()
    assert b'yen="1300000000"' in xml
    report.write_bytes(xml.replace(b'yen="1300000000"', b'yen="abc"', 1))
    git(seeded, "commit", "-q", "-am", "hand edit of the XML")
    result = run(seeded, "verify")
    assert result.exit_code == 1, result.output
    problems = [line for line in result.stdout.splitlines() if line.startswith(f"{XML_PATH}: ")]
    assert any("yen" in p for p in problems), result.stdout


def test_verify_without_an_archive_is_a_one_line_error(tmp_path):
    assert "no archive" in assert_one_line_error(run(tmp_path / "none", "verify"))


def test_reparse_of_a_fresh_archive_changes_nothing(seeded):
    before = state(seeded)
    result = run(seeded, "reparse")
    assert result.exit_code == 0, result.output
    assert result.stdout == "reparsed: 0 edition(s) changed\n"
    assert state(seeded) == before


# ---- refused input ----------------------------------------------------------------------------


def _write(tmp: Path, name: str, data: bytes) -> str:
    (tmp / name).write_bytes(data)
    return str(tmp / name)


REFUSED = {
    "missing-file": (lambda tmp, seed: ["ingest", str(tmp / "missing.txt")], "no such file"),
    "empty-file": (lambda tmp, seed: ["ingest", str(INPUTS / "empty.txt")], "empty"),
    "whitespace-only": (
        lambda tmp, seed: ["ingest", str(INPUTS / "whitespace_only.txt")],
        "",
    ),  # any one-line refusal
    "png": (lambda tmp, seed: ["ingest", str(INPUTS / "pixel.png")], "binary"),
    "english-prose": (
        lambda tmp, seed: ["ingest", str(INPUTS / "english_prose.txt")],
        "not a progress report",
    ),
    "not-text-bytes": (lambda tmp, seed: ["ingest", str(INPUTS / "not_text.bin")], "not text"),
    "seed-with-invalid-utf8": (
        lambda tmp, seed: [
            "ingest",
            _write(tmp, "broken.txt", seed.read_bytes()[:4000] + b"\xff\xfe\xc3(" + seed.read_bytes()[4000:]),
        ],
        "not text",
    ),
    "document-escapes": (
        lambda tmp, seed: ["ingest", str(seed), "--document", "../evil"],
        "invalid document id",
    ),
    "edition-upper-case": (
        lambda tmp, seed: ["ingest", str(seed), "--edition", "CON"],
        "invalid edition label",
    ),
    "edition-windows-device": (lambda tmp, seed: ["ingest", str(seed), "--edition", "con"], "reserved"),
    "edition-with-slash": (
        lambda tmp, seed: ["ingest", str(seed), "--edition", "a/b"],
        "invalid edition label",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED), ids=list(REFUSED))
@pytest.mark.parametrize("archive_state", ["absent", "seeded"])
def test_refused_input_exits_2_with_one_line_and_leaves_the_archive_untouched(
    case, archive_state, tmp_path, seed_path, seeded_template
):
    argv, message = REFUSED[case]
    archive = tmp_path / "archive"
    if archive_state == "seeded":
        shutil.copytree(seeded_template, archive, symlinks=True)
        before = state(archive)
    line = assert_one_line_error(run(archive, *argv(tmp_path, seed_path)))
    assert message in line
    if archive_state == "seeded":
        assert state(archive) == before
    else:
        assert not archive.exists()


def test_ingest_of_a_directory_exits_2_and_leaves_the_archive_untouched(seeded, tmp_path):
    before = state(seeded)
    result = run(seeded, "ingest", str(tmp_path))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "directory" in result.stderr
    assert state(seeded) == before


@pytest.mark.parametrize("command", ["ingest", "show-output", "diff-output"])
def test_a_directory_where_a_file_is_expected_is_a_one_line_error(seeded, tmp_path, command, seed_path):
    argv = {"ingest": ["ingest", str(tmp_path)], "show-output": ["show", "fy2024", "-o", str(tmp_path)],
            "diff-output": ["diff", str(seed_path), str(seed_path), "-o", str(tmp_path)]}[command]
    line = assert_one_line_error(run(seeded, *argv))
    assert "directory" in line


def test_an_existing_directory_that_is_not_an_archive_is_refused_and_left_alone(tmp_path, seed_path):
    other = tmp_path / "notes"
    other.mkdir()
    (other / "todo.txt").write_text("keep me\n", encoding="utf-8")
    line = assert_one_line_error(run(other, "ingest", str(seed_path)))
    assert "not a policydiff archive" in line
    line = assert_one_line_error(run(other, "list"))  # not "no editions yet": it is no archive
    assert "not a policydiff archive" in line
    assert sorted(p.name for p in other.iterdir()) == ["todo.txt"]


def test_ingest_of_a_report_with_a_stray_control_character_succeeds(tmp_path, seed_bytes):
    # lxml refuses control characters in XML; they used to crash ingest with exit 3.
    noisy = tmp_path / "noisy.txt"
    noisy.write_bytes(seed_bytes.replace("官民による".encode(), "官民\x07による".encode(), 1))
    result = run(tmp_path / "archive", "ingest", str(noisy))
    assert result.exit_code == 0, result.output
    assert "59 measures" in result.stdout


# ---- bugs, help, version ----------------------------------------------------------------------


def test_an_unexpected_exception_exits_3_and_says_it_is_a_bug(tmp_path, seed_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api_module, "parse_report", broken)
    archive = tmp_path / "archive"
    line = assert_one_line_error(run(archive, "ingest", str(seed_path)), code=3)
    assert "bug" in line and "RuntimeError: boom" in line
    assert not archive.exists()


def test_every_command_has_help_with_an_example():
    assert {"ingest", "list", "show", "verify", "reparse"} <= set(cli.commands)
    for name in cli.commands:
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Example" in result.stdout, name
    top = CliRunner().invoke(cli, ["--help"])
    assert top.exit_code == 0 and "Example" in top.stdout


def test_version_option_prints_the_package_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"policydiff, version {policydiff.__version__}"


def _console_script() -> list[str]:
    beside = Path(sys.executable).with_name("policydiff")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("policydiff")
    return [found] if found else [sys.executable, "-m", "policydiff.cli"]


def test_installed_console_script_ingests_and_shows_the_seed(tmp_path, seed_path):
    env = {k: v for k, v in os.environ.items() if k != "POLICYDIFF_ARCHIVE"}
    archive = tmp_path / "archive"
    cmd = [*_console_script(), "--archive", str(archive)]
    ingest = subprocess.run(
        [*cmd, "ingest", str(seed_path)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert ingest.returncode == 0, ingest.stderr
    assert ingest.stdout.startswith(f"ingested {NAME}: 59 measures")
    show = subprocess.run(
        [*cmd, "show", "fy2024", "--summary"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert show.returncode == 0, show.stderr
    assert show.stdout.startswith(f"{NAME}  results FY2024")
    assert "59 measures" in show.stdout
    assert "Traceback" not in show.stderr
