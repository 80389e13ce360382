"""Published figures as a CSV table: one row per unit; a blank ``unit`` is the institution.

Columns (header names case-insensitive; ``,`` ``;`` or tab separated)::

    year, instrument, institution, unit, respondents, headcount, index, category, source,
    <one column per value: id, code or label, e.g. harmonis or HA>

``year`` and ``unit`` are required and ``instrument`` must be given on at least one row;
``year``, ``instrument`` and ``institution`` must agree on every row that fills them. A
number may use a decimal comma (``59,5``). Empty cells are "not published".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from berakhlak_cli.errors import ResultsError
from berakhlak_cli.loaders.files.csv_text import delimiter_of
from berakhlak_cli.loaders.files.small_files import csv_rows, shown
from berakhlak_cli.model.comparison import published_row
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.personal_data import mask_header, mask_personal
from berakhlak_cli.model.results import GroupResult, Score
from berakhlak_cli.model.years import parse_year, year_hint

FIXED = (
    "year",
    "instrument",
    "institution",
    "unit",
    "respondents",
    "headcount",
    "index",
    "category",
    "source",
)
_DECIMAL_COMMA = re.compile(r"^-?[0-9]+,[0-9]+$")
_YEAR = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class PublishedTable:
    """What a published-figures CSV holds."""

    year: int
    instrument: str
    institution_name: str
    institution: GroupResult
    units: tuple[GroupResult, ...]
    citations: tuple[str, ...]


class _Row:
    """One CSV record with its row number, for located errors."""

    def __init__(self, source: str, number: int, header: list[str], cells: list[str]) -> None:
        self.source, self.number, self.header, self.cells = source, number, header, cells

    def fail(self, column: int, message: str) -> ResultsError:
        where = f"{self.source}: row {self.number}: column {mask_header(self.header[column])!r}"
        return ResultsError(f"{where}: {mask_personal(message)}")

    def text(self, column: int | None) -> str:
        if column is None or column >= len(self.cells):
            return ""
        return " ".join(self.cells[column].split())

    def score(self, column: int | None) -> float | None:
        raw = self.text(column)
        if not raw or column is None:
            return None
        cleaned = raw.replace(",", ".") if _DECIMAL_COMMA.match(raw) else raw
        try:
            value = float(cleaned)
        except ValueError:
            raise self.fail(column, f"{shown(raw)} is not a number") from None
        if not 0.0 <= value <= 100.0:
            raise self.fail(column, f"score {raw} is outside 0-100")
        return value

    def count(self, column: int | None) -> int | None:
        raw = self.text(column).replace(".", "")
        if not raw or column is None:
            return None
        # NOTE: isascii: "²" is a digit to str.isdigit but not to int; 10 digits: no unit has
        # a billion respondents, and int() refuses over 4 300 digits.
        if not (raw.isascii() and raw.isdigit()) or len(raw.lstrip("0")) > 9:
            raise self.fail(column, f"{shown(self.text(column))} is not a whole number")
        return int(raw)


def _columns(
    header: list[str], source: str, value_id: Callable[[str], str | None]
) -> tuple[dict[str, int], dict[str, int]]:
    fixed: dict[str, int] = {}
    values: dict[str, int] = {}
    for pos, name in enumerate(header):
        key = normalize(name)
        if key in FIXED and key not in fixed:
            fixed[key] = pos
        elif key in FIXED:
            raise ResultsError(f"{source}: row 1: column {mask_header(name)!r} appears twice")
        elif (vid := value_id(name)) is not None and vid not in values:
            values[vid] = pos
        else:
            match = difflib.get_close_matches(key, FIXED, n=1, cutoff=0.6)
            hint = f" (did you mean {match[0]!r}?)" if match else ""
            raise ResultsError(
                f"{source}: row 1: column {mask_header(name)!r} is neither a known column nor a "
                f"value id/code{hint}"
            )
    for required in ("year", "unit"):
        if required not in fixed:
            raise ResultsError(f"{source}: row 1: required column {required!r} is missing")
    return fixed, values


def read_published_csv_rows(
    text: str,
    source: str,
    value_id: Callable[[str], str | None],
    band_for: Callable[[float], str | None],
    band_codes: tuple[str, ...],
) -> PublishedTable:
    """Read and check every row; the first malformed cell raises a located ``ResultsError``."""
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise ResultsError(f"{source}: the file is empty")
    # NOTE: the delimiter rule of every small table (``loaders.small_table``).
    records = csv_rows(text, delimiter_of(text), source, ResultsError, "a results file")
    header = [h.strip() for h in records[0]]
    fixed, values = _columns(header, source, value_id)
    shared: dict[str, tuple[str, int]] = {}
    citations: list[str] = []
    institution: GroupResult | None = None
    units: dict[str, GroupResult] = {}
    for number, cells in enumerate(records[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        row = _Row(source, number, header, cells)
        if len(cells) > len(header):
            raise ResultsError(
                f"{source}: row {number}: expected {len(header)} fields, found {len(cells)}"
            )
        for key in ("year", "instrument", "institution"):
            _agree(row, fixed.get(key), key, shared)
        if (cite := row.text(fixed.get("source"))) and cite not in citations:
            citations.append(cite)
        unit = _unit(row, fixed, values, band_for)
        if unit.index and unit.index.band not in band_codes:
            raise row.fail(
                fixed["category"],
                f"category {unit.index.band!r} is not one of {', '.join(band_codes)}",
            )
        if unit.index and unit.index.band != (expected := band_for(unit.index.raw)):
            raise row.fail(
                fixed["category"],
                f"category {unit.index.band!r} contradicts index {unit.index.raw:g}, which is "
                f"band {expected!r} in the default bands; check both against the report",
            )
        if not unit.label:
            if institution is not None:
                raise row.fail(fixed["unit"], "a second institution row (blank unit)")
            institution = unit
        elif normalize(unit.label) in units:
            raise row.fail(fixed["unit"], f"unit {unit.label!r} is listed twice")
        else:
            units[normalize(unit.label)] = unit
    if "year" not in shared:
        raise ResultsError(f"{source}: column 'year': no row gives the year")
    if "instrument" not in shared:
        raise ResultsError(
            f"{source}: column 'instrument': missing; name the survey instrument the figures "
            "come from (it decides whether years are comparable)"
        )
    year_text, year_row = shared["year"]
    year = parse_year(year_text)
    if year is None:
        raise ResultsError(
            f"{source}: row {year_row}: column 'year': {shown(year_text)} is not a year "
            f"({year_hint()})"
        )
    return PublishedTable(
        year=year,
        instrument=shared["instrument"][0],
        institution_name=shared.get("institution", ("", 0))[0],
        institution=institution or published_row("", None, {}),
        units=tuple(units.values()),
        citations=tuple(citations),
    )


def _agree(row: _Row, column: int | None, key: str, shared: dict[str, tuple[str, int]]) -> None:
    value = row.text(column)
    if not value or column is None:
        return
    if key in shared and shared[key][0] != value:
        first, at = shared[key]
        raise row.fail(column, f"{value!r} differs from {first!r} on row {at}; one file per year")
    shared.setdefault(key, (value, row.number))


def _unit(
    row: _Row,
    fixed: dict[str, int],
    values: dict[str, int],
    band_for: Callable[[float], str | None],
) -> GroupResult:
    respondents = row.count(fixed.get("respondents"))
    index_value = row.score(fixed.get("index"))
    category = row.text(fixed.get("category")) or None
    index = None
    if index_value is not None:
        index = Score(index_value, index_value, category or band_for(index_value), respondents)
    scores = {
        vid: Score(x, x, band_for(x))
        for vid, pos in values.items()
        if (x := row.score(pos)) is not None
    }
    return published_row(
        row.text(fixed.get("unit")), index, scores, respondents, row.count(fixed.get("headcount"))
    )
