"""Locale number formatting: Bahasa Indonesia writes 76,3 and 1.234; English 76.3 and 1,234."""

from __future__ import annotations

from berakhlak_cli.model.rubric import Lang


def fmt_number(value: float | None, decimals: int = 1, lang: Lang | str = Lang.ID) -> str:
    """Format a score for people (``None`` -> an em dash)."""
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}"
    if lang == Lang.ID:
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_count(value: int | None, lang: Lang | str = Lang.ID) -> str:
    """Format a whole number with the locale's thousands separator."""
    if value is None:
        return "—"
    return fmt_number(float(value), 0, lang)


def fmt_delta(value: float | None, decimals: int = 1, lang: Lang | str = Lang.ID) -> str:
    """A signed change: +16,8 / −2,1 (a true minus sign) / ±0,0."""
    if value is None:
        return "—"
    text = fmt_number(abs(value), decimals, lang)
    if text.strip("0,.") == "":
        return "±" + text
    return ("+" if value > 0 else "−") + text
