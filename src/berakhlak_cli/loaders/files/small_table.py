"""One reader for the small CSV tables: units, units map, evidence checklist (and the
delimiter rule of published results, whose text ``loaders.results`` decodes).

A small table is read like a survey's start (``csv_text.sniff_bytes``): a UTF-16/32 byte-order
mark is honoured, else UTF-8 (with or without its mark) and, when that fails, Windows-1252
(cp1252) with a warning naming the first bad line (what Excel's plain "CSV" saves on Windows);
NUL bytes are refused with their line (a workbook or binary file renamed .csv); the delimiter
is the one of ``, ; tab |`` seen most often outside quotes in the header record. Unlike a
survey it is read whole, but never more than its stated size (``small_files.read_bounded``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from berakhlak_cli.errors import BerakhlakError, SurveyError
from berakhlak_cli.loaders.files.csv_text import CsvDialect, locate_problem, sniff_bytes
from berakhlak_cli.loaders.files.small_files import csv_rows, read_bounded

Warn = Callable[[str], None]
"""Where a reader sends a warning (the CLI prints it on stderr); None: nowhere."""


@dataclass(frozen=True)
class SmallTable:
    """The decoded text of a small CSV file and what sniffing found."""

    source: str
    text: str
    dialect: CsvDialect

    @property
    def warnings(self) -> tuple[str, ...]:
        """The cp1252 fallback, when it was taken."""
        return self.dialect.warnings

    def rows(
        self, error: type[BerakhlakError], kind: str, *, strict: bool = False
    ) -> list[list[str]]:
        """Every record (``small_files.csv_rows``: a malformed one names its row and line)."""
        return csv_rows(self.text, self.dialect.delimiter, self.source, error, kind, strict=strict)


def read_small_table(
    path: Path,
    limit: int,
    error: type[BerakhlakError],
    kind: str,
    *,
    encoding: str | None = None,
    warn: Warn | None = None,
) -> SmallTable:
    """Read and decode the CSV at ``path`` (at most ``limit`` bytes), or ``error`` naming the
    file and line; the fallback warning goes to ``warn``. ``kind`` names the file for the
    messages (``a units file``)."""
    source = str(path)
    data = read_bounded(path, limit, error, kind)
    try:
        dialect = sniff_bytes(data, source, encoding)
    except SurveyError as exc:
        raise error(str(exc)) from None
    try:
        text = (data[3:] if dialect.has_bom else data).decode(dialect.encoding)
    except UnicodeDecodeError:
        # NOTE: the sample decoded but a later line does not: name that line.
        raise error(
            str(locate_problem(path, dialect, source, "the text cannot be decoded"))
        ) from None
    if warn is not None:
        for message in dialect.warnings:
            warn(message)
    return SmallTable(source, text, dialect)
