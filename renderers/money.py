"""Yen as a reader writes it: 19億円, 10.9億円, 5,900万円, ▲ for a cut; or ¥1.9 bn in English."""

from __future__ import annotations

# (unit size, prefix, suffix, decimals), largest first; below the last unit the exact amount is shown.
_UNITS = {
    "ja": ((100_000_000, "", "億円", 2), (10_000, "", "万円", 1)),
    "en": ((1_000_000_000, "¥", " bn", 2), (1_000_000, "¥", " m", 1)),
}


def yen(v: int | None, signed: bool = False, lang: str = "ja") -> str:
    if v is None:
        return "—"
    minus = "▲" if lang == "ja" and signed else "−" if lang == "en" else "-"
    sign = ("+" if v > 0 else minus if v < 0 else "±") if signed else (minus if v < 0 else "")
    a = abs(v)
    for size, prefix, suffix, places in _UNITS[lang]:
        if a >= size:
            return sign + prefix + f"{a / size:,.{places}f}".rstrip("0").rstrip(".") + suffix
    return sign + (f"{a:,}円" if lang == "ja" else f"¥{a:,}")
