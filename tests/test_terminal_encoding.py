"""A terminal in cp932 (a Japanese Windows console) or EUC-JP gets what its encoding can hold and
'?' for the rest, never a crash: every command that prints Japanese, as a real process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def policydiff(tmp_path: Path, encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    exe = shutil.which("policydiff", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "policydiff.cli"]
    env = {**os.environ, "PYTHONIOENCODING": encoding, "NO_COLOR": "1"}
    return subprocess.run([*command, "--archive", str(tmp_path / "archive"), *args], capture_output=True,
                          env=env, timeout=120)


@pytest.mark.slow  # every command as a process, in each encoding
@pytest.mark.parametrize("encoding", ["cp932", "euc-jp"])
def test_every_printing_command_works_in_a_japanese_legacy_encoding(seed_path, tmp_path, encoding):
    synthetic = tmp_path / "next.txt"
    (tmp_path / "無い.txt").mkdir()  # an error line that names it
    assert policydiff(tmp_path, encoding, "synth", str(seed_path), "-o", str(synthetic)).returncode == 0
    runs = {
        "ingest": (policydiff(tmp_path, encoding, "ingest", str(seed_path)), 0),
        "list": (policydiff(tmp_path, encoding, "list"), 0),
        "show": (policydiff(tmp_path, encoding, "show", "fy2024"), 0),
        "show json": (policydiff(tmp_path, encoding, "show", "fy2024", "--format", "json"), 0),
        "diff": (policydiff(tmp_path, encoding, "diff", str(seed_path), str(synthetic)), 1),
        "diff md": (policydiff(tmp_path, encoding, "diff", str(seed_path), str(synthetic), "--format", "markdown"), 1),
        "plans": (policydiff(tmp_path, encoding, "plans", "fy2024"), 1),
        "lineage": (policydiff(tmp_path, encoding, "lineage"), 0),
        "verify": (policydiff(tmp_path, encoding, "verify"), 0),
        "error": (policydiff(tmp_path, encoding, "show", str(tmp_path / "無い.txt")), 2),
    }
    for name, (proc, code) in runs.items():
        assert proc.returncode == code, (name, proc.stderr.decode(encoding, "replace")[-500:])
        text = proc.stdout.decode(encoding)  # what the terminal shows: valid in its encoding
        if name in ("show", "plans", "diff"):
            assert "医療機器" in text, name  # the Japanese itself, not all replaced
    assert "無い.txt" in runs["error"][0].stderr.decode(encoding)
