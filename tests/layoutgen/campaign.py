"""Print many layouts, read each PDF and its three text extractions with policydiff, score them.

    python tests/layoutgen/campaign.py --layouts 300            # `make layouts`: out/layouts/
    python tests/layoutgen/campaign.py --sample                 # `make layouts-sample`: tests/data/layouts/
    python tests/layoutgen/campaign.py --layouts 300 --score-only   # re-read the PDFs already printed

One run = one layout read by one reader: the PDF reader ("pdf") or the text reader on the text of
pdfminer, pypdfium2 or pdfplumber. Results go to RESULTS (JSON lines) and a table on stdout.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pdfgen.extract import EXTRACTORS, extract  # noqa: E402

import policydiff  # noqa: E402
from layoutgen.editions import printed  # noqa: E402
from layoutgen.layout import Layout, draw_layout  # noqa: E402
from layoutgen.report import summary  # noqa: E402
from layoutgen.score import score  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out" / "layouts"
SAMPLE = ROOT / "tests" / "data" / "layouts"
SAMPLE_SEEDS = range(1, 31)  # the fixed sample the test suite reads (tests/test_layouts.py)
READERS = ("pdf", *EXTRACTORS)
RESULTS = "results.jsonl"


@dataclass(frozen=True)
class Run:
    layout: str  # str(Layout): one line naming every choice
    seed: int
    producer: str
    edition: str
    reader: str
    seconds: float
    outcome: str  # pass | differ | refused | crash
    measures: int
    expected: int
    differing: int
    unwarned: int
    detail: str  # the first differing row, or the error


def text_path(pdf: Path, reader: str, packed: bool) -> Path:
    return pdf.with_name(f"{pdf.stem}.{reader}.txt" + (".gz" if packed else ""))


def produce(lay: Layout, folder: Path, printer, packed: bool) -> Path:
    """Print LAY's edition as a PDF in FOLDER with its three text extractions beside it."""
    from layoutgen.draw import draw_pdf

    what = printed(lay.edition, lay.office != "none")
    pdf = folder / f"{lay.name}.pdf"
    if lay.producer == "chromium":
        printer.print_pdf(lay, what.table, pdf)
    else:
        draw_pdf(lay, what.table, pdf)
    for how in EXTRACTORS:
        data = extract(pdf, how).encode("utf-8")
        text_path(pdf, how, packed).write_bytes(gzip.compress(data, mtime=0) if packed else data)
    return pdf


def _load(pdf: Path, reader: str, packed: bool):
    if reader == "pdf":
        return policydiff.load_edition(pdf)
    path = text_path(pdf, reader, packed)
    if packed:
        return policydiff.parse_report(gzip.decompress(path.read_bytes()), source_name=path.name[:-3])
    return policydiff.load_edition(path)


def read_runs(lay: Layout, pdf: Path, packed: bool = False) -> list[Run]:
    """LAY's PDF and its extractions, each read by policydiff and scored against the oracle."""
    what = printed(lay.edition, lay.office != "none")
    runs = []
    for reader in READERS:
        start = time.perf_counter()
        try:
            got = _load(pdf, reader, packed)
        except policydiff.PolicydiffError as exc:
            outcome, detail, result = "refused", str(exc), None
        except Exception as exc:  # a traceback is a reader bug: recorded, never hidden
            outcome, detail, result = "crash", f"{type(exc).__name__}: {exc}", None
        else:
            result = score(got, what.oracle, what.offices)
            outcome, detail = ("pass" if result.passed else "differ"), result.example
        seconds = round(time.perf_counter() - start, 3)
        expected = len(what.oracle.measures)
        runs.append(Run(str(lay), lay.seed, lay.producer, lay.edition, reader, seconds, outcome,
                        result.measures if result else 0, expected, result.differing if result else 0,
                        result.unwarned if result else 0, detail.replace("\n", " ")[:300]))
    return runs


def campaign(seeds: range, folder: Path, packed: bool, score_only: bool) -> list[Run]:
    from layoutgen.html_print import Printer

    folder.mkdir(parents=True, exist_ok=True)
    runs: list[Run] = []
    results = (folder / RESULTS).open("w", encoding="utf-8")
    with results, Printer() as printer:
        for seed in seeds:
            lay = draw_layout(seed)
            pdf = folder / f"{lay.name}.pdf"
            if not score_only or not pdf.exists():
                produce(lay, folder, printer, packed)
            for run in read_runs(lay, pdf, packed):
                runs.append(run)
                results.write(json.dumps(asdict(run), ensure_ascii=False) + "\n")
                results.flush()
            print(f"{lay.name}: " + " ".join(f"{r.reader}={r.outcome}" for r in runs[-len(READERS):]),
                  file=sys.stderr, flush=True)
    return runs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--layouts", type=int, default=300, help="how many seeds, from --start")
    ap.add_argument("--start", type=int, default=1)
    ap.add_argument("--sample", action="store_true", help=f"rewrite the fixed sample in {SAMPLE}")
    ap.add_argument("--score-only", action="store_true", help="re-read PDFs already printed")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    seeds = SAMPLE_SEEDS if args.sample else range(args.start, args.start + args.layouts)
    folder = SAMPLE if args.sample else args.out
    runs = campaign(seeds, folder, packed=args.sample, score_only=args.score_only)
    print(summary(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
