"""Read ``levels:``: the hierarchy a run scores at once, outermost first (``model.levels``)."""

from __future__ import annotations

from berakhlak_cli.loaders.rubric.fields import Fields
from berakhlak_cli.loaders.rubric.settings import read_eligibility
from berakhlak_cli.model.levels import Level
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.rubric_settings import InstitutionMethod


def read_levels(top: Fields) -> tuple[Level, ...]:
    """``levels``: a list of {column, aggregation, eligibility, min_group_size}; each column
    once."""
    out: list[Level] = []
    seen: set[str] = set()
    for path, data in top.items("levels"):
        f = Fields(top.col, data, path, "a level")
        column = f.text("column", required=True)
        level = Level(
            column=column,
            aggregation=f.choice("aggregation", InstitutionMethod, InstitutionMethod.POOLED),
            eligibility=read_eligibility(f.sub("eligibility", "eligibility"))
            if f.has("eligibility")
            else None,
            min_group_size=f.integer("min_group_size", 1, minimum=1)
            if f.has("min_group_size")
            else None,
        )
        f.finish()
        if column and normalize(column) in seen:
            top.col.add("duplicate-id", f"level {column!r} is listed twice", f"{path}.column")
        seen.add(normalize(column))
        out.append(level)
    return tuple(out)
