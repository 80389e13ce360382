"""Sniff a CSV file (encoding, delimiter, header) and locate structural errors by line.

pyarrow reads the bulk fast but reports neither the row of a ragged record nor where an
unbalanced quote opened; when it fails, ``locate_problem`` re-reads the file with Python's
``csv`` module (slow, but only on the error path) to name the exact row and line.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from berakhlak_cli.errors import SurveyError
from berakhlak_cli.model.personal_data import mask_header

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
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise SurveyError(
                f"{source}: line {line}: bytes that are neither UTF-8 nor Windows-1252 text; "
                "save the file as 'CSV UTF-8' or pass --encoding"
            ) from None
        warning = (
            f"{source}: line {line} is not valid UTF-8; reading the file as Windows-1252 "
            "(cp1252). Save it as 'CSV UTF-8' or pass --encoding to be explicit."
        )
        return text, "cp1252", (warning,)


def sniff(path: Path, source: str, encoding: str | None = None) -> CsvDialect:
    """Read the start of ``path``: encoding, delimiter and header, or a clear ``SurveyError``."""
    with path.open("rb") as fh:
        raw = fh.read(SNIFF_BYTES)
    dialect = sniff_bytes(raw, source, encoding)
    if len(dialect.header) < 2:
        raise SurveyError(f"{source}: line 1: found one column only; is this a survey export?")
    return dialect


def sniff_bytes(raw: bytes, source: str, encoding: str | None = None) -> CsvDialect:
    """Encoding, delimiter and header of the first ``SNIFF_BYTES`` of a CSV file (any CSV:
    surveys, and the small tables of ``loaders.small_table``), or a clear ``SurveyError``."""
    raw = raw[:SNIFF_BYTES]
    if not raw.strip():
        raise SurveyError(f"{source}: the file is empty")
    if encoding is None and raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        # NOTE: checked before UTF-16: the UTF-32 LE mark starts with the UTF-16 LE one.
        encoding = "utf-32"
    elif encoding is None and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # NOTE: Excel's "Unicode Text" export is UTF-16 with a BOM (and tab-delimited).
        encoding = "utf-16"
    wide = (encoding or "").lower().replace("-", "").replace("_", "")
    if b"\x00" in raw and not wide.startswith(("utf16", "utf32")):
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
    delimiter = delimiter_of(first)
    try:
        header = next(csv.reader(io.StringIO(first), delimiter=delimiter), [])
    except csv.Error as exc:
        raise SurveyError(f"{source}: line 1: cannot read the header ({exc})") from None
    return CsvDialect(enc, delimiter, [h.strip() for h in header], has_bom, warnings)


def delimiter_of(text: str) -> str:
    """The delimiter of ``DELIMITERS`` seen most often outside quotes in the first record of
    ``text`` (a comma on a tie or when none is seen)."""
    end = _first_record_end(text)
    header = text if end is None else text[:end]
    counts = {d: _count_outside_quotes(header, d) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: (counts[d], d == ","))


def _first_record_end(text: str) -> int | None:
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch in "\r\n" and not quoted:
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


def _records(path: Path, dialect: CsvDialect) -> Iterator[tuple[int, int, list[str]]]:
    """(row, first line, fields) per record, as a spreadsheet numbers them (header = row 1)."""
    encoding = "utf-8-sig" if dialect.has_bom else dialect.encoding
    with path.open(encoding=encoding, newline="", errors="strict") as fh:
        reader = csv.reader(fh, delimiter=dialect.delimiter, strict=True)
        start_line = 1
        for row, record in enumerate(reader, start=1):
            yield row, start_line, record
            start_line = reader.line_num + 1


def locate_merge(path: Path, dialect: CsvDialect, source: str) -> SurveyError:
    """Name the record whose field swallowed line ends and later records (unbalanced quote)."""
    need = len(dialect.header) - 1
    fallback = "an unbalanced quote merges several records into one"
    with _field_limit():
        try:
            for row, line, record in _records(path, dialect):
                for pos, field in enumerate(record):
                    if ("\n" in field or "\r" in field) and field.count(dialect.delimiter) >= need:
                        name = dialect.header[pos] if pos < len(dialect.header) else str(pos + 1)
                        name = mask_header(name)
                        lines = field.count("\n") + 1
                        return SurveyError(
                            f"{source}: row {row} (line {line}): column {name!r}: a quote opened "
                            f"here runs over {lines} lines and swallows the records in between; "
                            'an unbalanced quote (fix or remove the stray ")'
                        )
        except (csv.Error, UnicodeDecodeError):
            return _locate(path, dialect, source, fallback)
    return SurveyError(f"{source}: {fallback}")


@contextmanager
def _field_limit(limit: int = sys.maxsize) -> Iterator[None]:
    # NOTE: csv's default limit (128 KiB per field) would misreport a huge but valid field
    # as a quoting error; the limit is process-wide, so it is restored afterwards.
    old = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


field_limit = _field_limit
"""``with field_limit(n):`` lets Python's csv module read fields of up to ``n`` characters."""


def locate_problem(
    path: Path, dialect: CsvDialect, source: str, fallback: str, max_record: int = 0
) -> SurveyError:
    """Find the first ragged, unclosed-quote, oversized or undecodable record; say where it is."""
    with _field_limit():
        return _locate(path, dialect, source, fallback, max_record)


def _locate(
    path: Path, dialect: CsvDialect, source: str, fallback: str, max_record: int = 0
) -> SurveyError:
    expected = len(dialect.header)
    encoding = "utf-8-sig" if dialect.has_bom else dialect.encoding
    long_line = _long_line(path, max_record) if max_record else None
    if long_line:
        line, size = long_line
        return SurveyError(
            f"{source}: line {line}: the line holds {size / (1 << 20):.0f} MiB of text, more "
            f"than the {max_record >> 20} MiB a survey row may have"
        )
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
                size = sum(len(f) for f in record)
                if max_record and size > max_record:
                    return SurveyError(
                        f"{source}: row {row} (line {start_line}): the record holds "
                        f"{size / (1 << 20):.0f} MiB of text, more than the "
                        f"{max_record >> 20} MiB a survey row may have"
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


def _long_line(path: Path, limit: int) -> tuple[int, int] | None:
    """(line number, bytes) of the first line longer than ``limit``, read in constant memory."""
    line, length = 1, 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            start = 0
            while (end := chunk.find(b"\n", start)) >= 0:
                if length + end - start > limit:
                    return line, length + end - start
                line, length, start = line + 1, 0, end + 1
            length += len(chunk) - start
            if length > limit:
                while (more := fh.read(1 << 20)) and b"\n" not in more:
                    length += len(more)
                return line, length + (more.find(b"\n") if more else 0)
    return None


def _bad_bytes(path: Path, source: str, encoding: str) -> str:
    with path.open("rb") as fh:
        for number, line in enumerate(fh, start=1):
            try:
                line.decode(encoding)
            except UnicodeDecodeError:
                hint = "--encoding cp1252" if encoding.startswith("utf") else "the right --encoding"
                return (
                    f"{source}: line {number}: bytes that are not valid {encoding}; save the file "
                    f"as 'CSV UTF-8' or pass {hint}"
                )
    return f"{source}: the text is not valid {encoding}"


def _name(delimiter: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}[delimiter]
