"""PDF inputs for the fuzz campaign: the test PDFs (tests/data/pdf/) broken at the byte level, and the
hostile PDFs of tests/pdfgen/hostile.py. Input i is made from random.Random(f"pdf:{seed}:{i}") alone."""

from __future__ import annotations

import random
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PDFS = ROOT / "tests" / "data" / "pdf"
sys.path.insert(0, str(ROOT / "tests"))

from pdfgen import hostile  # noqa: E402

# The small drawn PDF most of the time: the Chromium one is 1 MB.
SOURCES = ("seed-drawn.pdf", "seed-drawn.pdf", "fy2022-synthetic.pdf", "seed-chromium.pdf")


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 5, 50])):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def zero_range(rng: random.Random, data: bytes) -> bytes:
    i = rng.randrange(len(data))
    n = rng.choice([16, 1024, 20_000])
    return data[:i] + bytes(min(n, len(data) - i)) + data[i + n :]


def splice(rng: random.Random, data: bytes) -> bytes:
    i, j = sorted(rng.randrange(len(data)) for _ in range(2))
    k = rng.randrange(len(data))
    return data[:k] + data[i:j] + data[k:]


def shift_xref(rng: random.Random, data: bytes) -> bytes:
    return hostile.broken_xref(data)


def edit_numbers(rng: random.Random, data: bytes) -> bytes:
    """A number in the object syntax made huge, negative or zero (a /Length, a /Count, a MediaBox)."""
    import re

    spots = [m.start() for m in re.finditer(rb"/(?:Length|Count|Size|W|Width|Height) \d+", data)]
    if not spots:
        return data
    at = rng.choice(spots)
    end = data.index(b" ", at) + 1
    stop = end
    while stop < len(data) and data[stop : stop + 1].isdigit():
        stop += 1
    return data[:end] + rng.choice([b"0", b"-1", b"99999999999", b"2147483648"]) + data[stop:]


def page_content_noise(rng: random.Random, data: bytes) -> bytes:
    """A page's content stream replaced by random operators (still Flate-compressed and well framed)."""
    ops = [b"BT", b"ET", b"Tj", b"TJ", b"q", b"Q", b"cm", b"re", b"f", b"S", b"m", b"l", b"Tf", b"Td", b"Do"]
    body = b" ".join(rng.choice(ops + [str(rng.randint(-9, 999)).encode(), b"(\xe3\x81\x82)", b"/F1"])
                     for _ in range(rng.choice([10, 1000, 20_000])))
    return hostile.raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(zlib.compress(body)) + zlib.compress(body)
        + b"\nendstream",
    ])


MUTATORS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "flip-bytes": flip_bytes, "truncate": truncate, "zero-range": zero_range, "splice": splice,
    "shift-xref": shift_xref, "edit-numbers": edit_numbers, "content-noise": page_content_noise,
}
def _seed(name: str) -> bytes:
    if name not in _CACHE:
        _CACHE[name] = (PDFS / name).read_bytes()
    return _CACHE[name]


HOSTILE: dict[str, Callable[[], bytes]] = {
    "encrypted": hostile.encrypted_stub, "no-text": hostile.no_text_layer, "no-table": hostile.text_without_table,
    "huge-image": hostile.huge_image, "javascript": hostile.javascript_action,
    "lying-count": lambda: hostile.lying_page_count(2_500), "bomb": lambda: hostile.content_bomb(20),
    # issue 21: work beyond the limits' promise (findings 18-21, 26)
    "flate-twice": lambda: hostile.flate_twice(40), "flate-twice-page": lambda: hostile.flate_twice(12),
    "form-operators": lambda: hostile.form_operators(12), "nested-forms": hostile.nested_forms,
    "wide-forms": lambda: hostile.nested_forms(10, 14_000), "form-cycle": hostile.form_cycle,
    "type3-glyph-forms": hostile.type3_glyph_forms, "grid-200": lambda: hostile.ruled_grid(200),
    "long-tail": lambda: hostile.long_tail(_seed("seed-drawn.pdf"), 16),
    "repeated-pages": lambda: hostile.repeated_pages(_seed("seed-chromium.pdf"), 1_000),
    "text-pages": lambda: hostile.shared_text_pages(1_000), "pages-2000": hostile.shared_text_pages,
    **{f"rotate-{r}{'-upright' if up else ''}": (lambda r=r, up=up: hostile.rotated(_seed("seed-drawn.pdf"), r, up))
       for r in (90, 180, 270) for up in (False, True)},
}
_CACHE: dict[str, bytes] = {}


def make_pdf_input(seed: int, index: int) -> tuple[str, bytes]:
    rng = random.Random(f"pdf:{seed}:{index}")
    if rng.random() < 0.1:
        name = rng.choice(sorted(HOSTILE))
        return f"pdf-hostile-{name}", HOSTILE[name]()
    source = rng.choice(SOURCES)
    data = _seed(source)
    steps = rng.choices(sorted(MUTATORS), k=rng.choice([1, 1, 2]))
    for name in steps:
        data = MUTATORS[name](rng, data)
    return "pdf:" + source + ":" + "+".join(steps), data
