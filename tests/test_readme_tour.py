"""The README run the way a newcomer runs it (issue 21, findings 1, 2, 4, 10): a fresh checkout (the
tracked files, nothing else: no .venv, no out/, no archive), the real `make demo`, then every `policydiff`
line of the README's shell blocks and of its year-over-year table, then every example of every
`--help` text, each through the installed `policydiff` command from the repository root, with no
environment variable but those the README tells the reader to set (its `export` lines).

Each command must end with exit 0 or 1 and no traceback, and none may print that its filters leave
nothing to show: an example that shows nothing teaches nothing. `make demo` must print its reports
and no warning. One checkout, one `make demo`, one pass: it runs in `make test`, so it stays lean.
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
from conftest import ROOT

from policydiff.cli import cli

pytestmark = pytest.mark.slow

# What reads as a warning in a build or install log: pip's "WARNING: …", setuptools' "…Warning: …"
# and its "!!" banners, a compiler's "warning: …".
WARNING_RE = re.compile(r"^\s*warning\b|\bwarning:|\w+Warning\b|^\s*!!\s*$", re.IGNORECASE)
NOTHING_SHOWN = "nothing matches"  # cli.py: a filter that leaves nothing says so
COMMAND_RE = re.compile(r"`(policydiff (?:diff|plans|review|pair|show) [^`]+)`")


def reader_env(extra_path: Path | None = None) -> dict[str, str]:
    """The environment of a reader's fresh shell: none of ours (POLICYDIFF_*, a make or venv of the
    suite, SOURCE_DATE_EPOCH), the test venv off PATH so `python3` and `policydiff` are the reader's."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("POLICYDIFF_", "GIT_")) and k not in (
               "SOURCE_DATE_EPOCH", "VIRTUAL_ENV", "PYTHONPATH", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "NO_COLOR")}
    ours = {str(ROOT / ".venv" / "bin"), str(Path(sys.executable).parent)}
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and p not in ours]
    env["PATH"] = os.pathsep.join(([str(extra_path)] if extra_path else []) + path)
    return env


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> tuple[Path, str]:
    """A fresh checkout after `make demo`, and what make demo printed (stdout and stderr as a terminal shows them)."""
    if not (ROOT / ".git").exists() or not shutil.which("git") or not shutil.which("make"):
        pytest.skip("needs a git checkout, git and make")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    dest = tmp_path_factory.mktemp("fresh") / "policydiff"
    for name in filter(None, listed.decode("utf-8").split("\0")):
        source = ROOT / name
        if source.is_file() or source.is_symlink():  # a tracked file deleted in the working tree is gone
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name, follow_symlinks=False)
    demo = subprocess.run(["make", "demo"], cwd=dest, env=reader_env(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=1200)
    assert demo.returncode == 0, demo.stdout[-3000:]
    return dest, demo.stdout


def readme_commands() -> list[str]:
    """Every `policydiff` and `export` line of the README's shell blocks, and the commands of its
    year-over-year section, in the order a reader meets them."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found: list[tuple[int, str]] = []
    for block in re.finditer(r"```sh\n(.*?)```", readme, re.S):
        for offset, line in enumerate(block.group(1).splitlines()):
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line.startswith(("policydiff ", "export ")):
                found.append((block.start(1) + offset, line))
    start = readme.index("### Comparing two years")
    section = readme[start:readme.index("\n### ", start + 1)]
    found += [(start + m.start(), m.group(1)) for m in COMMAND_RE.finditer(section)]
    return [line for _, line in sorted(found)]


def help_examples() -> list[str]:
    """The example lines of the group's and every command's --help, in the order `policydiff -h` lists them."""
    out = []
    for command in [cli, *(cli.commands[name] for name in cli.list_commands(None))]:  # type: ignore[arg-type]
        text = (command.help or "").split("Example:", 1)
        assert len(text) == 2, f"{command.name}: no Example: in its help"
        out += [re.sub(r"\s+#.*$", "", line).strip() for line in text[1].splitlines()
                if line.strip().startswith("policydiff ")]
    return out


def test_make_demo_prints_its_reports_and_no_warning(checkout):
    _, printed = checkout
    warnings = [line for line in printed.splitlines() if WARNING_RE.search(line)]
    assert warnings == [], "\n".join(warnings[:20])
    assert "Reports: out/plans-fy2024.html" in printed and "\x1b[" not in printed  # no coloured diff
    assert len(printed.splitlines()) < 40, printed  # the reports, not 90 lines of noise
    assert " measures: " in printed  # the variant's summary: what a newcomer reads first


def test_the_readme_and_every_help_example_run_as_written(checkout):
    root, _ = checkout
    commands = list(dict.fromkeys(readme_commands() + help_examples()))  # each distinct line once
    assert sum(c.startswith("policydiff ") for c in readme_commands()) >= 35 and len(help_examples()) >= 30
    env = reader_env(root / ".venv" / "bin")  # `source .venv/bin/activate`
    assert shutil.which("policydiff", path=env["PATH"]) == str(root / ".venv" / "bin" / "policydiff")
    for command in commands:
        if command.startswith("export "):
            key, _, value = command.removeprefix("export ").partition("=")
            env[key] = shlex.split(value)[0]
            continue
        done = subprocess.run(shlex.split(command), cwd=root, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode in (0, 1), f"{command}: exit {done.returncode}: {done.stderr[-600:]}"
        assert "Traceback" not in done.stderr, f"{command}: {done.stderr[-1500:]}"
        assert NOTHING_SHOWN not in done.stderr, f"{command} shows nothing: {done.stderr.strip()}"
    assert not (root / "policydiff-archive" / ".git" / "policydiff.lock").exists()
