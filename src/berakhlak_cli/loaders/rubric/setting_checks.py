"""Checks of the settings added in issue #15 that need the whole rubric (kept apart from
``rubric_checks`` so each stays small): a scale converted ``of_max`` must start at 0 or above,
a straight-lining threshold cannot exceed the number of items, and a value's own bands obey
the rules of the index bands (tiling 0-100) and keep an index band code's label."""

from __future__ import annotations

from dataclasses import replace

# NOTE: the index-band checks are reused as they are, so a value's bands obey exactly the
# same rules; the private name is imported to keep rubric_checks untouched.
from berakhlak_cli.loaders.rubric.checks import _check_bands as check_bands
from berakhlak_cli.loaders.rubric.fields import Collector
from berakhlak_cli.model.rubric import Conversion, Rubric


class _Within(Collector):
    """A collector that files problems under a prefix (``values[2].``) in the parent's list."""

    def __init__(self, parent: Collector, prefix: str) -> None:
        super().__init__(parent.doc, reject_null=parent.reject_null)
        self.problems = parent.problems
        self.prefix = prefix

    def add(self, code: str, message: str, path: str) -> None:
        super().add(code, message, self.prefix + path)


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
    index_labels = {b.code: b.label for b in rubric.bands}
    for i, value in enumerate(rubric.values):
        if not value.bands:
            continue
        check_bands(replace(rubric, bands=value.bands), _Within(col, f"values[{i}]."))
        for j, band in enumerate(value.bands):
            label = index_labels.get(band.code)
            if label is not None and label != band.label:
                col.add(
                    "label-conflict",
                    f"band {band.code!r} of value {value.id!r} is labelled {band.label.id!r}, but "
                    f"the index band {band.code!r} is {label.id!r}; outputs name bands by code, "
                    "so use another code or the same label",
                    f"values[{i}].bands[{j}].label",
                )
    k = rubric.quality.straight_lining_min_same
    if k is not None and k > len(rubric.items):
        col.add(
            "bad-number",
            f"'straight_lining_min_same' is {k}, but the rubric has only {len(rubric.items)} "
            "items; no respondent could be flagged",
            "quality.straight_lining_min_same",
        )
