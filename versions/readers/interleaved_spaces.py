"""The report's own spaces inside a cell (the interleaved reader).

The report prints a few spaces of its own inside its cells (「…データの品質管理及び３大バイオバンク　等に蓄積された…」,
「…ルールインテリジェンス機能　を構築する。」, 「…医薬機審発　1129第２号」). pdfplumber prints them as the spaces it prints
between columns, so where a line breaks right after such a space's next character, that character stands alone
between two spaces (「…３大バイオバンク 等 活用体制強化については…」), one of them the column gap. Which one the text
cannot show (dev 3006: 「…家庭用プログラム医療 発 1129第２号）…」, the results' line 「発 1129…」 after the report's space
in 「医薬機審発　1129」). But 「等」 (etc.) is a suffix: it closes the noun before it and opens no word, so a line of the
next column would have it first and then a space of its own, which the report never prints after 「等」; alone between
two spaces it ends the line before it (h5300 5348, h5500 5559: the passage of fy2025-synthetic m025 and fy2024 m026),
joined to it as cheaply as a word's ending after a latin word (interleaved_groups.segmentations).
"""

from __future__ import annotations

import re

LONE_SUFFIX_RE = re.compile(r"^等$")
