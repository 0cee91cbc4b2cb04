"""How long `policydiff site` takes over a generated chain of SYNTHETIC editions (issue 20: at seed
size, 15 editions in at most 60 s; a rerun with nothing new rewrites 0 pages). A measurement, never a
test: run it by hand and report the figures.

    python tests/benchmarks/site_chain.py [--editions 15] [--measures 60] [--seed 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--editions", type=int, default=15)
    ap.add_argument("--measures", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="Build here and keep it (default: a temporary folder).")
    args = ap.parse_args()
    from policydiff.versions.synthetic.chain import make_chain

    work = args.keep or Path(tempfile.mkdtemp(prefix="site-chain-"))
    work.mkdir(parents=True, exist_ok=True)
    archive, site = work / "archive", work / "site"
    shutil.rmtree(archive, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    chain = make_chain((ROOT / "examples" / "iryokiki-kihonkeikaku_fy2024.txt").read_text(encoding="utf-8"),
                       args.editions, args.measures, args.seed)
    exe = [sys.executable, "-m", "policydiff.cli", "--archive", str(archive)]
    started = time.perf_counter()
    for k, text in enumerate(chain.texts):
        path = work / f"chain-{k:02d}.txt"
        path.write_text(text, encoding="utf-8")
        subprocess.run([*exe, "ingest", str(path)], check=True, capture_output=True)
    ingest = time.perf_counter() - started
    runs = []
    for what in ("site", "site again"):
        started = time.perf_counter()
        done = subprocess.run([*exe, "site", "-o", str(site)], check=True, capture_output=True, text=True)
        runs.append((what, time.perf_counter() - started, done.stdout.strip()))
    started = time.perf_counter()
    subprocess.run([*exe, "timeline", "--format", "json", "-o", str(work / "timeline.json")], check=True)
    timeline = time.perf_counter() - started
    print(f"{args.editions} editions × {args.measures} measures (seed {args.seed}): ingest {ingest:.1f} s")
    for what, seconds, out in runs:
        print(f"{what}: {seconds:.1f} s — {out}")
    print(f"timeline --format json: {timeline:.1f} s")
    if not args.keep:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
