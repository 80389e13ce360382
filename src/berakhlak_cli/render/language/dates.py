"""Dates for people: ``15 Januari 2025, 08.30 UTC`` (Bahasa Indonesia) or ``15 January 2025,
08:30 UTC``. Indonesian writes the time with a dot (PUEBI); anything that is not an ISO 8601
timestamp is shown as given."""

from __future__ import annotations

import datetime as dt

from berakhlak_cli.model.rubric import Lang

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def human_date(stamp: str, lang: Lang | str = Lang.ID) -> str:
    """``2025-01-15T00:00:00+00:00`` -> ``15 Januari 2025, 00.00 UTC``."""
    try:
        when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    months = MONTHS_EN if lang == Lang.EN else MONTHS_ID
    day = f"{when.day} {months[when.month - 1]} {when.year}"
    if len(stamp) <= 10:
        return day
    sep = ":" if lang == Lang.EN else "."
    zone = ""
    if when.utcoffset() is not None:
        offset = when.utcoffset() or dt.timedelta(0)
        hours = offset.total_seconds() / 3600
        zone = " UTC" if hours == 0 else f" UTC{hours:+g}"
    return f"{day}, {when.hour:02d}{sep}{when.minute:02d}{zone}"
