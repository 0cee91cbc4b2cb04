"""Helpers shared by the archive fault tests (test_faults.py, test_recovery.py): the CLI in-process and
in its own process, plain git as a user runs it, and what a sound archive looks like."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from policydiff.cli import cli
from policydiff.versions.archive.store import FAULT_ENV, LOCK_NAME

NAME = "iryokiki-kihonkeikaku/fy2024"
XML_PATH = "reports/iryokiki-kihonkeikaku/fy2024.xml"
SOURCE_PATH = "sources/iryokiki-kihonkeikaku/fy2024.txt"
REAL_GIT = shutil.which("git")


def run(archive: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--archive", str(archive), *args])


def run_process(archive: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The CLI in its own process, as a user runs it (python -m: the same entry point as the script)."""
    base = {k: v for k, v in os.environ.items() if k not in ("POLICYDIFF_ARCHIVE", FAULT_ENV)}
    return subprocess.run([sys.executable, "-m", "policydiff.cli", "--archive", str(archive), *args],
                          capture_output=True, text=True, env={**base, **(env or {})}, timeout=120)


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}  # fmt: skip
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env=env).stdout


def state(repo: Path) -> dict[str, object]:
    """What a failed write must leave as it was: refs, status, index, every work tree file."""
    return {
        "head": git(repo, "rev-parse", "HEAD"),
        "tags": git(repo, "show-ref", "--tags"),
        "status": git(repo, "status", "--porcelain", "--untracked-files=all"),
        "index": git(repo, "ls-files", "--stage"),
        "files": {str(p.relative_to(repo)): p.read_bytes() for p in sorted(repo.rglob("*"))
                  if p.is_file() and ".git" not in p.relative_to(repo).parts},
    }


def one_line_error(stderr: str, code: int, expected: int = 2) -> str:
    assert code == expected, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    return lines[0]


def assert_sound(archive: Path) -> None:
    """verify passes, nothing is left uncommitted or locked, and history is one line of commits."""
    result = run(archive, "verify")
    assert result.exit_code == 0, result.output
    assert git(archive, "status", "--porcelain", "--untracked-files=all") == ""
    assert not (archive / ".git" / LOCK_NAME).exists()
    parents = [line.split()[1:] for line in git(archive, "rev-list", "--parents", "HEAD").splitlines()]
    assert all(len(p) == 1 for p in parents[:-1]) and parents[-1] == []



