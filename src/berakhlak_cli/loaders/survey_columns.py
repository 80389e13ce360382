"""Match a survey file's header row to the rubric: items, grouping columns, respondent id.

Headers are compared after ``normalize`` against each item's column name and aliases, so a
Google Forms export whose headers are the question text works once the rubric lists them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from berakhlak_cli.errors import SurveyError
from berakhlak_cli.model.personal_data import mask_personal
from berakhlak_cli.model.rubric import ColumnSpec, Rubric
from berakhlak_cli.scoring.normalize import normalize


@dataclass(frozen=True)
class SurveyPlan:
    """Which file column feeds which role. Indexes are 0-based positions in the header."""

    source: str
    headers: tuple[str, ...]
    items: dict[str, int]
    groups: dict[str, int]
    respondent_id: int | None
    ignored: tuple[str, ...]
    warnings: tuple[str, ...] = ()

    @property
    def needed(self) -> list[int]:
        """Column positions to read, in file order."""
        cols = set(self.items.values()) | set(self.groups.values())
        if self.respondent_id is not None:
            cols.add(self.respondent_id)
        return sorted(cols)

    def item_headers(self) -> dict[str, str]:
        """Item id -> header text as written in the file (for messages)."""
        return {item: self.headers[pos] for item, pos in self.items.items()}

    def group_headers(self) -> dict[str, str]:
        """Grouping column name -> header text as written in the file (for messages)."""
        return {name: self.headers[pos] for name, pos in self.groups.items()}


def _spec_for(name: str, rubric: Rubric) -> ColumnSpec:
    key = normalize(name)
    specs = [rubric.columns.unit, *rubric.columns.attributes]
    if rubric.columns.respondent_id:
        specs.append(rubric.columns.respondent_id)
    for spec in specs:
        if key in {normalize(n) for n in (spec.name, *spec.aliases)}:
            return spec
    return ColumnSpec(name)


def plan_columns(
    headers: list[str], rubric: Rubric, group_by: tuple[str, ...], source: str
) -> SurveyPlan:
    """Map headers to roles or raise ``SurveyError`` naming what is missing or ambiguous."""
    where: dict[str, list[int]] = defaultdict(list)
    for pos, header in enumerate(headers):
        where[normalize(header)].append(pos)

    def find(names: tuple[str, ...], what: str, required: bool) -> int | None:
        hits = sorted({p for n in names for p in where.get(normalize(n), [])})
        if len(hits) > 1:
            cols = ", ".join(f"{headers[p]!r} (column {p + 1})" for p in hits)
            raise SurveyError(f"{source}: {what} matches more than one column: {cols}")
        if not hits:
            if required:
                looked = ", ".join(repr(n) for n in dict.fromkeys(names))
                raise SurveyError(f"{source}: no column for {what} (looked for {looked})")
            return None
        return hits[0]

    missing: list[str] = []
    items: dict[str, int] = {}
    for item in rubric.items:
        found = find((item.column, *item.aliases), f"item {item.id!r}", required=False)
        if found is None:
            missing.append(item.id)
        else:
            items[item.id] = found
    if missing:
        sample = next(i for i in rubric.items if i.id == missing[0])
        looked = ", ".join(repr(n) for n in dict.fromkeys((sample.column, *sample.aliases)))
        raise SurveyError(
            f"{source}: {len(missing)} of {len(rubric.items)} rubric items have no column "
            f"({', '.join(missing[:6])}{', ...' if len(missing) > 6 else ''}); for "
            f"{missing[0]!r} looked for {looked}. Is this the right rubric?"
        )
    groups: dict[str, int] = {}
    personal = {normalize(n) for n in rubric.columns.identifying}
    if rid := rubric.columns.respondent_id:
        personal |= {normalize(n) for n in (rid.name, *rid.aliases)}
    for name in group_by:
        spec = _spec_for(name, rubric)
        if personal & {normalize(n) for n in (name, spec.name, *spec.aliases)}:
            raise SurveyError(
                f"{source}: refusing to group by {name!r}: the rubric lists it as personal data "
                "(columns.identifying / respondent_id), which never appears in any output"
            )
        column = find((spec.name, *spec.aliases), f"grouping column {name!r}", required=True)
        if column is not None:  # required=True raises instead of returning None
            groups[spec.name] = column
    rid = rubric.columns.respondent_id
    rid_pos = find((rid.name, *rid.aliases), "the respondent id", required=False) if rid else None
    used = (
        set(items.values()) | set(groups.values()) | ({rid_pos} if rid_pos is not None else set())
    )
    identifying = {normalize(n) for n in rubric.columns.identifying}
    # NOTE: a file without a header row would list its first respondent's cells here.
    ignored = tuple(
        mask_personal(h)
        for p, h in enumerate(headers)
        if p not in used and normalize(h) not in identifying
    )
    warnings = _id_warning(headers, rubric, used) if rid and rid_pos is None else ()
    return SurveyPlan(source, tuple(headers), items, groups, rid_pos, ignored, warnings)


def _id_warning(headers: list[str], rubric: Rubric, used: set[int]) -> tuple[str, ...]:
    """A warning when no header is the respondent id but some start like one (``NIP Baru``).

    Such a column is not taken as the id on a guess: ``NIP Atasan`` (the supervisor's NIP)
    starts the same way, and using it would drop most rows as duplicates. The rubric's
    ``columns.respondent_id.aliases`` says which column it is.
    """
    rid = rubric.columns.respondent_id
    if rid is None:
        return ()
    names = {normalize(n) for n in (rid.name, *rid.aliases)}
    close = [
        h
        for p, h in enumerate(headers)
        if p not in used
        and any(
            normalize(h).startswith(n) and not normalize(h)[len(n) : len(n) + 1].isalnum()
            for n in names
        )
    ]
    if not close:
        return ()
    looked = ", ".join(repr(n) for n in (rid.name, *rid.aliases))
    shown = ", ".join(repr(h) for h in close)
    return (
        f"no respondent id column (looked for {looked}), so repeated submissions are not "
        f"screened; {shown} looks like one: add it to columns.respondent_id.aliases in the rubric",
    )
