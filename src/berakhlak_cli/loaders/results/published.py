"""Read published figures typed in from a KemenPANRB report: YAML (``berakhlak-published``) or CSV.

Reports print an index, a category, sometimes per-value scores and per-unit rows; rarely
respondent counts. Value ids (or codes such as ``HA``) and the default bands come from the
shipped rubric, so a typo (``harmonsi``) is an error with a "did you mean". Both shapes are
documented with examples in docs/compare.md; ``examples/kalteng/hasil-2022-published.yaml`` is
a real one.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from typing import Any

from berakhlak_cli.errors import Problem, ResultsError
from berakhlak_cli.loaders.results.from_csv import read_published_csv_rows
from berakhlak_cli.loaders.rubric.fields import Collector, Fields
from berakhlak_cli.loaders.rubric.load import load_rubric
from berakhlak_cli.loaders.rubric.yaml_source import parse_yaml
from berakhlak_cli.model.comparison import (
    BandInfo,
    Headline,
    ResultKind,
    ValueInfo,
    YearResult,
    YearSource,
    published_row,
)
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.results import GroupResult, Score
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.model.years import YEAR_MAX, YEAR_MIN, year_hint

PUBLISHED_FORMAT = "berakhlak-published"


@dataclass(frozen=True)
class Vocabulary:
    """The shipped rubric's values and bands: names published figures may use."""

    values: tuple[ValueInfo, ...]
    bands: tuple[BandInfo, ...]

    def value_id(self, name: str) -> str | None:
        """The value id for an id or code written in any case (``HA``, ``harmonis``)."""
        wanted = normalize(name)
        for v in self.values:
            if wanted in (normalize(v.id), normalize(v.code), normalize(v.label)):
                return v.id
        return None

    def suggest(self, name: str) -> str:
        """A "did you mean" for an unknown value name."""
        match = difflib.get_close_matches(name, [v.id for v in self.values], n=1, cutoff=0.6)
        return f" (did you mean {match[0]!r}?)" if match else ""

    def band_for(self, value: float) -> str | None:
        """The band code holding ``value`` (top band includes its upper edge)."""
        top = max(self.bands, key=lambda b: b.upper)
        for b in self.bands:
            if b.lower <= value < b.upper or (b is top and value == b.upper):
                return b.code
        return None


@cache
def vocabulary() -> Vocabulary:
    """Values and bands of the shipped rubric, with English labels (read once)."""
    rubric = load_rubric()
    return Vocabulary(
        values=tuple(
            ValueInfo(v.id, v.code, v.label.get(Lang.ID), v.label.en or "") for v in rubric.values
        ),
        bands=tuple(
            BandInfo(b.code, b.label.get(Lang.ID), b.lower, b.upper, b.label.en or "")
            for b in rubric.bands
        ),
    )


def decimals_of(numbers: list[float]) -> int:
    """Decimals to show: as many as the most precise figure was typed with (1 to 3)."""
    most = 1
    for x in numbers:
        text = repr(float(x))
        if "." in text and "e" not in text:
            most = max(most, len(text.split(".")[1].rstrip("0")))
    return min(most, 3)


def _error(source: str, problems: list[Problem]) -> ResultsError:
    more = f" (+{len(problems) - 1} more problems)" if len(problems) > 1 else ""
    return ResultsError(problems[0].render(source) + more)


class _Reader:
    """Builds figures from a YAML mapping, collecting problems with positions."""

    def __init__(self, col: Collector, vocab: Vocabulary) -> None:
        self.col = col
        self.vocab = vocab
        self.numbers: list[float] = []

    def figure(
        self, f: Fields, key: str, respondents: int | None = None, *, banded: bool = True
    ) -> Score | None:
        """``key: 59.5`` or ``key: {score: 59.5, category: B}`` (category: code or {code,label}).

        ``banded``: the category must agree with the score under the default bands (false for
        other indices, whose reports may band them differently).
        """
        raw = f.raw(key)
        if raw is None:
            return None
        if isinstance(raw, dict):
            sub = f.sub(key, "a figure")
            score = sub.number("score", 0.0, required=True)
            band = self.category(sub, "category")
            if banded:
                self.agree(sub, "category", score, band)
            sub.finish()
        else:
            score = f.number(key, 0.0)
            band = None
        return self._make(f.at(key), score, band, respondents)

    def _make(self, path: str, score: float, band: str | None, respondents: int | None) -> Score:
        if not 0.0 <= score <= 100.0:
            self.col.add("out-of-range", f"score {score} is outside 0-100", path)
        self.numbers.append(score)
        return Score(score, score, band or self.vocab.band_for(score), respondents)

    def category(self, f: Fields, key: str) -> str | None:
        raw = f.raw(key)
        if raw is None:
            return None
        if isinstance(raw, dict):
            sub = f.sub(key, "a category")
            code = sub.text("code", required=True)
            sub.text("label")
            sub.finish()
        else:
            code = f.text(key)
        codes = [b.code for b in self.vocab.bands]
        if code not in codes:
            self.col.add(
                "unknown-category", f"category {code!r} is not one of {', '.join(codes)}", f.at(key)
            )
        return code

    def agree(self, f: Fields, key: str, score: float | None, band: str | None) -> None:
        """A ``category-mismatch`` at ``key`` when the typed category is not the score's band."""
        expected = self.vocab.band_for(score) if score is not None else None
        codes = [b.code for b in self.vocab.bands]
        if band in codes and expected is not None and band != expected:
            edges = next(b for b in self.vocab.bands if b.code == expected)
            self.col.add(
                "category-mismatch",
                f"category {band!r} contradicts score {score:g}, which is band {expected!r} "
                f"({edges.lower:g}-{edges.upper:g}) in the default bands; check both against "
                "the report",
                f.at(key),
            )

    def values(self, f: Fields, key: str) -> dict[str, Score]:
        """``values: {harmonis: 72.5, AD: {score: 43.5, category: C}}``."""
        out: dict[str, Score] = {}
        sub = f.sub(key, "values")
        for name, path, _ in f.entries(key):
            vid = self.vocab.value_id(name)
            if vid is None:
                hint = self.vocab.suggest(name)
                self.col.add("unknown-value", f"unknown value {name!r}{hint}", path)
                continue
            fig = self.figure(sub, name)
            if fig is not None:
                out[vid] = fig
        return out

    def named(self, f: Fields, key: str) -> dict[str, Score]:
        """Other published indices under free names (``energi_positif: {score: 92.4}``)."""
        sub = f.sub(key, key)
        out = {name: self.figure(sub, name, banded=False) for name, _, _ in f.entries(key)}
        return {name: fig for name, fig in out.items() if fig is not None}

    def count(self, f: Fields, key: str, minimum: int) -> int | None:
        """An optional whole number (null when unknown)."""
        return f.integer(key, minimum, minimum=minimum) if f.raw(key) is not None else None


def read_published_yaml(
    text: str, source: str, digest: str, year_override: int | None
) -> YearResult:
    """Parse a ``berakhlak-published`` YAML file (format 1) into a ``YearResult``."""
    doc, problems = parse_yaml(text)
    if problems:
        raise _error(source, problems)
    col = Collector(doc)
    top = Fields(col, doc.data, "", "a published-figures file")
    if top.ok and top.text("format", required=True) != PUBLISHED_FORMAT:
        col.add("bad-format", f"'format' must be {PUBLISHED_FORMAT!r}", "format")
    if top.ok and top.integer("format_version", 0) != 1:
        col.add("bad-format", "'format_version' must be 1", "format_version")
    reader = _Reader(col, vocabulary())
    year = top.integer("year", 0, minimum=YEAR_MIN)
    if top.has("year") and year > YEAR_MAX:
        col.add("bad-number", f"'year' {year}: {year_hint()}", top.at("year"))
    if not top.has("year") and year_override is None:
        col.add("missing-key", "required key 'year' is missing", "")
    if top.raw("rubric") is not None:
        col.add("bad-rubric", "published figures are not scored with a rubric: use null", "rubric")
    respondents = reader.count(top, "respondents", 0)
    index = _index(reader, top, respondents)
    value_scores = reader.values(top, "values")
    other = reader.named(top, "other_indices")
    units: list[GroupResult] = []
    for path, data in top.items("units"):
        unit = _unit(reader, Fields(col, data, path, "a unit"))
        if unit.label and normalize(unit.label) in {normalize(u.label) for u in units}:
            col.add("duplicate-unit", f"unit {unit.label!r} is listed twice", path)
        units.append(unit)
    result_args: dict[str, Any] = {
        "label": top.text("institution"),
        "instrument": top.text("instrument", required=True),
        "citations": top.texts("sources"),
        "notes": top.text("notes"),
        "headcount": reader.count(top, "headcount", 1),
    }
    top.finish()
    if col.problems:
        raise _error(source, col.problems)
    return YearResult(
        year=year_override if year_override is not None else year,
        year_source=YearSource.OVERRIDE if year_override is not None else YearSource.FILE,
        kind=ResultKind.PUBLISHED,
        source=source,
        sha256=digest,
        index=index,
        headline=Headline.PUBLISHED,
        values=reader.vocab.values,
        value_scores=value_scores,
        bands=reader.vocab.bands,
        bands_declared=False,
        decimals=decimals_of(reader.numbers),
        units=tuple(units),
        respondents=respondents,
        other_indices=other,
        **result_args,
    )


def _index(reader: _Reader, f: Fields, respondents: int | None) -> Score | None:
    """The ``index`` of an institution or unit, carrying its printed ``category``; a category
    that is not the band its number falls in is a ``category-mismatch`` problem."""
    index = reader.figure(f, "index", respondents)
    category = reader.category(f, "category")
    reader.agree(f, "category", index.raw if index else None, category)
    if index is not None and category is not None:
        index = Score(index.raw, index.rounded, category, respondents)
    return index


def _unit(reader: _Reader, f: Fields) -> GroupResult:
    name = " ".join(f.text("name", required=True).split())
    respondents = reader.count(f, "respondents", 0)
    index = _index(reader, f, respondents)
    unit = published_row(
        name, index, reader.values(f, "values"), respondents, reader.count(f, "headcount", 1)
    )
    f.finish()
    return unit


def read_published_csv(
    text: str, source: str, digest: str, year_override: int | None
) -> YearResult:
    """Parse a published-figures CSV (one row per unit, blank unit = institution)."""
    vocab = vocabulary()
    table = read_published_csv_rows(
        text, source, vocab.value_id, vocab.band_for, tuple(b.code for b in vocab.bands)
    )
    inst = table.institution
    numbers = [f.rounded for u in (*table.units, inst) for f in _figures(u)]
    year = year_override if year_override is not None else table.year
    return YearResult(
        year=year,
        year_source=YearSource.OVERRIDE if year_override is not None else YearSource.FILE,
        label=table.institution_name,
        kind=ResultKind.PUBLISHED,
        instrument=table.instrument,
        source=source,
        sha256=digest,
        index=inst.index,
        headline=Headline.PUBLISHED,
        values=vocab.values,
        value_scores=inst.scored_values,
        bands=vocab.bands,
        bands_declared=False,
        decimals=decimals_of(numbers),
        units=table.units,
        respondents=inst.respondents,
        headcount=inst.headcount,
        citations=table.citations,
    )


def _figures(unit: GroupResult) -> list[Score]:
    return [f for f in (unit.index, *unit.values.values()) if f is not None]
