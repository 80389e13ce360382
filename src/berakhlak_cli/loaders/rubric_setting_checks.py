"""Checks of the settings added in issue #15 that need the whole rubric (kept apart from
``rubric_checks`` so each stays small): a scale converted ``of_max`` must start at 0 or above,
and a straight-lining threshold cannot exceed the number of items."""

from __future__ import annotations

from berakhlak_cli.loaders.fields import Collector
from berakhlak_cli.model.rubric import Conversion, Rubric


def check_settings(rubric: Rubric, col: Collector) -> None:
    """Add a problem to ``col`` for each setting the rest of the rubric makes meaningless."""
    for sid, scale in rubric.scales.items():
        if scale.conversion == Conversion.OF_MAX and not 0 <= scale.min < scale.max:
            col.add(
                "scale-range",
                f"scale {sid!r}: conversion 'of_max' (x * 100 / max) needs 0 <= min < max, got "
                f"{scale.min:g}-{scale.max:g}; a score would fall outside 0-100",
                f"scales.{sid}.conversion",
            )
    k = rubric.quality.straight_lining_min_same
    if k is not None and k > len(rubric.items):
        col.add(
            "bad-number",
            f"'straight_lining_min_same' is {k}, but the rubric has only {len(rubric.items)} "
            "items; no respondent could be flagged",
            "quality.straight_lining_min_same",
        )
