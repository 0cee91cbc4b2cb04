"""The benchmark's memory: figures compared with the last accepted ones (tests/benchmarks/baseline.json).

A time measured on a loaded or slower machine is longer without any regression. So each run also times
a fixed pure-Python workload (machine_speed), several times before each group of figures, and a time
figure's ratio is divided by the workload's own ratio (median against median): 1.00 means "as fast as when accepted, on this machine's
speed of the moment". Memory and the growth exponent do not depend on the machine's speed and are
compared as they are. A ratio above FLAG_ABOVE is flagged.
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

HERE = Path(__file__).resolve().parent
BASELINE = HERE / "baseline.json"
FLAG_ABOVE = 1.2
T = TypeVar("T")


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str  # "s", "MB" or "" (a plain number)
    target: float | None  # the upper bound, if it sets one
    timed: bool  # a time: compared relative to the machine's speed


FIGURES = (
    Figure("seed_pair_s", "seed pair end to end (fresh process)", "s", 0.3, True),
    Figure("revision_1000_s", "1,000-measure revision pair", "s", None, True),
    Figure("revision_10000_s", "10,000-measure revision pair", "s", 10, True),
    Figure("next_year_1000_s", "1,000-measure next-year pair", "s", None, True),
    Figure("next_year_10000_s", "10,000-measure next-year pair", "s", 15, True),
    Figure("peak_rss_10000_mb", "peak memory at 10,000 measures", "MB", 1024, False),
    Figure("exponent", "exponent (revision pairs, 100 to 10,000)", "", 1.1, False),
    Figure("next_year_exponent", "exponent (next-year pairs, 100 to 10,000)", "", 1.1, False),
    Figure("pdf_read_s", "seed-size PDF read (slower of the two)", "s", 1.0, True),
    Figure("pdf_exponent", "exponent (PDF reader, seed pages x1 to x8)", "", 1.1, False),
    Figure("pypdfium2_exponent", "exponent (pypdfium2 text, x1 to x8)", "", 1.1, False),
    Figure("pdfplumber_exponent", "exponent (pdfplumber text, x1 to x8)", "", 1.1, False),
    Figure("pdfminer_exponent", "exponent (pdfminer text refused, x1 to x8)", "", 1.1, False),
    Figure("hostile_max_s", "slowest hostile shape", "s", 30, True),
    Figure("hostile_peak_rss_mb", "peak memory of the hostile shapes", "MB", 2048, False),
)


def hostile_figure(key: str) -> Figure:
    """One hostile run (hostile:<shape>:<command>_s), each bounded by the same 30 s."""
    _, shape, command = key.removesuffix("_s").split(":")
    return Figure(key, f"hostile: {shape}, {command}", "s", 30, True)


def figure_of(key: str) -> Figure | None:
    if key.startswith("hostile:"):
        return hostile_figure(key)
    return next((f for f in FIGURES if f.key == key), None)


# The workload runs in a fresh interpreter: in the benchmark's own process its time moved with what that
# process had imported and allocated before (7 % between two runs of the same code).
WORKLOAD_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from baseline import _workload
out = []
for _ in range(int(sys.argv[2])):
    t, c = time.perf_counter(), time.process_time()
    _workload()
    out.append((time.perf_counter() - t, time.process_time() - c))
print(json.dumps(out))
"""


def machine_speed(runs: int = 3) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each of RUNS runs of the fixed workload (about 0.05 s on an idle core)."""
    proc = subprocess.run([sys.executable, "-c", WORKLOAD_CHILD, str(HERE), str(runs)], capture_output=True,
                          text=True, check=True)
    return [tuple(x) for x in json.loads(proc.stdout)]


class Machine:
    """The fixed workload run just before and just after each figure, so that its runs spread over the
    whole benchmark, busy minutes and quiet ones."""

    def __init__(self) -> None:
        self.runs: list[tuple[float, float]] = []

    def around(self, measure: Callable[[], T]) -> T:
        self.runs += machine_speed()
        value = measure()
        self.runs += machine_speed()
        return value


def _workload() -> int:
    """Pure-Python work of the kinds policydiff does: strings, dicts, sorting, a regex, small tuples.
    Never change it: every baseline's machine figure was measured with exactly this."""
    words = [f"{(i * 7919) % 10007:05d}事業{i % 97}" for i in range(30_000)]
    counts: dict[str, int] = {}
    for w in words:
        counts[w[:3]] = counts.get(w[:3], 0) + len(w)
    ranked = sorted(words, key=lambda w: (w[::-1], len(w)))
    text = "、".join(ranked)
    digits = sum(1 for c in text if c.isdigit())
    found = len(re.findall(r"\d{5}事業(\d+)", text))
    pairs = [(a, b) for a, b in zip(ranked, ranked[1:], strict=False) if a[-1] == b[-1]]
    return digits + found + len(pairs) + len(counts)


def environment(root: Path, machine_runs: list[tuple[float, float]]) -> dict:
    """What a later reader needs to judge the figures: when, which code, how loaded, how fast."""
    def git(*args: str) -> str:
        proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
        return proc.stdout.strip()

    dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    walls = [w for w, _ in machine_runs]
    return {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "commit": git("rev-parse", "--short=10", "HEAD") + ("+uncommitted" if dirty else ""),
            "load_average": [round(x, 2) for x in os.getloadavg()], "cores": os.cpu_count(),
            "python": platform.python_version(), "machine_runs": len(machine_runs),
            "machine_s": round(statistics.median(walls), 4), "machine_min_max_s": [round(min(walls), 4), round(max(walls), 4)],
            "machine_cpu_s": round(statistics.median(c for _, c in machine_runs), 4),
            "machine_cpu_min_s": round(min(c for _, c in machine_runs), 4)}


def load(path: Path = BASELINE) -> dict | None:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def accept(result: dict, path: Path = BASELINE) -> None:
    """The current figures become the baseline (figures not measured in this run are kept)."""
    old = load(path) or {}
    kept = {part: {**old.get(part, {}), **result[part]} for part in ("figures", "cpu")}
    path.write_text(json.dumps({"environment": result["environment"], **kept}, ensure_ascii=False, indent=2,
                               sort_keys=True) + "\n", encoding="utf-8")


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.3f} s" if value < 1 else f"{value:.2f} s" if value < 100 else f"{value:.0f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3f}"


def time_ratio(key: str, result: dict, baseline: dict) -> tuple[float, str]:
    """How much slower this figure's work is than the baseline's, the machine's speed taken out, and how
    it was told. A wall time on a shared machine is mostly the load of the minute, so where both runs
    have them the figure's CPU seconds are compared instead (between two runs of the same code under
    load averages of 2 to 4, the 10,000-measure pairs' CPU seconds moved by 1 %, their wall times by
    half), divided by the ratio of the fixed workload's least CPU seconds in each run: the processor's
    own speed (the workload's median moved by 14 % with the load, its least by 5 %).
    Otherwise the wall times, divided by the ratio of the workload's median wall times."""
    env, was_env = result["environment"], baseline["environment"]
    cpu_now, cpu_was = result.get("cpu", {}).get(key), baseline.get("cpu", {}).get(key)
    if cpu_now is not None and cpu_was and "machine_cpu_min_s" in env and "machine_cpu_min_s" in was_env:
        return (cpu_now / cpu_was) / (env["machine_cpu_min_s"] / was_env["machine_cpu_min_s"]), "cpu"
    wall = result["figures"][key] / baseline["figures"][key] if baseline["figures"][key] else float("inf")
    return wall / (env["machine_s"] / was_env["machine_s"]), "wall"


def compare(result: dict, baseline: dict | None) -> tuple[str, list[str]]:
    """A table of every figure against the baseline, and the keys whose ratio is above FLAG_ABOVE.
    Times are compared by time_ratio; memory and the exponent as they are."""
    figures, env = result["figures"], result["environment"]
    base = baseline["figures"] if baseline else {}
    rows, flagged = [], []
    keys = [f.key for f in FIGURES] + [k for k in figures if k.startswith("hostile:")]
    for key in keys:
        if key not in figures:
            continue
        fig = figure_of(key)
        now, was = figures[key], base.get(key)
        if was is None:
            r, how = None, ""
        elif fig.timed:
            r, how = time_ratio(key, result, baseline)
        else:
            r, how = (now / was if was else float("inf")), ""
        flag = r is not None and r > FLAG_ABOVE
        over = fig.target is not None and now > fig.target
        if flag:
            flagged.append(key)
        rows.append((fig.label, _fmt(now, fig.unit), _fmt(was, fig.unit), "new" if r is None else f"{r:.2f} {how}".strip(),
                     "" if fig.target is None else f"≤ {_fmt(fig.target, fig.unit)}",
                     " ".join(x for x in ("SLOWER" if flag else "", "OVER TARGET" if over else "") if x)))
    head = ("figure", "now", "baseline", "ratio", "target", "")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [head, *rows]]
    lines.append("now, baseline: wall times; ratio: now / baseline with the machine's speed taken out "
                 "(cpu: of CPU seconds, against the fixed workload's; wall: of wall times)")
    lines.append(f"this run: load average {env['load_average']} on {env['cores']} cores, the workload's median "
                 f"{env['machine_s']:.3f} s (min {env['machine_min_max_s'][0]:.3f}, max {env['machine_min_max_s'][1]:.3f})"
                 + (f"; baseline: {baseline['environment']['commit']}, {baseline['environment']['date']}, load "
                    f"{baseline['environment']['load_average'][0]}, workload {baseline['environment']['machine_s']:.3f} s"
                    if baseline else "; no baseline yet (--accept)"))
    lines.append(f"a ratio above {FLAG_ABOVE} is flagged SLOWER")
    return "\n".join(lines), flagged


def markdown(baseline: dict) -> str:
    """The README's table: the accepted figures beside the targets, with the CPU seconds of each time
    (what its wall time is on an idle core; on a busy machine the wall time is mostly the load)."""
    figures, cpu, env = baseline["figures"], baseline.get("cpu", {}), baseline["environment"]
    rows = ["| figure | accepted (wall) | CPU | target |", "|---|---|---|---|"]
    for fig in FIGURES:
        if fig.key in figures:
            target = "" if fig.target is None else f"≤ {_fmt(fig.target, fig.unit)}"
            rows.append(f"| {fig.label} | {_fmt(figures[fig.key], fig.unit)} | "
                        f"{_fmt(cpu[fig.key], 's') if fig.key in cpu else ''} | {target} |")
    rows.append(f"\nAccepted {env['date']} at {env['commit']} on {env['cores']} shared cores (load average "
                f"{env['load_average'][0]}; the fixed workload's median {env['machine_s']:.3f} s, least "
                f"{env['machine_min_max_s'][0]:.3f} s).")
    return "\n".join(rows)
