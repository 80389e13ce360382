"""Read ``bands`` (the index's, or a value's own) and apply the rubric's chosen label set.

A band may carry labels for several programmes (``labels: {act: Rendah}``: ACT's 2021-2023
reports call C "Rendah" and B "Cukup" on the same cut-offs, sources.md §9); the top-level
``band_labels: act`` makes that set the label every output shows. Every band must then have
the set, so no band silently keeps another programme's name.
"""

from __future__ import annotations

from dataclasses import replace

from berakhlak_cli.loaders.rubric.fields import Fields
from berakhlak_cli.loaders.rubric.settings import read_optional_text, read_text
from berakhlak_cli.model.rubric import Band, Text


def read_bands(f: Fields, *, required: bool = True) -> tuple[Band, ...]:
    """``bands`` under ``f`` (required for the index; optional, but not empty, for a value)."""
    if not required and f.has("bands") and f.data["bands"] == []:
        f.col.add("empty-list", "'bands' must not be empty; leave it out", f.at("bands"))
    bands: list[Band] = []
    for path, data in f.items("bands", required=required):
        b = Fields(f.col, data, path, "a band")
        bands.append(
            Band(
                code=b.text("code", required=True),
                label=read_text(b, "label", required=True),
                lower=b.number("min", 0.0, required=True),
                upper=b.number("max", 100.0, required=True),
                description=read_optional_text(b, "description"),
                label_sets=tuple(
                    (name, read_text(Fields(f.col, {name: value}, b.at("labels"), ""), name))
                    for name, _, value in b.entries("labels")
                ),
            )
        )
        b.finish()
    return tuple(bands)


def with_label_set(f: Fields, bands: tuple[Band, ...], chosen: str, where: str) -> tuple[Band, ...]:
    """``bands`` with each label replaced by the ``chosen`` set's (unchanged when empty); a band
    without that set is a ``missing-key`` problem at ``{where}[i].labels``."""
    if not chosen:
        return bands
    out: list[Band] = []
    for i, band in enumerate(bands):
        sets = dict(band.label_sets)
        label: Text | None = sets.get(chosen)
        if label is None:
            f.col.add(
                "missing-key",
                f"band {band.code!r} has no label in the set {chosen!r} named by 'band_labels'",
                f"{where}[{i}]",
            )
            label = band.label
        out.append(replace(band, label=label))
    return tuple(out)
