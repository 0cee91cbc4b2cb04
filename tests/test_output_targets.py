"""`-o TARGET` writes where a user expects, as coreutils and the shell do: through a symlink to its
file, through a FIFO or a character device (/dev/null) without replacing it; a regular file is
replaced atomically; a dangling link, a block device or a directory is refused with one line.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from policydiff.cli import cli


def show(seed_path: Path, target: Path, tmp_path: Path):
    return CliRunner().invoke(cli, ["--archive", str(tmp_path / "a"), "show", str(seed_path), "--summary",
                                    "-o", str(target)])


def test_output_to_a_character_device_writes_through_it_and_keeps_the_node(seed_path, tmp_path):
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's numbers: a private copy
    except PermissionError:
        pytest.skip("making a device node needs root")
    result = show(seed_path, null, tmp_path)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.lstat().st_mode) and os.major(null.lstat().st_rdev) == 1


def test_output_to_a_fifo_is_read_by_its_reader_and_the_fifo_stays(seed_path, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = show(seed_path, fifo, tmp_path)
    reader.join(timeout=10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert got and b"iryokiki-kihonkeikaku/fy2024" in got[0]


def test_output_to_a_symlink_writes_its_file_and_keeps_the_link(seed_path, tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "report.txt"
    target.write_text("old report\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    result = show(seed_path, link, tmp_path)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "iryokiki-kihonkeikaku/fy2024" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real"]  # no temp file left


def test_output_to_a_dangling_symlink_is_refused_and_the_link_kept(seed_path, tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "missing" / "report.txt")
    result = show(seed_path, link, tmp_path)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "symlink" in result.stderr
    assert link.is_symlink() and not (tmp_path / "missing").exists()


@pytest.mark.parametrize("kind", ["directory", "block device"])
def test_output_to_a_directory_or_block_device_is_refused(seed_path, tmp_path, kind):
    target = tmp_path / "t"
    if kind == "directory":
        target.mkdir()
    else:
        try:
            os.mknod(target, stat.S_IFBLK | 0o600, os.makedev(7, 250))  # a loop device number, never opened
        except PermissionError:
            pytest.skip("making a device node needs root")
    result = show(seed_path, target, tmp_path)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, result.output
    assert kind in result.stderr
    assert (target.is_dir() if kind == "directory" else stat.S_ISBLK(target.lstat().st_mode))


def test_output_to_a_regular_file_replaces_it_whole(seed_path, tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("x" * 100_000)
    result = show(seed_path, target, tmp_path)
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("iryokiki-kihonkeikaku/fy2024") and "x" * 10 not in target.read_text()


# ---- -o naming the process's own output (issue 21, finding 22) ----------------------------------------


def _show_to(seed_path: Path, target: str, stdout) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policydiff.cli", "show", str(seed_path), "--summary", "-o", target],
                          stdout=stdout, stderr=subprocess.PIPE, timeout=120)


@pytest.mark.parametrize("target", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_output_to_dev_stdout_appended_to_a_log_keeps_the_log(seed_path, tmp_path, target):
    if not Path("/dev/fd/1").exists():
        pytest.skip("no /dev/fd")
    log = tmp_path / "run.log"
    log.write_text("earlier line 1\nearlier line 2\n", encoding="utf-8")
    with log.open("a") as appended:  # policydiff … -o /dev/stdout >> run.log
        done = _show_to(seed_path, target, appended)
    assert done.returncode == 0, done.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("earlier line 1\nearlier line 2\niryokiki-kihonkeikaku/fy2024"), text[:200]
    assert "59 measures" in text


def test_output_to_dev_stdout_through_a_pipe_reaches_the_reader(seed_path):
    if not Path("/dev/fd/1").exists():
        pytest.skip("no /dev/fd")
    done = _show_to(seed_path, "/dev/stdout", subprocess.PIPE)  # policydiff … -o /dev/stdout | cat
    assert done.returncode == 0, done.stderr
    assert b"59 measures" in done.stdout
