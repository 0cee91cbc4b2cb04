"""Archive shapes for the fuzz campaign: odd source file names, received (hostile) archives, writers
killed inside git or inside policydiff, review files forged in a received archive, hostile marks
files for `review --import`, and reviewers marking at once, each through the CLI in its own process.

    python tests/fuzz/archive_shapes.py --inputs 300 --seed 1 --workers 2
    python tests/fuzz/archive_shapes.py --only 17        # one case, with its commands and output

A case passes when every command ends in a result or one line on stderr with exit 2 (never exit 3 or
a traceback), nothing a received archive's config or links name ever runs or is written, after a
kill the archive recovers with policydiff commands alone (`verify` clean, the edition readable), a
forged review file is listed by `verify` and set aside by `repair`, a hostile marks file stores
nothing, and concurrent marks and pairings are all kept. The review shapes are tests/_hostile().py.
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
KINDS = ("name", "received", "kill", "review", "import", "concurrent")
PAIR = ("fy2024", "fy2024-synthetic")
REVIEW = "reviews/iryokiki-kihonkeikaku/fy2024..fy2024-synthetic.json"
REVIEW_COMMANDS = (["diff", *PAIR], ["diff", *PAIR, "--format", "markdown"], ["review", *PAIR],
                   ["review", *PAIR, "--format", "csv"], ["pair", *PAIR], ["verify"],
                   ["review", *PAIR, "--mark", "ID", "query", "--by", "F"],
                   ["pair", *PAIR, "--unlink", "m004", "--by", "F"])  # fmt: skip
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


def _hostile():
    """tests/hostile_reviews.py, the review shapes the suite uses too (tests/ is not a package)."""
    if str(ROOT / "tests") not in sys.path:
        sys.path.insert(0, str(ROOT / "tests"))
    import hostile_reviews

    return hostile_reviews


def _ids(template: Path) -> list[str]:
    import json

    return json.loads((template.parent / "ids.json").read_text(encoding="utf-8"))


def _stored_review(archive: Path) -> dict:
    import json

    path = archive / REVIEW
    return json.loads(path.read_bytes()) if path.exists() else {"links": [], "marks": []}


def case_review(rng: random.Random, work: Path, template: Path) -> str:
    """A received archive with a forged reviews/…json, then a command that reads it: one line, exit 2
    (verify: exit 1, listing it); repair sets it aside, and every command works again."""
    archive = work / "archive"
    shutil.copytree(template, archive, symlinks=True)
    from policydiff.versions.archive.store import Archive

    sha = {e.edition: e.sha256 for e in Archive(archive).editions()}
    ids = _ids(template)
    shapes = _hostile().stored_review_shapes("iryokiki-kihonkeikaku", *PAIR, sha[PAIR[0]], sha[PAIR[1]])
    name, data = rng.choice(shapes + [("unknown ids", _hostile().unknown_id_review(
        "iryokiki-kihonkeikaku", *PAIR, sha[PAIR[0]], sha[PAIR[1]]))])
    (archive / REVIEW).parent.mkdir(parents=True, exist_ok=True)
    (archive / REVIEW).write_bytes(_hostile().with_id(data, rng.choice(ids)))
    _git(archive, "add", REVIEW)
    _git(archive, "commit", "-q", "-m", "a forged review")
    args = [rng.choice(ids) if a == "ID" else a for a in rng.choice(REVIEW_COMMANDS)]
    _well_behaved(_cli(archive, *args), f"{args[0]} on {name}")
    checked = _cli(archive, "verify")
    _well_behaved(checked, f"verify on {name}")
    if name == "unknown ids":  # no forgery: stale records, reported where they apply
        _expect(checked.returncode == 0, f"verify refused a review naming unknown ids: {checked.stdout[-300:]!r}")
        return f"review {name}: {args[0]}"
    _expect(checked.returncode == 1 and REVIEW.encode() in checked.stdout, f"verify does not list {name}")
    _well_behaved(_cli(archive, "repair"), f"repair of {name}", ok=(0,))
    _well_behaved(_cli(archive, "verify"), f"verify after repair of {name}", ok=(0,))
    _well_behaved(_cli(archive, *args), f"{args[0]} after repair of {name}", ok=(0, 1))
    return f"review {name}: {args[0]}, then repair"


def case_import(rng: random.Random, work: Path, template: Path) -> str:
    """A hostile marks file for review --import: one line, exit 2, nothing stored; or, a change marked
    many times alike, stored once."""
    archive = work / "archive"
    shutil.copytree(template, archive, symlinks=True)
    ids = _ids(template)
    marks = work / "marks.json"
    if rng.random() < 0.2:
        copies = rng.randint(2, 5000)
        marks.write_bytes(_hostile().with_id(_hostile().duplicate_marks(copies), ids[0]))
        _well_behaved(_cli(archive, "review", *PAIR, "--import", str(marks), "--by", "F"), "import", ok=(0,))
        _expect(len(_stored_review(archive)["marks"]) == 1, f"{copies} alike marks not stored once")
        return f"import {copies} alike marks"
    name, data = rng.choice(_hostile().marks_file_shapes())
    marks.write_bytes(_hostile().with_id(data, rng.choice(ids)))
    _well_behaved(_cli(archive, "review", *PAIR, "--import", str(marks), "--by", "F"), f"import {name}", ok=(2,))
    _expect(_stored_review(archive)["marks"] == [], f"import of {name} stored a mark")
    return f"import {name}"


def case_concurrent(rng: random.Random, work: Path, template: Path) -> str:
    """Reviewers marking and pairing at once, each in its own process: every mark and pairing is kept."""
    archive = work / "archive"
    shutil.copytree(template, archive, symlinks=True)
    marks = rng.sample(_ids(template), rng.randint(1, 4))
    unlinks = rng.sample([f"m{i:03d}" for i in range(1, 60)], rng.randint(1, 3))
    base = {k: v for k, v in os.environ.items() if not k.startswith(("POLICYDIFF_", "GIT_"))}
    command = [sys.executable, "-m", "policydiff.cli", "--archive", str(archive)]
    procs = [subprocess.Popen([*command, "review", *PAIR, "--mark", i, "accepted", "--by", "R"], env=base,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for i in marks]
    procs += [subprocess.Popen([*command, "pair", *PAIR, "--unlink", m, "--by", "P"], env=base,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for m in unlinks]
    for p in procs:
        _, err = p.communicate(timeout=600)
        _expect(p.returncode == 0, f"a concurrent writer failed: {err.decode('utf-8', 'replace')[-300:]}")
    stored = _stored_review(archive)
    _expect(sorted(m["id"] for m in stored["marks"]) == sorted(marks), "a concurrent mark was lost")
    _expect(sorted(x["old"] for x in stored["links"]) == sorted(unlinks), "a concurrent pairing was lost")
    _well_behaved(_cli(archive, "verify"), "verify after concurrent writers", ok=(0,))
    return f"concurrent {len(marks)} marks, {len(unlinks)} unlinks"


CASES = {"name": case_name, "received": case_received, "kill": case_kill, "review": case_review,
         "import": case_import, "concurrent": case_concurrent}


def make_template(where: Path) -> Path:
    """The real report and a synthetic variant archived, and the pair's change ids (ids.json beside it)."""
    template = where / "template"
    _well_behaved(_cli(template, "ingest", str(SEED)), "ingest of the template", ok=(0,))
    from policydiff import api

    variant = where / "fy2024-synthetic.txt"
    variant.write_text(api.synth(SEED, seed=2025).text, encoding="utf-8")
    _well_behaved(_cli(template, "ingest", str(variant), "--edition", "fy2024-synthetic"), "ingest", ok=(0,))
    sheet = _cli(template, "review", *PAIR, "--format", "json")
    _well_behaved(sheet, "review of the template", ok=(0,))
    import json

    ids = [c["id"] for c in json.loads(sheet.stdout)["changes"]]
    (where / "ids.json").write_text(json.dumps(ids), encoding="utf-8")
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
