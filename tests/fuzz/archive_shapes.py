"""Archive shapes for the fuzz campaign: odd source file names, received (hostile) archives, and
writers killed inside git or inside policydiff, each through the CLI in its own process.

    python tests/fuzz/archive_shapes.py --inputs 300 --seed 1 --workers 2
    python tests/fuzz/archive_shapes.py --only 17        # one case, with its commands and output

A case passes when every command ends in a result or one line on stderr with exit 2 (never exit 3 or
a traceback), nothing a received archive's config or links name ever runs or is written, and after a
kill the archive recovers with policydiff commands alone (`verify` clean, the edition readable).
Case i is made from random.Random(f"archive:{seed}:{i}") alone. No test_ functions: not collected.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"
GIT_FAULTS = ROOT / "tests" / "data" / "git-faults" / "git"
NAME = "iryokiki-kihonkeikaku/fy2024"
KINDS = ("name", "received", "kill")
NAME_PIECES = ["\u3000", "\t", "\u00a0", "\u202e", "\u200f", "\x1b[31m", "\uffff", "\ufffe", "\n", "\\", " ",
               "sha256: 0", "parser: 0", "令和6年度", "報告", "\U0001f600", "\u0301", "%", "&<>\"'", "r" * 200,
               os.fsdecode(b"\xff\xfe")]  # fmt: skip
GIT_POINTS = ("index-lock", "ref-locks", "tag-step", "branch-step")
KILL_POINTS = (*GIT_POINTS, "after-lock", "after-temp-write", "after-rename",
               "before-commit", "after-commit-object", "after-commit")  # fmt: skip
COMMANDS = (["verify"], ["list"], ["show", NAME, "--format", "xml"], ["reparse"], ["repair"],
            ["diff", NAME, "SEED"], ["ingest", "EDITED", "--edition", "fy2099"])  # fmt: skip


class CaseFailure(AssertionError):
    """A command or the archive after it broke a promise."""


@dataclass
class Outcome:
    index: int
    kind: str
    detail: str
    outcome: str  # passed, failed
    reason: str


def _cli(archive: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("POLICYDIFF_", "GIT_"))}
    return subprocess.run([sys.executable, "-m", "policydiff.cli", "--archive", str(archive), *args],
                          capture_output=True, env={**base, **(env or {})}, timeout=300)


def _git(repo: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env=env).stdout


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise CaseFailure(what)


def _well_behaved(done: subprocess.CompletedProcess, what: str, ok: tuple[int, ...] = (0, 1, 2)) -> None:
    err = done.stderr.decode("utf-8", "replace")
    _expect(done.returncode in ok, f"{what}: exit {done.returncode}: {err.strip()[-300:]}")
    _expect("Traceback" not in err, f"{what}: traceback")
    if done.returncode == 2:
        _expect(len(err.strip().splitlines()) == 1, f"{what}: not one line: {err.strip()[:300]}")


def odd_name(rng: random.Random) -> str:
    while True:
        name = "".join(rng.choice(NAME_PIECES) for _ in range(rng.randint(1, 5))) + rng.choice([".txt", "", ".TXT"])
        if 0 < len(os.fsencode(name)) <= 255 and "/" not in name and name not in (".", ".."):
            return name


def case_name(rng: random.Random, work: Path, template: Path) -> str:
    """A fresh archive, the real report under an odd file name: stored, verified and reparsed unchanged."""
    name = odd_name(rng)
    source = work / name
    source.write_bytes(SEED.read_bytes())
    archive = work / "archive"
    for args in (["show", str(source), "--format", "xml"], ["ingest", str(source)], ["verify"], ["reparse"],
                 ["show", NAME, "--format", "xml"], ["list", "--format", "json"]):  # fmt: skip
        done = _cli(archive, *args)
        _well_behaved(done, " ".join(args[:1]), ok=(0,))
        if args[0] == "reparse":
            _expect(b"0 edition(s) changed" in done.stdout, f"reparse changed the edition of {name!r}")
    from policydiff.versions.archive.store import Archive

    (stored,) = Archive(archive).editions()
    _expect(stored.source_name == name, f"stored name {stored.source_name!r} is not {name!r}")
    return f"name {name!r}"


def case_received(rng: random.Random, work: Path, template: Path) -> str:
    """A copy of an archive with hostile config, hooks or links, then one command: nothing runs or leaks."""
    archive = work / "archive"
    shutil.copytree(template, archive, symlinks=True)
    marker, outside = work / "ran", work / "outside"
    outside.mkdir()
    command = f"touch {marker}; false"
    shapes = rng.sample(["fsmonitor", "hook", "pager", "ssh", "filter", "textconv", "link-sources", "link-reports",
                         "include"], rng.randint(1, 3))  # fmt: skip
    for shape in sorted(shapes, key=lambda s: not s.startswith("link")):  # links first: plain git would run the rest
        if shape in ("fsmonitor", "pager", "ssh"):
            key = {"fsmonitor": "core.fsmonitor", "pager": "core.pager", "ssh": "core.sshCommand"}[shape]
            _git(archive, "config", key, command)
        elif shape == "hook":
            for hook in ("reference-transaction", "post-checkout", "pre-commit"):
                path = archive / ".git" / "hooks" / hook
                path.write_text(f"#!/bin/sh\n{command}\n")
                path.chmod(0o755)
        elif shape in ("filter", "textconv"):
            key = "filter.evil.clean" if shape == "filter" else "diff.evil.textconv"
            (archive / ".git" / "info").mkdir(exist_ok=True)
            (archive / ".git" / "info" / "attributes").write_text(f"* {key.split('.')[0]}=evil\n")
            _git(archive, "config", key, command)
        elif shape == "include":
            (work / "included").write_text(f"[core]\n\tfsmonitor = {command}\n")
            _git(archive, "config", "include.path", str(work / "included"))
        else:
            where = archive / shape.removeprefix("link-") / "evil"
            where.symlink_to(outside)
            _git(archive, "add", str(where.relative_to(archive)))
            _git(archive, "commit", "-q", "-m", "a link")
    args = list(rng.choice(COMMANDS))
    if "EDITED" in args and rng.random() < 0.5 and any(s.startswith("link") for s in shapes):
        args = ["ingest", "SEED", "--document", "evil"]
    edited = work / "edited.txt"
    edited.write_bytes(SEED.read_bytes().replace("13億円".encode(), "31億円".encode(), 1))
    args = [str(SEED) if a == "SEED" else str(edited) if a == "EDITED" else a for a in args]
    _well_behaved(_cli(archive, *args), args[0])
    _expect(not marker.exists(), f"{shapes}: {args[0]} ran a program the archive named")
    _expect(list(outside.iterdir()) == [], f"{shapes}: {args[0]} wrote through a link out of the archive")
    return f"received {'+'.join(shapes)}: {args[0]}"


def case_kill(rng: random.Random, work: Path, template: Path) -> str:
    """A writer killed at a git lock step or a policydiff step; recovered by the next write or repair."""
    archive = work / "archive"
    shutil.copytree(template, archive, symlinks=True)
    point, replace, recover = rng.choice(KILL_POINTS), rng.random() < 0.5, rng.choice(["write", "repair"])
    edited = work / "edited.txt"
    edited.write_bytes(SEED.read_bytes().replace("13億円".encode(), f"{rng.randint(14, 99)}億円".encode(), 1))
    args = ["ingest", str(edited), *(["--replace"] if replace else ["--edition", "fy2099"])]
    env = {"POLICYDIFF_FAULT": point}  # policydiff's own steps (versions/archive/store.py FAULT_POINTS)
    if point in GIT_POINTS:  # git's own lock steps: the wrapper leaves git's locks and kills
        env = {"GIT_PYTHON_GIT_EXECUTABLE": str(GIT_FAULTS), "POLICYDIFF_GIT_FAULT": point,
               "POLICYDIFF_REAL_GIT": shutil.which("git") or "git"}
    killed = _cli(archive, *args, env=env)
    _expect(killed.returncode == -9, f"{point}: not killed (exit {killed.returncode})")
    for check in (["list"], ["verify"], ["show", NAME, "--summary"]):
        _well_behaved(_cli(archive, *check), f"{check[0]} after a kill at {point}")
    if recover == "repair":
        _well_behaved(_cli(archive, "repair"), "repair", ok=(0,))
    _well_behaved(_cli(archive, *args), "the next write", ok=(0,))
    _well_behaved(_cli(archive, "verify"), "verify after recovery", ok=(0,))
    label = "fy2024" if replace else "fy2099"
    shown = _cli(archive, "show", f"iryokiki-kihonkeikaku/{label}", "--format", "xml")
    _well_behaved(shown, "show after recovery", ok=(0,))
    _expect(hashlib.sha256(edited.read_bytes()).hexdigest().encode() in shown.stdout, "the new edition is not shown")
    return f"kill at {point} ({'replace' if replace else 'new edition'}), then {recover}"


CASES = {"name": case_name, "received": case_received, "kill": case_kill}


def make_template(where: Path) -> Path:
    template = where / "template"
    _well_behaved(_cli(template, "ingest", str(SEED)), "ingest of the template", ok=(0,))
    return template


def run_case(seed: int, index: int, template: Path) -> Outcome:
    rng = random.Random(f"archive:{seed}:{index}")
    kind = KINDS[index % len(KINDS)]
    with tempfile.TemporaryDirectory(prefix="pd-fuzz-archive-") as tmp:
        try:
            detail = CASES[kind](rng, Path(tmp), template)
        except Exception as exc:  # noqa: BLE001 - a failure is what the campaign is looking for
            return Outcome(index, kind, "", "failed", f"{type(exc).__name__}: {str(exc)[:200]}")
    return Outcome(index, kind, detail, "passed", "")


def run(count: int, seed: int = 1, workers: int = 1) -> list[Outcome]:
    with tempfile.TemporaryDirectory(prefix="pd-fuzz-template-") as tmp:
        template = make_template(Path(tmp))
        if workers <= 1:
            return [run_case(seed, i, template) for i in range(count)]
        from concurrent.futures import ThreadPoolExecutor  # each case runs in subprocesses: threads suffice

        with ThreadPoolExecutor(workers) as pool:
            return list(pool.map(lambda i: run_case(seed, i, template), range(count)))


def report(outcomes: list[Outcome]) -> str:
    lines = [f"archive cases: {len(outcomes)} ({', '.join(f'{k} {n}' for k, n in Counter(o.kind for o in outcomes).items())})",
             f"failed:        {sum(o.outcome == 'failed' for o in outcomes)}"]  # fmt: skip
    lines += [f"  case {o.index} ({o.kind}): {o.reason}" for o in outcomes if o.outcome == "failed"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--only", type=int)
    args = parser.parse_args(argv)
    if args.only is not None:
        with tempfile.TemporaryDirectory() as tmp:
            outcome = run_case(args.seed, args.only, make_template(Path(tmp)))
        print(outcome)
        return 0 if outcome.outcome == "passed" else 1
    outcomes = run(args.inputs, args.seed, args.workers)
    print(report(outcomes))
    return 1 if any(o.outcome == "failed" for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
