"""Read a year's results file: the JSON of ``score -f json`` or published figures (YAML/CSV).

The kind is chosen by extension: ``.json`` is a ``berakhlak-results`` document (docs/output.md,
read by ``model.results_codec``); ``.yaml``/``.yml`` and ``.csv`` are published figures
(``loaders.results_published``). A JSON's year is, in order: a ``--year FILE=YEAR`` override,
the ``year`` that ``score --year`` recorded, a single four-digit year in the file name
(``hasil-2024.json``), or, as a last resort, the year of ``generated_at``. Every output says
which was used; a year outside ``model.years`` (2000-2100) is refused.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from berakhlak_cli.errors import ResultsError
from berakhlak_cli.loaders.files.small_files import read_bounded
from berakhlak_cli.loaders.results.published import read_published_csv, read_published_yaml
from berakhlak_cli.model.comparison import YearResult, YearSource
from berakhlak_cli.model.document.codec import from_document
from berakhlak_cli.model.document.year import scored_year
from berakhlak_cli.model.years import parse_year, year_hint

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
    doc = from_document(data, source)
    prov = doc.provenance
    when = (
        _year_in_document(prov.survey_year, year, source)
        or year
        or _year_from_generated(prov.generated_at, source)
    )
    return scored_year(doc, when[0], when[1], source, digest, Path(source).stem)


def _year_in_document(
    recorded: int | None, given: tuple[int, YearSource] | None, source: str
) -> tuple[int, YearSource] | None:
    """The ``year`` recorded by ``score --year``: below ``--year FILE=YEAR``, above the name."""
    if recorded is None or (given is not None and given[1] == YearSource.OVERRIDE):
        return None
    if parse_year(str(recorded)) is None:
        raise ResultsError(f"{source}: key 'year': {recorded} is not a year ({year_hint()})")
    return recorded, YearSource.FILE


def _year_from_generated(generated: str | None, source: str) -> tuple[int, YearSource]:
    match = re.match(r"((?:19|20)[0-9]{2})-", generated or "")
    if not match or parse_year(match.group(1)) is None:
        raise ResultsError(
            f"{source}: cannot tell which year these results are for: no year in the file name "
            "and no usable 'generated_at'; pass --year FILE=YEAR"
        )
    return int(match.group(1)), YearSource.GENERATED_AT
