"""The profiles behind tests/benchmarks/PROFILE.md (run by hand; not collected by pytest).

    python tests/benchmarks/profile_pairs.py revision 1000     # parse both + diff + JSON, top 20 by own time
    python tests/benchmarks/profile_pairs.py next-year 10000
    python tests/benchmarks/profile_pairs.py seed              # the seed pair, imports included (fresh process)

Prints the top functions by own time (tottime) and by cumulative time, and how the run splits into
parsing, diffing and rendering. cProfile slows pure-Python code about twice: read shares, not seconds.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"
TOP = 20


def _pair(kind: str, n: int) -> tuple[str, str]:
    from policydiff.versions.synthetic import make_scaled, make_synthetic
    from policydiff.versions.synthetic.rolled import make_scaled_next_year

    base = SEED.read_text(encoding="utf-8")
    if kind == "seed":
        return base, make_synthetic(base, seed=2025, n_edits=12).text
    if kind == "next-year":
        return make_scaled_next_year(base, n, seed=7)
    old, new, _ = make_scaled(base, n, seed=7)
    return old, new


def _report(profile: cProfile.Profile, stages: dict[str, float]) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).strip_dirs()
    total = sum(stages.values())
    out.write("stages (profiled seconds): " + ", ".join(f"{k} {v:.2f} ({v / total:.0%})" for k, v in stages.items())
              + "\n")
    stats.sort_stats("tottime").print_stats(TOP)
    stats.sort_stats("cumulative").print_stats(TOP)
    return out.getvalue()


def main() -> None:
    kind = sys.argv[1] if len(sys.argv) > 1 else "revision"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    profile = cProfile.Profile()
    stages: dict[str, float] = {}
    if kind == "seed":  # imports inside the clock: this is the fresh process's whole work
        old_text, new_text = _pair(kind, 0)
        for mod in [m for m in sys.modules if m.startswith("policydiff")]:
            del sys.modules[mod]
        profile.enable()
        t = time.perf_counter()
        from policydiff.diffengine.engine import diff_editions
        from policydiff.renderers import render
        from policydiff.versions.readers.load import parse_report
    else:
        from policydiff.diffengine.engine import diff_editions
        from policydiff.renderers import render
        from policydiff.versions.readers.load import parse_report

        old_text, new_text = _pair(kind, n)
        render(diff_editions(parse_report(old_text[:20_000]), parse_report(new_text[:20_000])), "json")  # warm
        profile.enable()
        t = time.perf_counter()
    stages["import"] = time.perf_counter() - t
    t = time.perf_counter()
    old = parse_report(old_text, source_name="old.txt")
    new = parse_report(new_text, source_name="new.txt")
    stages["parse"] = time.perf_counter() - t
    t = time.perf_counter()
    found = diff_editions(old, new)
    stages["diff"] = time.perf_counter() - t
    t = time.perf_counter()
    render(found, "json")
    stages["render"] = time.perf_counter() - t
    profile.disable()
    print(f"{kind} pair, {len(old.measures)} measures")
    print(_report(profile, stages))


if __name__ == "__main__":
    main()
