"""CSV surveys through pyarrow's streaming reader (only the needed columns, as text)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from berakhlak_cli.loaders.csv_text import locate_problem, sniff

TEXT = pa.dictionary(pa.int32(), pa.string())

Reader = Callable[[list[int]], Iterator[pa.RecordBatch]]


def csv_reader(
    path: Path, source: str, encoding: str | None, block_bytes: int
) -> tuple[list[str], Reader, list[str]]:
    """(header, reader, warnings) for a CSV file."""
    dialect = sniff(path, source, encoding)
    names = [f"c{i}" for i in range(len(dialect.header))]

    def read(columns: list[int]) -> Iterator[pa.RecordBatch]:
        wanted = [names[i] for i in columns]
        ragged: list[str] = []

        def on_invalid(row: pacsv.InvalidRow) -> str:
            ragged.append(row.text[:60])
            return "error"

        try:
            reader = pacsv.open_csv(
                path,
                read_options=pacsv.ReadOptions(
                    column_names=names,
                    skip_rows=1,
                    block_size=block_bytes,
                    encoding=dialect.encoding if dialect.encoding != "utf-8" else "utf8",
                ),
                parse_options=pacsv.ParseOptions(
                    delimiter=dialect.delimiter,
                    newlines_in_values=True,
                    invalid_row_handler=on_invalid,
                ),
                convert_options=pacsv.ConvertOptions(
                    include_columns=wanted,
                    column_types=dict.fromkeys(wanted, TEXT),
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                    null_values=[],
                ),
            )
            yield from reader
        except pa.ArrowInvalid as exc:
            first = str(exc).splitlines()[0]
            if "Empty CSV file" in first:
                return
            raise locate_problem(path, dialect, source, first) from None

    return dialect.header, read, list(dialect.warnings)
