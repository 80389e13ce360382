"""Sniff a CSV file (encoding, delimiter, header) and locate structural errors by line.

pyarrow reads the bulk fast but reports neither the row of a ragged record nor where an
unbalanced quote opened; when it fails, ``locate_problem`` re-reads the file with Python's
``csv`` module (slow, but only on the error path) to name the exact row and line.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from berakhlak_cli.errors import SurveyError

SNIFF_BYTES = 1 << 20
DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class CsvDialect:
    """What ``sniff`` decided about a CSV file."""

    encoding: str
    delimiter: str
    header: list[str]
    has_bom: bool
    warnings: tuple[str, ...] = ()


def _decode_sample(
    raw: bytes, source: str, encoding: str | None
) -> tuple[str, str, tuple[str, ...]]:
    if encoding:
        try:
            return raw.decode(encoding, errors="strict"), encoding, ()
        except (UnicodeDecodeError, LookupError) as exc:
            raise SurveyError(f"{source}: cannot decode as {encoding}: {exc}") from None
    try:
        # NOTE: the sample may end inside a multi-byte character; the incremental decoder
        # without final=True tolerates exactly that and nothing else.
        return codecs.getincrementaldecoder("utf-8")().decode(raw), "utf-8", ()
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        warning = (
            f"{source}: line {line} is not valid UTF-8; reading the file as Windows-1252 "
            "(cp1252). Save it as 'CSV UTF-8' or pass --encoding to be explicit."
        )
        return raw.decode("cp1252", errors="replace"), "cp1252", (warning,)


def sniff(path: Path, source: str, encoding: str | None = None) -> CsvDialect:
    """Read the start of ``path``: encoding, delimiter and header, or a clear ``SurveyError``."""
    with path.open("rb") as fh:
        raw = fh.read(SNIFF_BYTES)
    if not raw.strip():
        raise SurveyError(f"{source}: the file is empty")
    if b"\x00" in raw:
        pos = raw.index(b"\x00")
        line = raw[:pos].count(b"\n") + 1
        hint = " (it looks like an Excel workbook; name it .xlsx)" if raw.startswith(b"PK") else ""
        raise SurveyError(f"{source}: line {line}: contains NUL bytes, not CSV text{hint}")
    has_bom = raw.startswith(codecs.BOM_UTF8)
    text, enc, warnings = _decode_sample(raw[3:] if has_bom else raw, source, encoding)
    end = _first_record_end(text)
    if end is None:
        raise SurveyError(f"{source}: line 1: the header does not end within the first 1 MiB")
    first = text[:end]
    counts = {d: _count_outside_quotes(first, d) for d in DELIMITERS}
    delimiter = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    header = next(csv.reader(io.StringIO(first), delimiter=delimiter))
    if len(header) < 2:
        raise SurveyError(f"{source}: line 1: found one column only; is this a survey export?")
    return CsvDialect(enc, delimiter, [h.strip() for h in header], has_bom, warnings)


def _first_record_end(text: str) -> int | None:
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == "\n" and not quoted:
            return i
    return len(text) if len(text) < SNIFF_BYTES - 4 else None


def _count_outside_quotes(line: str, delimiter: str) -> int:
    quoted, count = False, 0
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def locate_problem(path: Path, dialect: CsvDialect, source: str, fallback: str) -> SurveyError:
    """Find the first ragged record, unclosed quote or undecodable line; say where it is."""
    expected = len(dialect.header)
    encoding = "utf-8-sig" if dialect.has_bom else dialect.encoding
    try:
        with path.open(encoding=encoding, newline="", errors="strict") as fh:
            reader = csv.reader(fh, delimiter=dialect.delimiter, strict=True)
            row = 0
            start_line = 1
            for record in reader:
                row += 1
                if row > 1 and len(record) != expected and any(f.strip() for f in record):
                    return SurveyError(
                        f"{source}: row {row} (line {start_line}): expected {expected} fields, "
                        f"found {len(record)}; check for a missing or extra "
                        f"{_name(dialect.delimiter)} or an unbalanced quote"
                    )
                start_line = reader.line_num + 1
    except csv.Error as exc:
        return SurveyError(
            f"{source}: row {row + 1} (line {start_line}): {exc}; a quote opened here is "
            "probably never closed"
        )
    except UnicodeDecodeError:
        return SurveyError(_bad_bytes(path, source, dialect.encoding))
    return SurveyError(f"{source}: {fallback}")


def _bad_bytes(path: Path, source: str, encoding: str) -> str:
    with path.open("rb") as fh:
        for number, line in enumerate(fh, start=1):
            try:
                line.decode(encoding)
            except UnicodeDecodeError:
                return (
                    f"{source}: line {number}: bytes that are not valid {encoding}; save the file "
                    "as 'CSV UTF-8' or pass --encoding cp1252"
                )
    return f"{source}: the text is not valid {encoding}"


def _name(delimiter: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}[delimiter]
