"""The repository root installs as the single package `policydiff`; no generic top-level names leak."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWED_TOP_LEVEL = {"versions", "diffengine", "renderers", "cli.py", "api.py", "tests", "pyproject.toml", "README.md",
                     ".ci", "examples", "Makefile", "__init__.py", ".gitignore", "NOTICE", "LICENSE",
                     ".pre-commit-hooks.yaml"}  # where pre-commit looks for a repository's hooks (issue 20)


def test_tracked_top_level_is_exactly_the_agreed_layout():
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    top = {f.split("/")[0] for f in files}
    assert top <= ALLOWED_TOP_LEVEL, top - ALLOWED_TOP_LEVEL
    assert not any(f.startswith("tests/__init__") or f == "conftest.py" for f in files)


def test_installed_package_imports_as_policydiff_only(tmp_path):
    code = ("import importlib.util, policydiff, policydiff.cli, policydiff.versions.xml;"
            "print(policydiff.__version__, importlib.util.find_spec('versions'), importlib.util.find_spec('cli'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    version, versions_spec, cli_spec = out.stdout.split()
    assert version == __import__("policydiff").__version__
    assert versions_spec == "None" and cli_spec == "None"


@pytest.mark.slow
def test_wheel_holds_only_the_policydiff_package_and_synth_runs_from_it(tmp_path, seed_path):
    # Build from a copy: setuptools writes build/ and *.egg-info into the source tree.
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", ".venv", "build", "out", "*.egg-info",
                                                            "__pycache__", "policydiff-archive"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(src)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("policydiff-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names}
    assert tops == {"policydiff", next(t for t in tops if t.endswith(".dist-info"))}
    assert {"policydiff/cli.py", "policydiff/versions/edition.rng", "policydiff/versions/readers/parse_text.py",
            "policydiff/versions/readers/parse_pdf.py", "policydiff/versions/model/equivalent_ideographs.txt",
            "policydiff/__init__.py"} <= set(names)
    assert not any(n.startswith("policydiff/tests") for n in names)
    # Installed from the wheel (dependencies from this environment), it runs from anywhere.
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    code = ("import policydiff, policydiff.cli, policydiff.renderers.html as h;"
            "print(policydiff.__file__); print(h.TEMPLATES.joinpath('report.html.j2').is_file())")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(site)}).stdout.split()
    assert out[0].startswith(str(site)) and out[1] == "True"
    assert not (site / "versions").exists() and not (site / "cli.py").exists()
    # examples/ is not in the wheel: synth and the API work on files they are given.
    base = tmp_path / "base.txt"
    shutil.copy(seed_path, base)
    env = {**os.environ, "PYTHONPATH": str(site)}
    subprocess.run([sys.executable, "-m", "policydiff.cli", "synth", str(base), "-o", "next.txt", "--seed", "3"],
                   cwd=tmp_path, check=True, capture_output=True, env=env)
    code = "import policydiff as p; d = p.diff('base.txt', 'next.txt'); print(p.render(d, 'markdown'))"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
                         env=env).stdout
    assert out.startswith("> **SYNTHETIC**") and "### policydiff editions: iryokiki-kihonkeikaku/fy2024" in out


# ---- pyproject.toml builds without a warning (issue 21, finding 10) ---------------------------------

# A warning in a build log: setuptools' "…Warning: …" with its "!!" banner, pip's or a tool's "warning:".
BUILD_WARNING_RE = re.compile(r"\w+Warning\b|\bwarning\b|^\s*!!\s*$", re.IGNORECASE)
# pip's own note about a find-links or index location of this machine's pip configuration: says nothing
# of pyproject.toml, and a user's machine may print others of its kind.
PIP_CONFIG_NOTE = re.compile(r"^WARNING: Location '[^']*' is ignored")


def _build_warnings(src: Path, out: Path) -> list[str]:
    """The warning lines printed while pip builds a wheel of SRC (default verbosity: the backend's
    warnings are shown)."""
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(src)],
                          capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONWARNINGS": ""})
    assert done.returncode == 0, done.stderr[-2000:]
    lines = (done.stdout + done.stderr).splitlines()
    return [line for line in lines if BUILD_WARNING_RE.search(line) and not PIP_CONFIG_NOTE.match(line)]


def _source_copy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", ".venv", "build", "out", "*.egg-info",
                                                            "__pycache__", "policydiff-archive"))
    return src


@pytest.mark.slow
def test_pyproject_builds_a_wheel_without_a_single_warning(tmp_path):
    assert _build_warnings(_source_copy(tmp_path), tmp_path / "wheel") == []


@pytest.mark.slow
@pytest.mark.parametrize("edits", [
    [('license = "MIT"\nlicense-files = ["LICENSE", "NOTICE"]', 'license = { text = "MIT" }')],  # a TOML table
    [('    "policydiff.renderers.templates",\n', ""),  # templates as data of their parent, not a package
     ('"policydiff.renderers.templates" = ["*"]', '"policydiff.renderers" = ["templates/*"]')],
], ids=["licence-table", "templates-not-a-package"])
def test_the_build_warning_check_catches_the_warnings_fixed_before(tmp_path, edits):
    # The check above must be able to fail: with either earlier mistake put back, it sees the warning.
    src = _source_copy(tmp_path)
    pyproject = (src / "pyproject.toml").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in pyproject
        pyproject = pyproject.replace(old, new)
    (src / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    assert _build_warnings(src, tmp_path / "wheel") != []
