"""Yen as a Japanese reader writes it: 19億円, 10.9億円, 5,900万円; ▲ for a cut."""

from __future__ import annotations


def yen(v: int | None, signed: bool = False) -> str:
    if v is None:
        return "—"
    sign = ("+" if v > 0 else "▲" if v < 0 else "±") if signed else ("-" if v < 0 else "")
    a = abs(v)
    if a >= 100_000_000:
        body = f"{a / 100_000_000:,.2f}".rstrip("0").rstrip(".") + "億円"
    elif a >= 10_000:
        body = f"{a / 10_000:,.1f}".rstrip("0").rstrip(".") + "万円"
    else:
        body = f"{a:,}円"
    return sign + body
