"""Speed and memory benchmark, compared with the last accepted figures (`make bench`; run by hand,
never collected by pytest: no test is timed).

    python tests/benchmarks/run.py            # every figure (a few minutes on 2 cores), as ratios to the baseline
    python tests/benchmarks/run.py --quick    # seed pair, 1,000-measure pairs, PDF read (under a minute)
    python tests/benchmarks/run.py --accept   # ... and the figures measured become the baseline
    python tests/benchmarks/run.py --markdown # the README's table, from baseline.json
    options: --hostile (the hostile shapes alone), --pdf (the PDF read alone), --json (every detail as
    JSON on stdout), --xmldiff (xmldiff's time over ours on the seed pair: needs the `bench` extra).

Each figure is printed beside the baseline (tests/benchmarks/baseline.json) as a ratio; a time's ratio
is divided by the machine's speed ratio, measured in the same run (before and after every figure) by a
fixed pure-Python workload (baseline.py), so a slower or busier machine is not read as a regression:
times are compared by their CPU seconds, which a busy shared machine barely moves, where wall seconds
move by a third. A ratio above 1.2 is flagged SLOWER and the exit status is 1. The targets bound the
wall times: accept figures measured on a quiet machine.

Figures (targets of issue 19):
  seed_pair_s          the real edition and a synthetic next edition: parse both, diff, write JSON, as a
                       fresh `policydiff` process (best of 5, after one run that writes the bytecode
                       cache, as an installed package has it)                                 ≤ 0.3 s
  revision_N_s         synthetic revision pairs of N = 100, 1,000, 10,000 measures: parse both + diff +
                       JSON, each size in a fresh process (imports warm; the least of 3 runs up to
                       1,000 measures, one run of 10,000)                         10,000: ≤ 10 s
  next_year_N_s        the same for next-year pairs (plans rolled into results: the ledger runs) ≤ 15 s
  peak_rss_10000_mb    the larger peak RSS of the two 10,000-measure processes                ≤ 1 GB
  exponent             fitted growth of time with measures (time ∝ measures^exponent)          ≤ 1.1
  pdf_read_s           reading each seed-size PDF of tests/data/pdf/ (imports warm, best of 3) ≤ 1 s
  READER_exponent      each reader's growth with its input (issue 17: "every reader is linear"): the
                       seed PDF's pages repeated 1, 2, 4 and 8 times (pdf), and one committed layout's
                       text of each extraction repeated as often (pypdfium2, pdfplumber, pdfminer; a
                       refusal is timed too: it reads the whole text first)               ≤ 1.1
  hostile:SHAPE:COMMAND_s  the hostile sizes of issue 10 (tests/hostile_sizes.py: 32,000 and 200,000
                       tiny bullets, 20,000 reworded titles, a 4.8 MB bullet rewritten throughout): diff
                       as a revision, diff as next year, plans; each a fresh `policydiff` process,
                       exit 0, 1 or 2 (a refusal), never 3                             each < 30 s
                       and the hostile PDFs of issue 21 (HOSTILE_PDFS below: streams, forms, grids
                       and pages inside every size limit): `policydiff show`, exit 0 or 2   each < 30 s
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import baseline as memory  # noqa: E402  (tests/benchmarks/baseline.py, beside this script)

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_PARTS = ("__init__.py", "cli.py", "versions", "diffengine", "renderers")  # the package policydiff
SEED = ROOT / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"
SIZES = (100, 1_000, 10_000)
QUICK_SIZES = (1_000,)
PDFS = (ROOT / "tests" / "data" / "pdf" / "seed-chromium.pdf", ROOT / "tests" / "data" / "pdf" / "seed-drawn.pdf")
XMLDIFF_TIMEOUT_S = 600
SEED_RUNS = 5
# The children run as a user's installed package does: with a bytecode cache (this machine's shell may
# set PYTHONDONTWRITEBYTECODE, which would make every fresh process compile policydiff from source).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONHASHSEED": "0"}

# One scale point in a fresh interpreter, so peak RSS is this size's alone.
SCALE_CHILD = r"""
import json, resource, sys, time
from policydiff import parse_report
from policydiff.diffengine.engine import diff_editions
from policydiff.renderers.diff_json import render_json
from policydiff.versions.synthetic import make_scaled
from policydiff.versions.synthetic.rolled import make_scaled_next_year
base = open(sys.argv[2], encoding="utf-8").read()
if sys.argv[3] == "next-year":
    old_text, new_text = make_scaled_next_year(base, int(sys.argv[1]), seed=7)
else:
    old_text, new_text, _ = make_scaled(base, int(sys.argv[1]), seed=7)
warm_old, warm_new, _ = make_scaled(base, 10, seed=1)  # imports (numpy, rapidfuzz...) before the clock starts
diff_editions(parse_report(warm_old), parse_report(warm_new))
seconds = cpu = float("inf")
for _ in range(int(sys.argv[4])):  # the least of a few runs for the small sizes: a busy second weighs less
    t, c = time.perf_counter(), time.process_time()
    old = parse_report(old_text, source_name="old.txt")
    new = parse_report(new_text, source_name="new.txt")
    out = render_json(diff_editions(old, new))
    seconds, cpu = min(seconds, time.perf_counter() - t), min(cpu, time.process_time() - c)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"measures": len(old.measures), "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
                  "peak_rss_mb": round(rss, 1)}))
"""

XMLDIFF_CHILD = r"""
import sys, time
from xmldiff import main
t = time.perf_counter()
main.diff_files(sys.argv[1], sys.argv[2])
print(time.perf_counter() - t)
"""


def _policydiff() -> list[str]:
    exe = shutil.which("policydiff", path=str(Path(sys.executable).parent)) or shutil.which("policydiff")
    return [exe] if exe else [sys.executable, "-m", "policydiff.cli"]


def _synthetic_next(tmp: Path) -> Path:
    from policydiff.versions.synthetic import make_synthetic

    path = tmp / "synthetic-next.txt"
    path.write_text(make_synthetic(SEED.read_text(encoding="utf-8"), seed=2025, n_edits=12).text, encoding="utf-8")
    return path


def seed_pair(tmp: Path) -> tuple[float, float]:
    """Wall and CPU seconds, each the least of SEED_RUNS fresh processes, after one run that writes the
    bytecode cache."""
    new_path = _synthetic_next(tmp)
    command = [*_policydiff(), "diff", str(SEED), str(new_path), "--format", "json", "-o", str(tmp / "diff.json")]
    best, best_cpu = math.inf, math.inf
    for run in range(SEED_RUNS + 1):
        seconds, cpu, _, code = _timed(command)
        assert code in (0, 1), f"the seed pair's diff exited {code}"
        if run:
            best, best_cpu = min(best, seconds), min(best_cpu, cpu)
    return best, best_cpu


def xmldiff_ratio(tmp: Path) -> dict:
    """xmldiff's time over ours on the seed pair as XML (both warm), xmldiff with a timeout."""
    from policydiff import parse_report
    from policydiff.diffengine.engine import diff_editions
    from policydiff.renderers.diff_json import render_json
    from policydiff.versions.readers.load import load_edition
    from policydiff.versions.xml import edition_to_xml

    new_path = _synthetic_next(tmp)
    old_xml, new_xml = tmp / "old.xml", tmp / "new.xml"
    old_xml.write_bytes(edition_to_xml(parse_report(SEED.read_bytes(), source_name=SEED.name)))
    new_xml.write_bytes(edition_to_xml(parse_report(new_path.read_bytes(), source_name=new_path.name)))
    diff_editions(load_edition(old_xml), load_edition(new_xml))  # warm imports, as xmldiff's run is warm too
    ours = math.inf
    for _ in range(3):
        t = time.perf_counter()
        render_json(diff_editions(load_edition(old_xml), load_edition(new_xml)))
        ours = min(ours, time.perf_counter() - t)
    try:
        proc = subprocess.run([sys.executable, "-c", XMLDIFF_CHILD, str(old_xml), str(new_xml)],
                              capture_output=True, text=True, timeout=XMLDIFF_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return {"ours_on_xml_s": round(ours, 4), "xmldiff_s": None,
                "xmldiff_ratio": f">{XMLDIFF_TIMEOUT_S / ours:.0f} (timeout)"}
    if proc.returncode != 0:
        raise SystemExit(f"xmldiff failed (pip install -e '.[bench]'?): {proc.stderr.strip()[-300:]}")
    theirs = float(proc.stdout.strip())
    return {"ours_on_xml_s": round(ours, 4), "xmldiff_s": round(theirs, 3), "xmldiff_ratio": round(theirs / ours, 1)}


def scale(pair: str, sizes: tuple[int, ...], machine: memory.Machine) -> list[dict]:
    out = []
    for n in sizes:
        *_, code, stdout, stderr = machine.around(lambda n=n: _launch(
            [sys.executable, "-c", SCALE_CHILD, str(n), str(SEED), pair, str(3 if n <= 1_000 else 1)], capture=True))
        if code != 0:
            raise SystemExit(f"the {pair} pair of {n} measures failed (exit {code}): {stderr.strip()[-500:]}")
        out.append({"size": n, **json.loads(stdout)})
        print(f"  {pair} {n:,} measures: {out[-1]['seconds']} s, {out[-1]['peak_rss_mb']} MB", file=sys.stderr)
    return out


def exponent(points: list[dict]) -> float:
    xs = [math.log(p["measures"]) for p in points]
    ys = [math.log(max(p["seconds"], 1e-6)) for p in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


HOSTILE_SHAPES = (("tiny bullets 32,000", "tiny_bullets", 32_000), ("tiny bullets 200,000", "tiny_bullets", 200_000),
                  ("reworded titles 20,000", "reworded_titles", 20_000),
                  ("long bullet 4.8 MB", "long_bullet", 1_200_000))
NEXT_YEAR_HEADER = ("令和６年度の実績・状況 令和７年度の取組予定", "令和７年度の実績・状況 令和８年度の取組予定")


# Every timed child is started by this small launcher, itself started first thing (measure()): on Linux a
# child's peak RSS (wait4's ru_maxrss) starts at its parent's peak, so children of this script, once it
# held a 50 MB hostile input, all read at least that (a 1 KB PDF's `show` "peaked" at 217 MB).
LAUNCHER_CHILD = r"""
import json, os, subprocess, sys, tempfile, time
for line in sys.stdin:
    command, capture = json.loads(line)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out if capture else subprocess.DEVNULL,
                                stderr=err if capture else subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t
        out.seek(0), err.seek(0)
        print(json.dumps([seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                          os.waitstatus_to_exitcode(status), out.read(), err.read()]), flush=True)
"""
_launcher: subprocess.Popen | None = None


def start_launcher() -> None:
    global _launcher
    if _launcher is None:
        _launcher = subprocess.Popen([sys.executable, "-c", LAUNCHER_CHILD], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=CHILD_ENV)


def _launch(command: list[str], capture: bool = False) -> tuple[float, float, float, int, str, str]:
    """Wall seconds, CPU seconds (user + system), peak RSS (MB), exit code, stdout and stderr (when
    CAPTURE) of one fresh process, started by the launcher."""
    start_launcher()
    assert _launcher is not None and _launcher.stdin is not None and _launcher.stdout is not None
    _launcher.stdin.write(json.dumps([command, capture]) + "\n")
    _launcher.stdin.flush()
    return tuple(json.loads(_launcher.stdout.readline()))  # type: ignore[return-value]


def _timed(command: list[str]) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (user + system), peak RSS (MB) and exit code of one fresh process."""
    return _launch(command)[:4]  # type: ignore[return-value]


def hostile(machine: memory.Machine) -> list[dict]:
    sys.path.insert(0, str(ROOT / "tests"))
    import hostile_sizes

    out = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for shape, maker, n in HOSTILE_SHAPES:
            old_text, new_text = getattr(hostile_sizes, maker)(n)
            old, new, nxt = tmp / "old.txt", tmp / "new.txt", tmp / "next.txt"
            old.write_text(old_text, encoding="utf-8")
            new.write_text(new_text, encoding="utf-8")
            nxt.write_text(new_text.replace(*NEXT_YEAR_HEADER), encoding="utf-8")
            runs = (("diff", [str(old), str(new)]), ("diff next-year", [str(old), str(nxt)]), ("plans", [str(new)]))
            for command, args in runs:
                seconds, cpu, rss, code = machine.around(lambda args=args, command=command: _timed(
                    [*_policydiff(), command.split()[0], *args, "--format", "json", "-o", str(tmp / "out.json")]))
                out.append({"shape": shape, "bytes": len(new_text.encode("utf-8")), "command": command,
                            "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "peak_rss_mb": round(rss, 1),
                            "exit": code})
                print("  " + json.dumps(out[-1], ensure_ascii=False), file=sys.stderr)
    return out


# Issue 21: PDFs inside every size limit whose work was not (tests/pdfgen/hostile.py): each must end in
# well under a minute and 2 GB, exit 0 (read) or 2 (refused in one line), never 3 nor 134.
HOSTILE_PDFS = (
    ("FlateDecode twice, 200 MB", lambda h, seed, drawn: h.flate_twice(200)),
    ("one form of 48 MB of operators", lambda h, seed, drawn: h.form_operators(48)),
    ("forms drawing forms twice, 30 deep", lambda h, seed, drawn: h.nested_forms(30)),
    ("a Type 3 glyph drawing those forms", lambda h, seed, drawn: h.type3_glyph_forms(30)),
    ("ruled grid 400 x 400", lambda h, seed, drawn: h.ruled_grid(400)),
    ("49.8 MB line after %%EOF", lambda h, seed, drawn: h.long_tail(drawn, 49.8)),
    ("the real pages repeated to 1,000", lambda h, seed, drawn: h.repeated_pages(seed, 1_000)),
    ("1,000 pages of 55,000 characters", lambda h, seed, drawn: h.shared_text_pages(1_000)),
    ("500 pages of 55,000 characters", lambda h, seed, drawn: h.shared_text_pages(500)),
    ("1,000 pages just under every bound", lambda h, seed, drawn: h.busy_pages(1_000)),
    ("/Rotate 180, drawn turned", lambda h, seed, drawn: h.rotated(seed, 180, True)),
)


def hostile_pdfs(machine: memory.Machine) -> list[dict]:
    """`policydiff show` of each hostile PDF, a fresh process each: seconds, CPU seconds, peak RSS, exit."""
    sys.path.insert(0, str(ROOT / "tests"))
    from pdfgen import hostile as h

    seed, drawn = PDFS[0].read_bytes(), PDFS[1].read_bytes()
    out = []
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "hostile.pdf"
        for shape, make in HOSTILE_PDFS:
            path.write_bytes(make(h, seed, drawn))
            seconds, cpu, rss, code = machine.around(lambda: _timed([*_policydiff(), "show", str(path), "--format", "json"]))
            out.append({"shape": shape, "bytes": path.stat().st_size, "command": "show", "seconds": round(seconds, 2),
                        "cpu_seconds": round(cpu, 2), "peak_rss_mb": round(rss, 1), "exit": code})
            print("  " + json.dumps(out[-1], ensure_ascii=False), file=sys.stderr)
    return out


def pdf_read() -> dict[str, dict]:
    from policydiff import parse_report

    out = {}
    for pdf in PDFS:
        data = pdf.read_bytes()
        ed = parse_report(data, source_name=pdf.name)  # warm: pdfplumber imported, fonts' CMaps cached
        best, best_cpu = math.inf, math.inf
        for _ in range(3):
            t, cpu = time.perf_counter(), time.process_time()
            parse_report(data, source_name=pdf.name)
            best, best_cpu = min(best, time.perf_counter() - t), min(best_cpu, time.process_time() - cpu)
        pages = max(m.page for m in ed.measures)
        out[pdf.name] = {"seconds": round(best, 3), "cpu_seconds": round(best_cpu, 3), "pages": pages,
                         "ms_per_page": round(1000 * best / pages), "measures": len(ed.measures)}
    return out


GROWTH_LAYOUT = ROOT / "tests" / "data" / "layouts" / "L0001-reportlab-fy2024"  # read, not refused, by the pypdfium2 and pdfplumber readers
GROWTH_COPIES = (1, 2, 4, 8)


def reader_growth() -> dict[str, list[dict]]:
    """Each reader's CPU seconds on its input repeated 1 to 8 times (imports warm, best of 3): CPU
    seconds, as a shared machine's load moved the wall times of one size by half."""
    import gzip

    import pypdfium2 as pdfium

    from policydiff import PolicydiffError, parse_report

    sys.path.insert(0, str(ROOT / "tests"))
    from pdfgen.hostile import repeated_pages

    seed = PDFS[0].read_bytes()
    pages = len(pdfium.PdfDocument(seed))
    inputs = {"pdf": (lambda k: repeated_pages(seed, pages * k), "seed.pdf")}
    for reader in ("pypdfium2", "pdfplumber", "pdfminer"):
        text = gzip.decompress(GROWTH_LAYOUT.with_name(f"{GROWTH_LAYOUT.name}.{reader}.txt.gz").read_bytes())
        inputs[reader] = (lambda k, text=text: b"\n".join([text] * k), f"layout.{reader}.txt")
    out: dict[str, list[dict]] = {}
    for reader, (make, name) in inputs.items():
        out[reader] = []
        for k in GROWTH_COPIES:
            data, best = make(k), math.inf
            for _ in range(3):
                t = time.process_time()
                with contextlib.suppress(PolicydiffError):  # pdfminer's text is refused: that time counts
                    parse_report(data, source_name=name)
                best = min(best, time.process_time() - t)
            out[reader].append({"measures": k, "seconds": round(best, 3)})
        print(f"  {reader}: " + ", ".join(f"x{p['measures']} {p['seconds']} CPU s" for p in out[reader]), file=sys.stderr)
    return out


def compile_package() -> None:
    """Bytecode for every module, as pip writes it at install: with PYTHONDONTWRITEBYTECODE set in the
    shell, a module changed since its cache was written was compiled again in every timed child (the
    hostile PDFs' `show`, 0.2-0.3 s each, read up to 1.7 times their baseline until `compileall` ran)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", *(str(ROOT / d) for d in PACKAGE_PARTS)],
                   env=CHILD_ENV, check=True, stdout=subprocess.DEVNULL)


def measure(quick: bool, only: str | None, with_xmldiff: bool) -> dict:
    """Every figure this run asks for, the CPU seconds of each time, and the fixed workload's runs."""
    start_launcher()  # before this process grows: see LAUNCHER_CHILD
    compile_package()
    machine = memory.Machine()
    figures: dict[str, float] = {}  # wall seconds (what the targets bound), MB, exponents
    cpu: dict[str, float] = {}  # CPU seconds of a timed figure's work

    def timed(key: str, wall: float, cpu_seconds: float) -> None:
        figures[key], cpu[key] = round(wall, 3), round(cpu_seconds, 3)

    details: dict = {}
    if only in (None, "core"):
        print("seed pair...", file=sys.stderr)
        with tempfile.TemporaryDirectory() as d:
            wall, cpu_s = machine.around(lambda: seed_pair(Path(d)))
        timed("seed_pair_s", wall, cpu_s)
        for pair, key in (("revision", "revision"), ("next-year", "next_year")):
            print(f"{pair} pairs...", file=sys.stderr)
            points = scale(pair, QUICK_SIZES if quick else SIZES, machine)
            details[f"{key}_scale"] = points
            for p in points:
                timed(f"{key}_{p['size']}_s", p["seconds"], p["cpu_seconds"])
            if not quick:
                figures[f"{key}_exponent" if key != "revision" else "exponent"] = round(exponent(points), 3)
        if not quick:
            figures["peak_rss_10000_mb"] = max(p["peak_rss_mb"] for k in ("revision_scale", "next_year_scale")
                                               for p in details[k] if p["size"] == 10_000)
    if only in (None, "core", "pdf"):
        print("PDF read...", file=sys.stderr)
        details["pdf_read"] = machine.around(pdf_read)
        slower = max(details["pdf_read"].values(), key=lambda x: x["seconds"])
        timed("pdf_read_s", slower["seconds"], slower["cpu_seconds"])
    if only in (None, "pdf") and not quick:
        print("readers' growth...", file=sys.stderr)
        details["reader_growth"] = machine.around(reader_growth)
        for reader, points in details["reader_growth"].items():
            figures[f"{reader}_exponent"] = round(exponent(points), 3)
    if (only is None and not quick) or only == "hostile":
        print("hostile shapes...", file=sys.stderr)
        details["hostile"] = hostile(machine) + hostile_pdfs(machine)
        for h in details["hostile"]:
            timed(f"hostile:{h['shape']}:{h['command']}_s", h["seconds"], h["cpu_seconds"])
        slowest = max(details["hostile"], key=lambda h: h["seconds"])
        timed("hostile_max_s", slowest["seconds"], slowest["cpu_seconds"])
        figures["hostile_peak_rss_mb"] = max(h["peak_rss_mb"] for h in details["hostile"])
    if with_xmldiff:
        print("xmldiff...", file=sys.stderr)
        with tempfile.TemporaryDirectory() as d:
            details["xmldiff"] = xmldiff_ratio(Path(d))
    return {"environment": memory.environment(ROOT, machine.runs), "figures": figures, "cpu": cpu,
            "details": details}


def main() -> None:
    args = sys.argv[1:]
    known = {"--quick", "--accept", "--markdown", "--json", "--hostile", "--pdf", "--xmldiff"}
    if set(args) - known:
        raise SystemExit(f"unknown option(s) {sorted(set(args) - known)}; see the docstring of {__file__}")
    if "--markdown" in args:
        accepted = memory.load()
        if not accepted:
            raise SystemExit("no baseline yet: run with --accept")
        print(memory.markdown(accepted))
        return
    only = "hostile" if "--hostile" in args else "pdf" if "--pdf" in args else None
    result = measure("--quick" in args, only, "--xmldiff" in args)
    if "--json" in args:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    table, flagged = memory.compare(result, memory.load())
    print(table)
    if "--xmldiff" in args:
        print(f"xmldiff: {result['details']['xmldiff']}")
    crashed = [h for h in result["details"].get("hostile", []) if h["exit"] not in (0, 1, 2)]
    if crashed:
        print(f"hostile runs that crashed: {crashed}")
        flagged.append("hostile exit")
    if "--accept" in args:
        memory.accept(result)
        print(f"accepted: {memory.BASELINE.relative_to(ROOT)} now holds these figures")
    elif flagged:
        sys.exit(1)


if __name__ == "__main__":
    main()
