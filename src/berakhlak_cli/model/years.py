"""The survey years the tool accepts, wherever a year is given.

``--year`` (of ``score``, ``compare`` and ``report``), the ``year`` column of ``--units-map``,
the ``year`` of published figures and of a results JSON must lie in ``YEAR_MIN..YEAR_MAX``. The
range is wide on purpose (BerAKHLAK evaluations began in 2021; published figures of earlier
work-culture surveys go back further): its job is to stop a typo such as 99999 or 224, which
would otherwise order and label the years silently wrong.
"""

from __future__ import annotations

YEAR_MIN = 2000
YEAR_MAX = 2100


def parse_year(text: str) -> int | None:
    """``text`` as a year in the accepted range, else None (ASCII digits only: not ``²``)."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 4:
        return None
    value = int(text)
    return value if YEAR_MIN <= value <= YEAR_MAX else None


def year_hint() -> str:
    """The end of a message about a bad year."""
    return f"expected a year from {YEAR_MIN} to {YEAR_MAX}"
