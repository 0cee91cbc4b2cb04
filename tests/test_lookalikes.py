"""Look-alike characters of PDF text extraction are folded in one place, for every reader.

pdfminer (and so pdfplumber) reads some glyphs of a proportional CJK font (Noto Sans CJK: the 担当
variant, office-synthetic.pdf) as look-alikes: 「‧」 (U+2027
HYPHENATION POINT) for the 中点 「・」 that starts each bullet, 「∕」 (U+2215 DIVISION SLASH) for 「/」
(「ISO∕IEC」; 「補助率1/2」 it reads right). versions/normalize.fold_extracted folds them with the radicals and 〜.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from policydiff import parse_report
from policydiff.versions.model.normalize import fold_extracted

PDF = Path(__file__).resolve().parent / "data" / "pdf"
LOOK_ALIKES = str.maketrans({"・": "\u2027", "/": "\u2215"})  # as pdfminer prints them


@pytest.mark.parametrize("name", ["office-synthetic.pdfminer.txt", "office-synthetic.pdfplumber.txt"])
def test_the_extractions_look_alikes_fold_to_the_characters_printed(name):
    text = (PDF / name).read_text(encoding="utf-8")
    assert "\u2027" in text and "\u2215" in text  # the extraction really has them
    folded = fold_extracted(text)
    assert "\u2027" not in folded and "\u2215" not in folded
    assert "令和６年度の実績・状況" in folded and "ISO/IEC" in folded
    assert folded.count("・") == text.count("・") + text.count("\u2027")


def test_the_bundled_report_with_pdfminers_look_alikes_reads_as_the_report(seed_bytes, seed_edition):
    # The bundled (blocked) layout, every 「・」 and 「/」 as pdfminer prints them: the bullets are still
    # split at 「・」 and the edition is the report's, whatever reader the layout goes to.
    text = seed_bytes.decode("utf-8")
    assert text.count("・") > 100 and "1/2" in text
    got = parse_report(text.translate(LOOK_ALIKES).encode("utf-8"), seed_edition.source.name)
    assert replace(got, source=seed_edition.source) == seed_edition
