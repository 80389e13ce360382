"""Match a survey file's header row to the rubric: items, grouping columns, respondent id.

Item headers are matched by ``header_match`` (exact names, then behaviour label or item text
contained in the header, then Forms grid rows); grouping and id columns by ``normalize``
against their name and aliases. A failure names what is missing, the closest header for each
missing item and the command that writes a rubric from the file's headers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from berakhlak_cli.errors import SurveyError
from berakhlak_cli.loaders.survey.header_match import (
    How,
    ItemMatching,
    closest_header,
    header_row_is_data,
    match_items,
    no_header_hint,
)
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.personal_data import mask_header
from berakhlak_cli.model.rubric import ColumnSpec, Rubric


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
    matched_by: dict[str, How] | None = None
    """Item id -> the rule that matched its header (None for plans built by hand)."""
    notes: tuple[str, ...] = ()
    """Said once on stderr: how many items matched loosely (containment, grid row)."""
    unit_only: str | None = None
    """The entry of ``groups`` that is the unit column read only to define the institution
    row (``--by`` without the unit); None when the unit is a ``--by`` column or absent."""

    @property
    def group_by(self) -> tuple[str, ...]:
        """The ``--by`` columns (``groups`` without ``unit_only``)."""
        return tuple(g for g in self.groups if g != self.unit_only)

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
    headers: list[str], rubric: Rubric, group_by: tuple[str, ...], source: str, sheet: str = ""
) -> SurveyPlan:
    """Map headers to roles or raise ``SurveyError`` naming what is missing or ambiguous.

    ``sheet`` names the workbook sheet read (and the others), added to every error.
    """
    try:
        return _plan(headers, rubric, group_by, source, sheet)
    except SurveyError as exc:
        if not sheet or sheet in str(exc):
            raise
        # NOTE: in a workbook, say which sheet was read: the items may be on another one.
        raise SurveyError(f"{exc} (read {sheet})") from None


def _plan(
    headers: list[str], rubric: Rubric, group_by: tuple[str, ...], source: str, sheet: str
) -> SurveyPlan:
    where: dict[str, list[int]] = defaultdict(list)
    for pos, header in enumerate(headers):
        where[normalize(header)].append(pos)

    def find(names: tuple[str, ...], what: str, required: bool) -> int | None:
        hits = sorted({p for n in names for p in where.get(normalize(n), [])})
        if len(hits) > 1:
            cols = ", ".join(f"{mask_header(headers[p])!r} (column {p + 1})" for p in hits)
            raise SurveyError(f"{source}: {what} matches more than one column: {cols}")
        if not hits:
            if required:
                looked = ", ".join(repr(n) for n in dict.fromkeys(names))
                raise SurveyError(f"{source}: no column for {what} (looked for {looked})")
            return None
        return hits[0]

    matching = match_items(headers, rubric)
    if matching.ambiguities:
        raise SurveyError(f"{source}: {matching.ambiguities[0].message}")
    if matching.missing:
        raise SurveyError(f"{source}: {missing_message(matching, rubric, source, sheet)}")
    items = {item: m.position for item, m in matching.matches.items()}
    groups: dict[str, int] = {}
    personal = {normalize(n) for n in rubric.columns.identifying}
    if rid := rubric.columns.respondent_id:
        personal |= {normalize(n) for n in (rid.name, *rid.aliases)}
    for name in group_by:
        spec = _spec_for(name, rubric)
        if personal & {normalize(n) for n in (name, spec.name, *spec.aliases)}:
            raise SurveyError(
                f"{source}: refusing to group by {mask_header(name)!r}: the rubric lists it as "
                "personal data (columns.identifying / respondent_id), which never appears in any "
                "output"
            )
        column = find(
            (spec.name, *spec.aliases), f"grouping column {mask_header(name)!r}", required=True
        )
        if column is not None:  # required=True raises instead of returning None
            groups[spec.name] = column
    unit_only = None
    unit = rubric.columns.unit
    if unit.name not in groups:
        # NOTE: the institution row leaves out rows with a blank unit and units below their
        # minimum in every run, so the unit column is read whatever --by is (issue #18).
        found = find((unit.name, *unit.aliases), "the unit column", required=False)
        if found is not None and found not in groups.values():
            groups[unit.name] = found
            unit_only = unit.name
    rid = rubric.columns.respondent_id
    rid_pos = find((rid.name, *rid.aliases), "the respondent id", required=False) if rid else None
    used = (
        set(items.values()) | set(groups.values()) | ({rid_pos} if rid_pos is not None else set())
    )
    identifying = {normalize(n) for n in rubric.columns.identifying}
    # NOTE: a file without a header row would list its first respondent's cells here.
    ignored = tuple(
        mask_header(h)
        for p, h in enumerate(headers)
        if p not in used and normalize(h) not in identifying
    )
    warnings = _id_warning(headers, rubric, used) if rid and rid_pos is None else ()
    matched_by = {item: m.how for item, m in matching.matches.items()}
    return SurveyPlan(
        source=source,
        headers=tuple(headers),
        items=items,
        groups=groups,
        respondent_id=rid_pos,
        ignored=ignored,
        warnings=warnings,
        matched_by=matched_by,
        notes=_notes(matching),
        unit_only=unit_only,
    )


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
    shown = ", ".join(repr(mask_header(h)) for h in close)
    return (
        f"no respondent id column (looked for {looked}), so repeated submissions are not "
        f"screened; {shown} looks like one: add it to columns.respondent_id.aliases in the rubric",
    )


def _notes(matching: ItemMatching) -> tuple[str, ...]:
    counts = matching.counts()
    loose = {how: n for how, n in counts.items() if how.loose}
    if not loose:
        return ()
    parts = []
    if n := loose.get(How.CONTAINS):
        parts.append(f"{n} by the behaviour label or item text inside the header")
    if n := loose.get(How.GRID):
        parts.append(f"{n} by a Forms grid row [label]")
    exact = sum(n for how, n in counts.items() if not how.loose)
    return (
        f"matched {sum(loose.values())} of {len(matching.matches)} items loosely "
        f"({'; '.join(parts)}){f', {exact} exactly' if exact else ''}; "
        "'berakhlak rubric init --from-survey FILE -o FILE' writes these headers into a "
        "rubric's aliases",
    )


SHOWN = 6


def missing_message(matching: ItemMatching, rubric: Rubric, source: str, where: str = "") -> str:
    """One line: which items have no column, the closest header of each, the unmatched headers
    and the command that writes a rubric from this file's headers."""
    missing = matching.missing
    items = {i.id: i for i in rubric.items}
    labels = {i.id: b.label.id for v in rubric.values for b in v.behaviours for i in b.items}
    sample = items[missing[0]]
    looked = ", ".join(repr(n) for n in dict.fromkeys((sample.column, *sample.aliases)))
    used = {m.position for m in matching.matches.values()}
    known = known_columns(rubric)
    free = [
        h
        for p, h in enumerate(matching.headers)
        if p not in used and h.strip() and normalize(h) not in known
    ]
    guesses = []
    for item_id in missing[:SHOWN]:
        best = closest_header(items[item_id], labels[item_id], free)
        if best is not None and best[1] >= 0.5:
            guesses.append(f"{item_id} -> {mask_header(best[0])!r} ({best[1]:.2f})")
    text = (
        f"{len(missing)} of {len(rubric.items)} rubric items have no column "
        f"({', '.join(missing[:SHOWN])}{', ...' if len(missing) > SHOWN else ''}); for "
        f"{missing[0]!r} looked for {looked}. Is this the right rubric?"
    )
    data_row = header_row_is_data(matching.headers)
    if data_row:
        # NOTE: a file without its header row: the "headers" are the first respondent's cells,
        # a name among them, which no masking can detect; none of them is quoted.
        text += f" {no_header_hint(data_row)}."
    elif guesses:
        text += f" Did you mean: {'; '.join(guesses)}?"
    if free and not data_row:
        listed = ", ".join(repr(mask_header(h)) for h in free[:10])
        more = f" and {len(free) - 10} more" if len(free) > 10 else ""
        text += f" Headers not matched: {listed}{more}."
    if where:
        text += f" Read {where}."
    if data_row:
        return text[:-1]
    return text + f" To map them: berakhlak rubric init --from-survey {source!r} -o rubrik.yaml"


def known_columns(rubric: Rubric) -> set[str]:
    """Normalised names of every non-item column the rubric knows (unit, id, attributes, ...)."""
    cols = rubric.columns
    specs = [cols.unit, *cols.attributes, *([cols.respondent_id] if cols.respondent_id else [])]
    names = {normalize(n) for s in specs for n in (s.name, *s.aliases)}
    return names | {normalize(n) for n in cols.identifying}
