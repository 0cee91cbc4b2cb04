"""The review workflow against an attacker (issue 21, findings 11, 12, 13, 17, 25): hostile marks files,
review files forged in a received archive, non-UTF-8 names, concurrent writers. Every command ends in a
result or one line with exit 2, nothing stored is lost, and `verify` and `repair` deal with a forged file.
The shapes are shared with `make fuzz` (tests/hostile_reviews.py, tests/fuzz/archive_shapes.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import hostile_reviews as hostile
import pytest
from archive_helpers import git
from click.testing import CliRunner

from policydiff import api
from policydiff.cli import cli
from policydiff.versions.archive.reviews import from_json, review_path
from policydiff.versions.model.errors import ArchiveError

pytestmark = pytest.mark.slow  # every attack shape through the CLI, processes racing (make test runs it)

PAIR = ("fy2024", "fy2024-synthetic")
DOC = "iryokiki-kihonkeikaku"
REVIEW = review_path(DOC, *PAIR)


def run(archive, *args, env=None):
    return CliRunner().invoke(cli, ["--archive", str(archive), *args], env=env)


def one_line_refusal(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output[-500:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.stderr[:500]
    return lines[0]


@pytest.fixture(scope="module")
def pair_template(seeded_template, synthetic, tmp_path_factory):
    """The seed and its synthetic variant archived, and the pair's change ids (listed once)."""
    template = tmp_path_factory.mktemp("pair") / "archive"
    shutil.copytree(seeded_template, template, symlinks=True)
    assert run(template, "ingest", str(synthetic)).exit_code == 0
    sheet = run(template, "review", *PAIR, "--format", "json")
    assert sheet.exit_code == 0, sheet.output
    return template, [c["id"] for c in json.loads(sheet.stdout)["changes"]]


@pytest.fixture
def archive(pair_template, tmp_path):
    copy = tmp_path / "archive"
    shutil.copytree(pair_template[0], copy, symlinks=True)
    return copy


@pytest.fixture
def ids(pair_template) -> list[str]:
    """The change ids of the pair, as `review` lists them."""
    return pair_template[1]


def stored_marks(archive) -> list[dict]:
    data = (archive / REVIEW).read_bytes() if (archive / REVIEW).exists() else b'{"marks": []}'
    return json.loads(data)["marks"]


def shas(archive) -> tuple[str, str]:
    found = {e.edition: e.sha256 for e in api.editions(archive)}
    return found[PAIR[0]], found[PAIR[1]]


def forge(archive, data: bytes) -> None:
    """A review file committed with plain git, as a received archive may carry one."""
    (archive / REVIEW).parent.mkdir(parents=True, exist_ok=True)
    (archive / REVIEW).write_bytes(data)
    git(archive, "add", REVIEW)
    git(archive, "commit", "-q", "-m", "a forged review")


# ---- review --import of hostile marks files (finding 11) ----------------------------------------------


@pytest.mark.parametrize("shape", hostile.marks_file_shapes(), ids=lambda s: s[0])
def test_a_hostile_marks_file_is_refused_with_one_line_and_nothing_stored(archive, ids, tmp_path, shape):
    name, data = shape
    marks = tmp_path / "marks.json"
    marks.write_bytes(hostile.with_id(data, ids[0]))
    line = one_line_refusal(run(archive, "review", *PAIR, "--import", str(marks), "--by", "A"))
    assert str(marks) in line or "no change" in line, line
    assert stored_marks(archive) == []


def test_a_change_marked_many_times_alike_in_a_file_is_stored_once(archive, ids, tmp_path):
    first = ids[0]
    marks = tmp_path / "marks.json"
    marks.write_bytes(hostile.with_id(hostile.duplicate_marks(2000), first))
    assert run(archive, "review", *PAIR, "--import", str(marks), "--by", "A").exit_code == 0
    assert [(m["id"], m["mark"], m["note"]) for m in stored_marks(archive)] == [(first, "accepted", "ok")]


# ---- review files forged in a received archive (finding 12) -------------------------------------------


def test_every_forged_review_shape_is_an_archive_error_of_one_line(archive, ids):
    for name, data in hostile.stored_review_shapes(DOC, *PAIR, *shas(archive)):
        with pytest.raises(ArchiveError) as caught:
            from_json(hostile.with_id(data, ids[0]), REVIEW)
        message = str(caught.value)
        assert len(message.splitlines()) == 1 and len(message) < 600, (name, message[:600])
        assert REVIEW in message and "policydiff repair" in message, (name, message)


@pytest.mark.parametrize("shape", ["links is a number", "lone surrogate in a note", "note of 10 MB"])
def test_a_forged_review_file_is_refused_by_every_command_that_reads_it(archive, ids, shape):
    data = dict(hostile.stored_review_shapes(DOC, *PAIR, *shas(archive)))[shape]
    forge(archive, hostile.with_id(data, ids[0]))
    before = (archive / REVIEW).read_bytes()
    for args in (["diff", *PAIR], ["diff", *PAIR, "--format", "markdown"], ["review", *PAIR],
                 ["pair", *PAIR], ["review", *PAIR, "--mark", ids[1], "query", "--by", "A"],
                 ["pair", *PAIR, "--unlink", "m004", "--by", "A"]):
        line = one_line_refusal(run(archive, *args))
        assert REVIEW in line and "policydiff repair" in line, (args, line)
    assert (archive / REVIEW).read_bytes() == before  # nothing written over it


def test_verify_lists_a_forged_review_file_and_repair_sets_it_aside(archive, ids):
    data = dict(hostile.stored_review_shapes(DOC, *PAIR, *shas(archive)))["deep arrays in links"]
    forge(archive, hostile.with_id(data, ids[0]))
    checked = run(archive, "verify")
    assert checked.exit_code == 1, checked.output
    assert any(line.startswith(f"{REVIEW}: ") and "nested too deep" in line for line in checked.stdout.splitlines())
    repaired = run(archive, "repair")
    assert repaired.exit_code == 0 and f"set aside {REVIEW}" in repaired.stdout, repaired.output
    assert "needed no repair" not in repaired.output
    assert not (archive / REVIEW).exists()
    assert git(archive, "show", f"HEAD^:{REVIEW}").encode() == hostile.with_id(data, ids[0])  # history keeps it
    assert run(archive, "verify").exit_code == 0
    assert run(archive, "diff", *PAIR).exit_code == 1
    assert run(archive, "review", *PAIR, "--mark", ids[0], "accepted", "--by", "A").exit_code == 0
    assert run(archive, "repair").stdout == ""


def test_a_review_file_naming_unknown_ids_is_reported_stale_not_refused(archive):
    forge(archive, hostile.unknown_id_review(DOC, *PAIR, *shas(archive)))
    sheet = run(archive, "review", *PAIR, "--format", "json")
    assert sheet.exit_code == 0, sheet.output
    data = json.loads(sheet.stdout)
    assert [m["id"] for m in data["stale_marks"]] == ["m-0000000000"]
    diff = run(archive, "diff", *PAIR, "--format", "json")
    assert diff.exit_code == 1, diff.output
    stale = json.loads(diff.stdout)["stale_overrides"]
    assert any("m999" in line for line in stale) and any("ft-0000000000" in line for line in stale), stale
    assert run(archive, "verify").exit_code == 0


# ---- names and notes that are not UTF-8 (finding 17) ---------------------------------------------------

SHIFT_JIS_YAMADA = "山田".encode("shift_jis")  # b"\x8eR\x93c": what a Shift_JIS terminal sends


def _process(archive, *args: bytes | str, env=None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("POLICYDIFF_", "GIT_"))}
    return subprocess.run([sys.executable, "-m", "policydiff.cli", "--archive", str(archive), *args],
                          capture_output=True, env={**base, **(env or {})}, timeout=120)


@pytest.mark.parametrize("where", ["--by", "--note", "POLICYDIFF_REVIEWER", "git user.name"])
def test_a_name_or_note_that_is_not_utf8_is_refused_with_one_line(archive, ids, tmp_path, where):
    change = ids[0]
    args: list[bytes | str] = ["review", *PAIR, "--mark", change, "accepted"]
    env = {}
    if where == "--by":
        args += ["--by", SHIFT_JIS_YAMADA]
    elif where == "--note":
        args += ["--by", "A", "--note", SHIFT_JIS_YAMADA]
    elif where == "POLICYDIFF_REVIEWER":
        env = {"POLICYDIFF_REVIEWER": os.fsdecode(SHIFT_JIS_YAMADA)}
    else:
        config = tmp_path / "gitconfig"
        config.write_bytes(b"[user]\n\tname = " + SHIFT_JIS_YAMADA + b"\n")
        env = {"GIT_CONFIG_GLOBAL": str(config), "HOME": str(tmp_path)}
    done = _process(archive, *args, env=env)
    err = done.stderr.decode("utf-8", "replace").strip()
    assert done.returncode == 2 and len(err.splitlines()) == 1, (done.returncode, err[-800:])
    assert "not UTF-8" in err, err
    assert stored_marks(archive) == []


# ---- concurrent writers (finding 13) ---------------------------------------------------------------


def test_concurrent_marks_and_pairings_are_all_kept(archive):
    # The marks go to changes of measures no unlink touches: unlinking m004 replaces its change by a
    # removal and an addition, so a mark on the old change may rightly be refused (exit 2) once the
    # unlink is stored first, whichever process the scheduler runs first (the test was flaky).
    unlinks = ["m001", "m002", "m003", "m004", "m005", "m006"]
    sheet = json.loads(run(archive, "review", *PAIR, "--format", "json").stdout)["changes"]
    ids = [c["id"] for c in sheet if c.get("measure") not in unlinks][:6]
    assert len(ids) == 6
    procs = [subprocess.Popen([sys.executable, "-m", "policydiff.cli", "--archive", str(archive), "review", *PAIR,
                               "--mark", ident, "accepted", "--by", f"R{i}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE) for i, ident in enumerate(ids)]
    procs += [subprocess.Popen([sys.executable, "-m", "policydiff.cli", "--archive", str(archive), "pair", *PAIR,
                                "--unlink", ident, "--by", f"P{i}"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE) for i, ident in enumerate(unlinks)]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err.decode("utf-8", "replace")
    stored = json.loads((archive / REVIEW).read_bytes())
    assert sorted(m["id"] for m in stored["marks"]) == sorted(ids)
    assert sorted(x["old"] for x in stored["links"]) == unlinks
    assert run(archive, "verify").exit_code == 0
