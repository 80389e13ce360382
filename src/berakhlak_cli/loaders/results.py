"""Read a year's results file: the JSON of ``score -f json`` or published figures (YAML/CSV).

The kind is chosen by extension: ``.json`` is a ``berakhlak-results`` document (format 1,
docs/output.md); ``.yaml``/``.yml`` and ``.csv`` are published figures
(``loaders.results_published``). A JSON's year is, in order: a ``--year FILE=YEAR`` override,
the ``year`` that ``score --year`` recorded, a single four-digit year in the file name
(``hasil-2024.json``), or, as a last resort, the year of ``generated_at``. Every output says
which was used; a year outside ``model.years`` (2000-2100) is refused.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from berakhlak_cli.errors import ResultsError
from berakhlak_cli.loaders.results_json import JsonNode, read_change, read_gaps, read_group
from berakhlak_cli.loaders.results_published import (
    read_published_csv,
    read_published_yaml,
    vocabulary,
)
from berakhlak_cli.loaders.small_files import read_bounded
from berakhlak_cli.model.behaviours import BehaviourInfo
from berakhlak_cli.model.comparison import (
    BandInfo,
    Headline,
    ResultKind,
    RubricInfo,
    ValueInfo,
    YearResult,
    YearSource,
)
from berakhlak_cli.model.results import InputRef
from berakhlak_cli.model.years import parse_year, year_hint

RESULTS_FORMAT = "berakhlak-results"
SUPPORTED_VERSIONS = (1, 2)
"""Version 2 (issue 18) lists a bounded sample of issues; nothing ``compare`` reads changed."""
MAX_BYTES = 200_000_000
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


def year_from_name(path: Path) -> int | None:
    """The year in a file name when exactly one distinct four-digit year (19xx/20xx) in the
    accepted range (``model.years``) occurs."""
    found = {y for y in _YEAR.findall(path.name) if parse_year(y) is not None}
    return int(found.pop()) if len(found) == 1 else None


def load_results(path: Path, year: int | None = None) -> YearResult:
    """Load one results file; ``year`` (from ``--year``) overrides anything the file says."""
    source = str(path)
    # NOTE: bounded before anything is parsed: /dev/zero or a survey given by mistake cannot
    # exhaust memory.
    raw = read_bounded(path, MAX_BYTES, ResultsError, "a results file")
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ResultsError(f"{source}: not UTF-8 text (byte {exc.start})") from None
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_results_json(text, source, digest, _year_for(path, year))
    if suffix in (".yaml", ".yml"):
        return read_published_yaml(text, source, digest, year)
    if suffix == ".csv":
        return read_published_csv(text, source, digest, year)
    raise ResultsError(
        f"{source}: unknown results file type {suffix or '(none)'!r}; expected .json (from "
        "'berakhlak score -f json'), or .yaml/.csv with published figures"
    )


def _year_for(path: Path, override: int | None) -> tuple[int, YearSource] | None:
    if override is not None:
        return override, YearSource.OVERRIDE
    named = year_from_name(path)
    return (named, YearSource.FILE_NAME) if named is not None else None


def read_results_json(
    text: str, source: str, digest: str, year: tuple[int, YearSource] | None
) -> YearResult:
    """Parse a ``berakhlak-results`` document; a malformed one names the file and the key."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResultsError(
            f"{source}: line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg})"
        ) from None
    except ValueError as exc:
        # NOTE: an integer of more than 4 300 digits is valid JSON that int() refuses.
        raise ResultsError(f"{source}: not readable JSON ({str(exc).split(';')[0]})") from None
    except RecursionError:
        raise ResultsError(f"{source}: not readable JSON (nested too deeply)") from None
    doc = JsonNode(data, "", source)
    fmt = doc.get("format").text()
    if fmt != RESULTS_FORMAT:
        raise ResultsError(
            f"{source}: key 'format': expected {RESULTS_FORMAT!r}, got {fmt!r} (is this the "
            "JSON of 'berakhlak score -f json'?)"
        )
    version = doc.get("format_version").integer()
    if version not in SUPPORTED_VERSIONS:
        raise ResultsError(
            f"{source}: key 'format_version': version {version} is not supported (this "
            "berakhlak-cli reads versions 1 and 2); upgrade berakhlak-cli"
        )
    generated = doc.get("generated_at").optional_text()
    when = _year_in_document(doc, year) or year or _year_from_generated(generated, source)
    rubric = _rubric(doc.get("rubric"))
    values = _english_values(
        ValueInfo(
            v.get("id").text(),
            v.get("code").text(),
            v.get("label").text(),
            bands=_bands(v.get("bands")) if v.has("bands") else (),
        )
        for v in doc.get("values").items()
    )
    bands = _bands(doc.get("bands"))
    rounding = doc.get("rounding")
    group_by = [g.text() for g in doc.get("group_by").items()]
    value_ids = [v.id for v in values]
    institution = read_group(doc.get("institution"), group_by, value_ids)
    units = tuple(read_group(g, group_by, value_ids) for g in doc.get("groups").items())
    inst_node = doc.get("institution")
    headline = Headline.COMBINED if inst_node.has("combined") else Headline.INDEX
    return YearResult(
        year=when[0],
        year_source=when[1],
        label=Path(source).stem,
        kind=ResultKind.SCORED,
        instrument=rubric.instrument,
        source=source,
        sha256=digest,
        index=institution.index,
        headline=headline,
        values=values,
        value_scores=institution.values,
        bands=bands,
        bands_declared=True,
        decimals=rounding.get("decimals").integer(),
        rubric=rubric,
        units=units,
        respondents=institution.respondents,
        headcount=institution.headcount,
        has_respondent_stats=True,
        survey_index=institution.survey_index,
        evidence=institution.evidence,
        gaps=read_gaps(doc, group_by),
        inputs=tuple(
            InputRef(i.get("role").text(), i.get("name").text(), i.get("sha256").text())
            for i in doc.get("inputs").items()
        ),
        tool_version=doc.get("tool").get("version").optional_text(),
        generated_at=generated,
        rounding_band_on=rounding.get("band_on").optional_text(),
        rounding_mode=rounding.get("mode").optional_text(),
        behaviour_info=tuple(
            BehaviourInfo(b.get("id").text(), b.get("value").text(), b.get("label").text())
            for b in doc.get("behaviours").items()
        )
        if doc.has("behaviours")
        else (),
        institution_behaviours=institution.behaviours,
        priority_confidence=_priority_confidence(doc),
    )


def _bands(node: JsonNode) -> tuple[BandInfo, ...]:
    return _english_bands(
        BandInfo(
            b.get("code").text(),
            b.get("label").text(),
            b.get("min").number(),
            b.get("max").number(),
        )
        for b in node.items()
    )


def _priority_confidence(doc: JsonNode) -> float:
    node = doc.optional("reporting")
    level = node.optional("priority_confidence") if node is not None else None
    return level.number() if level is not None else 0.95


def _english_values(values: Iterable[ValueInfo]) -> tuple[ValueInfo, ...]:
    """Add the shipped rubric's English label where id and Indonesian label match it."""
    known = {(v.id, v.label): v.label_en for v in vocabulary().values}
    return tuple(replace(v, label_en=known.get((v.id, v.label), "")) for v in values)


def _english_bands(bands: Iterable[BandInfo]) -> tuple[BandInfo, ...]:
    """Add the shipped rubric's English band label where code and Indonesian label match it."""
    known = {(b.code, b.label): b.label_en for b in vocabulary().bands}
    return tuple(replace(b, label_en=known.get((b.code, b.label), "")) for b in bands)


def _year_in_document(
    doc: JsonNode, given: tuple[int, YearSource] | None
) -> tuple[int, YearSource] | None:
    """The ``year`` recorded by ``score --year``: below ``--year FILE=YEAR``, above the name."""
    if not doc.has("year") or (given is not None and given[1] == YearSource.OVERRIDE):
        return None
    node = doc.get("year")
    value = node.integer()
    if parse_year(str(value)) is None:
        raise node.fail(f"{value} is not a year ({year_hint()})")
    return value, YearSource.FILE


def _year_from_generated(generated: str | None, source: str) -> tuple[int, YearSource]:
    match = re.match(r"((?:19|20)[0-9]{2})-", generated or "")
    if not match or parse_year(match.group(1)) is None:
        raise ResultsError(
            f"{source}: cannot tell which year these results are for: no year in the file name "
            "and no usable 'generated_at'; pass --year FILE=YEAR"
        )
    return int(match.group(1)), YearSource.GENERATED_AT


def _rubric(node: JsonNode) -> RubricInfo:
    summary = node.get("summary") if node.has("summary") else None
    summary_data: Mapping[str, Any] | None = None
    if summary is not None and summary.data is not None:
        summary_data = summary.mapping()
    return RubricInfo(
        id=node.get("id").text(),
        version=node.get("version").text(),
        title=node.get("title").optional_text() or "",
        instrument=node.get("instrument").optional_text() or "",
        sha256=node.get("sha256").optional_text() or "",
        summary=summary_data,
        change=read_change(node),
    )
