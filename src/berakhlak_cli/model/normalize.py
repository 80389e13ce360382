"""Text normalisation used wherever user text is matched against the rubric.

Labels and headers arrive from Google Forms, Excel and regional apps with varying case,
spacing and Unicode forms ("Sangat  Setuju", "sangat setuju", full-width digits). Matching is
done on ``normalize(text)``: NFKC, case-folded, whitespace collapsed, and a trailing colon or
full stop removed.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Canonical form of a label or header for matching (not for display)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    collapsed = _SPACE.sub(" ", folded).strip()
    return collapsed.rstrip(":.").strip()
