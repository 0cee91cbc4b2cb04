"""Rebuild tests/data/pdf/: the PDFs and their text extractions (`make fixtures`).

  seed-chromium.pdf   the bundled report, HTML table printed by Chromium
  seed-drawn.pdf      the bundled report, drawn with reportlab (other font, widths, header once)
  office-synthetic.pdf  INVENTED: a fourth column 「担当」 (Chromium)
  fy2022-synthetic.pdf  INVENTED: an FY2022-style header (reportlab)
  <pdf>.<extractor>.txt  text extractions by pdfminer.six, pypdfium2 and pdfplumber
  encrypted.pdf       a small table page encrypted with an owner password (hostile.py writes the others)
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pdfgen.chromium import print_pdf  # noqa: E402
from pdfgen.drawn import draw_pdf  # noqa: E402
from pdfgen.extract import EXTRACTORS, extract  # noqa: E402
from pdfgen.rows import fy2022_variant, office_variant, seed_table  # noqa: E402

OUT = HERE.parent / "data" / "pdf"


def main() -> None:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    OUT.mkdir(parents=True, exist_ok=True)
    seed = seed_table()
    print_pdf(seed, OUT / "seed-chromium.pdf")
    draw_pdf(seed, OUT / "seed-drawn.pdf")
    print_pdf(office_variant(seed), OUT / "office-synthetic.pdf", office=True)
    draw_pdf(fy2022_variant(seed), OUT / "fy2022-synthetic.pdf")
    for name in ("seed-chromium", "seed-drawn", "office-synthetic", "fy2022-synthetic"):
        for how in EXTRACTORS:
            text = extract(OUT / f"{name}.pdf", how)
            (OUT / f"{name}.{how}.txt").write_text(text, encoding="utf-8")
    encrypted(OUT / "encrypted.pdf")
    print(f"wrote {OUT}")



def encrypted(out: Path) -> None:
    """A PDF encrypted with an owner password only: viewers open it, policydiff refuses it."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    c = Canvas(str(out), encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=1), invariant=1)
    c.setFont("HeiseiKakuGo-W5", 9)
    c.drawString(50, 780, "該当箇所 令和６年度の実績・状況 令和７年度の取組予定")
    c.rect(40, 700, 500, 70)
    c.save()


if __name__ == "__main__":
    main()
