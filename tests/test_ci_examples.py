"""examples/ci/policydiff.yml and .pre-commit-hooks.yaml, run as written.

The workflow's `run` steps are run with GitHub's shell for `shell: bash` (bash --noprofile --norc -eo
pipefail) in a temporary repository shaped like a pull request: a bare `origin` whose main holds two
editions, and a branch that adds a third. The steps GitHub's actions take (checkout, setup-python,
upload-artifact) are not run, but what they need is checked; the install step is skipped (the suite's
environment has policydiff); `gh` is a stub that records how it was called.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "examples" / "ci" / "policydiff.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
DATA = Path(__file__).parent / "data"
PREV = DATA / "prevyear" / "iryokiki-kihonkeikaku_fy2023-synthetic.txt"
NEXT = DATA / "nextyear" / "iryokiki-kihonkeikaku_fy2025-synthetic.txt"
# The only expressions the steps may use, and what GitHub gives them on a pull request.
EXPRESSIONS = {"github.token": "ghs_test", "github.event.pull_request.number": "7"}
GH_STUB = """#!/bin/sh
printf '%s\\n' "$*" >> "$GH_CALLS"
[ "$1 $2" = "pr comment" ] && [ "$4" = "--body-file" ] && cp "$5" "$GH_CALLS.body"
"""

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd.parent)})


def _pull_request(tmp_path: Path, added: dict[str, Path]) -> Path:
    """A clone whose origin/main has FY2023 (SYNTHETIC) and FY2024, on a branch that adds ADDED."""
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    _git(tmp_path, "clone", "-q", str(origin), str(work))
    for cmd in (("config", "user.name", "A. Auditor"), ("config", "user.email", "auditor@example.org"),
                ("checkout", "-q", "-b", "main")):
        _git(work, *cmd)
    (work / "reports").mkdir()
    shutil.copy(PREV, work / "reports" / "fy2023-synthetic.txt")
    shutil.copy(ROOT / "examples" / "iryokiki-kihonkeikaku_fy2024.txt", work / "reports" / "fy2024.txt")
    _git(work, "add", ".")
    _git(work, "commit", "-qm", "two editions")
    _git(work, "push", "-q", "origin", "main")
    _git(work, "checkout", "-q", "-b", "new-edition")
    for name, source in added.items():
        shutil.copy(source, work / "reports" / name)
    _git(work, "add", ".")
    _git(work, "commit", "-qm", "a new edition")
    return work


def _expand(value: object) -> str:
    def one(m: re.Match[str]) -> str:
        assert m.group(1) in EXPRESSIONS, f"the test does not know ${{{{ {m.group(1)} }}}}"
        return EXPRESSIONS[m.group(1)]

    return re.sub(r"\$\{\{\s*([^}]+?)\s*\}\}", one, str(value))


def run_workflow(work: Path, tmp_path: Path) -> list[tuple[str, int | None]]:
    """Each step's name and exit code (None: not run here), stopping at the first that fails."""
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert flow["defaults"]["run"]["shell"] == "bash"
    (job,) = flow["jobs"].values()
    stubs = tmp_path / "stubs"
    stubs.mkdir(exist_ok=True)
    (stubs / "gh").write_text(GH_STUB, encoding="utf-8")
    (stubs / "gh").chmod(0o755)
    output = tmp_path / "github_output"
    env = {**os.environ, **{k: _expand(v) for k, v in flow["env"].items()}, "GITHUB_BASE_REF": "main",
           "GITHUB_OUTPUT": str(output), "GITHUB_WORKSPACE": str(work), "RUNNER_TEMP": str(tmp_path),
           "GH_CALLS": str(tmp_path / "gh-calls"), "CI": "true",
           "PATH": os.pathsep.join([str(stubs), str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    done: list[tuple[str, int | None]] = []
    for step in job["steps"]:
        name = step.get("name") or step.get("uses")
        if "uses" in step:
            if step["uses"].startswith("actions/upload-artifact"):
                assert list(work.glob(step["with"]["path"])), "nothing to upload"
            done.append((name, None))
            continue
        if step.get("id") == "install":  # the suite's own environment has policydiff installed
            done.append((name, None))
            continue
        step_env = {**env, **{k: _expand(v) for k, v in step.get("env", {}).items()}}
        script = tmp_path / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=work,
                              env=step_env, capture_output=True, text=True, timeout=600)
        done.append((name, proc.returncode))
        if proc.returncode:
            break
    return done


@pytest.mark.slow
def test_workflow_steps_on_a_pull_request_that_adds_an_edition(tmp_path):
    work = _pull_request(tmp_path, {"fy2025-synthetic.txt": NEXT})
    steps = run_workflow(work, tmp_path)
    assert [code for _, code in steps] == [None, None, None, 0, 0, 0, 0, None, 1], steps
    # ingest: the base branch's editions, then the new one, named for the next steps
    assert (work / "out" / "new-editions.txt").read_text() == "iryokiki-kihonkeikaku/fy2025-synthetic\n"
    assert (tmp_path / "github_output").read_text() == "editions=1\nstatus=1\n"
    # diff against the previous edition in fiscal order (fy2024, not the FY2023 one): Markdown and HTML
    comment = (tmp_path / "gh-calls").read_text()
    assert comment == "pr comment 7 --body-file out/policydiff.md\n"
    body = (tmp_path / "gh-calls.body").read_text(encoding="utf-8")
    assert "fy2024" in body and "fy2025-synthetic" in body and "fy2023-synthetic" not in body.split("\n", 3)[0]
    assert (work / "out" / "iryokiki-kihonkeikaku-fy2025-synthetic.html").read_text(encoding="utf-8").startswith(
        "<!DOCTYPE html>")


@pytest.mark.slow
def test_workflow_stops_with_exit_2_on_a_file_that_is_no_report(tmp_path):
    work = _pull_request(tmp_path, {"notes.txt": DATA / "inputs" / "english_prose.txt"})
    steps = run_workflow(work, tmp_path)
    assert steps[-1] == ("Ingest every edition, the new ones last", 2), steps


def test_pre_commit_hook_checks_report_files_as_written(tmp_path, seed_path):
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "policydiff-check" and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("reports/fy2024.pdf") and files.search("reports/2025/fy2025.txt")
    assert not files.search("README.md") and not files.search("docs/notes.txt")
    entry = shlex.split(hook["entry"])
    exe = Path(sys.executable).parent / entry[0]
    command = [str(exe) if exe.exists() else entry[0], *entry[1:]]
    good = subprocess.run([*command, str(seed_path), str(PREV)], capture_output=True, text=True)
    assert good.returncode == 0 and good.stdout == ""
    bad = subprocess.run([*command, str(seed_path), str(DATA / "inputs" / "english_prose.txt")],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "english_prose.txt" in bad.stderr and len(bad.stderr.splitlines()) == 1
    config = yaml.safe_load((ROOT / "examples" / "ci" / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"][0]["hooks"][0]["id"] == hook["id"]
