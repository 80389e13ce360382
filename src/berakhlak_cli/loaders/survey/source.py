"""Open a survey file (CSV, XLSX, Parquet) and stream it as ``SurveyBatch`` objects.

Every cell is read as text (so NIP ``0071...`` keeps its zeros and labels are mapped by the
rubric), dictionary-encoded by pyarrow, and handed to scoring in batches: a national file
never has to fit in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from berakhlak_cli.errors import SurveyError
from berakhlak_cli.loaders.files.small_files import require_file
from berakhlak_cli.loaders.survey.columns import SurveyPlan, plan_columns
from berakhlak_cli.loaders.survey.prefetch import prefetch
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.model.survey import EncodedColumn, SurveyBatch

BLOCK_BYTES = 1 << 20
"""The longest row accepted. pyarrow's streaming reader reads dozens of blocks ahead, so its
memory is proportional to the block size (4.3M rows: 145 MiB at 1 MiB blocks, 520 MiB at
8 MiB): a CSV is parsed in quarter blocks (``from_csv.SPLIT``) unless a row needs more. Blocks
are coalesced into larger scoring batches (``from_csv.COALESCE_ROWS``)."""
TEXT = pa.dictionary(pa.int32(), pa.string())
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}


def encode(array: pa.Array | pa.ChunkedArray) -> EncodedColumn:
    """Dictionary-encode an Arrow text column into categories + int32 codes (-1 = null)."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if not pa.types.is_dictionary(array.type):
        if not pa.types.is_string(array.type) and not pa.types.is_large_string(array.type):
            array = pc.cast(array, pa.string())
        array = pc.dictionary_encode(array)
    categories = tuple(array.dictionary.to_pylist())
    return EncodedColumn(categories, _codes(array.indices))


def _codes(indices: pa.Array) -> npt.NDArray[np.int32]:
    """Dictionary indices as int32, -1 for null, read straight from the Arrow buffers.

    NOTE: pyarrow's ``to_numpy`` and ``fill_null`` import pandas (about 0.4 s of start-up)
    even for a plain int32 array; the data and validity buffers need nothing but numpy.
    """
    indices = indices.cast(pa.int32()) if indices.type != pa.int32() else indices
    n, offset = len(indices), indices.offset
    validity, data = indices.buffers()[:2]
    codes = np.frombuffer(data, dtype=np.int32, count=n, offset=offset * 4).copy()
    if indices.null_count and validity is not None:
        bits = np.unpackbits(np.frombuffer(validity, dtype=np.uint8), bitorder="little")
        codes[~bits[offset : offset + n].astype(bool)] = -1
    return codes


def encode_rows(array: pa.Array | pa.ChunkedArray) -> EncodedColumn:
    """A mostly-unique text column (respondent ids) as one category per row, without hashing.

    Dictionary-encoding a column with a distinct value per row costs a hash-table pass for no
    saving; the row values themselves serve as categories (null -> "").
    """
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if pa.types.is_dictionary(array.type):
        return encode(array)
    if not pa.types.is_string(array.type) and not pa.types.is_large_string(array.type):
        array = pc.cast(array, pa.string())
    values = array.to_pylist()
    if array.null_count:
        values = ["" if v is None else v for v in values]
    return EncodedColumn(tuple(values), np.arange(len(values), dtype=np.int32))


def _nothing_read() -> int:
    return 0


@dataclass
class SurveySource:
    """A matched survey file; iterate ``batches()`` (and ``id_batches()`` for a first pass)."""

    path: Path
    plan: SurveyPlan
    reader: Any
    """A callable returning an iterator of pyarrow RecordBatches with columns c<position>."""
    batch_rows: int | None = None
    bytes_read: Callable[[], int] = field(default=lambda: 0)
    """Bytes of the file consumed so far (CSV only; Excel and Parquet report 0)."""

    def sha256(self) -> str | None:
        """Hex sha256 of the file's bytes, taken while they were parsed (CSV); None when the
        file was not read to its end or is not a CSV (hash it separately then)."""
        hashed = getattr(self.bytes_read, "hashed", None)
        return None if hashed is None else hashed.hexdigest()

    def _record_batches(
        self, columns: list[int], plain: frozenset[int] = frozenset()
    ) -> Iterator[tuple[int, pa.RecordBatch]]:
        row = 2
        for record_batch in self.reader(columns, plain):
            step = self.batch_rows or record_batch.num_rows or 1
            for start in range(0, record_batch.num_rows, step):
                part = record_batch.slice(start, step)
                yield row, part
                row += part.num_rows

    def batches(self) -> Iterator[SurveyBatch]:
        """The survey's rows, in order, as encoded batches (read one or two batches ahead)."""
        return prefetch(self._encoded_batches(), depth=1)

    def _encoded_batches(self) -> Iterator[SurveyBatch]:
        plan = self.plan
        rid = plan.respondent_id
        by_value = set(plan.items.values()) | set(plan.groups.values())
        plain = frozenset({rid}) if rid is not None and rid not in by_value else frozenset()
        for first_row, rb in self._record_batches(plan.needed, plain):
            col = {name: rb.column(f"c{pos}") for name, pos in _named(plan).items()}
            yield SurveyBatch(
                first_row=first_row,
                size=rb.num_rows,
                items={i: encode(col[f"item:{i}"]) for i in plan.items},
                groups={g: encode(col[f"group:{g}"]) for g in plan.groups},
                respondent_id=encode_rows(col["id"]) if rid is not None else None,
            )

    def id_batches(self) -> Iterator[tuple[int, EncodedColumn]]:
        """Only the respondent-id column (for duplicate policies that need a first pass)."""
        if self.plan.respondent_id is None:
            return
        rid = self.plan.respondent_id
        for first_row, rb in self._record_batches([rid], frozenset({rid})):
            yield first_row, encode_rows(rb.column(f"c{rid}"))


def _named(plan: SurveyPlan) -> dict[str, int]:
    out = {f"item:{i}": p for i, p in plan.items.items()}
    out.update({f"group:{g}": p for g, p in plan.groups.items()})
    if plan.respondent_id is not None:
        out["id"] = plan.respondent_id
    return out


def open_survey(
    path: Path,
    rubric: Rubric,
    group_by: tuple[str, ...],
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    batch_rows: int | None = None,
    block_bytes: int = BLOCK_BYTES,
) -> SurveySource:
    """Match the file's header to the rubric and prepare to stream it."""
    source = str(path)
    headers, reader, warnings, where, position = read_header(
        path, rubric, sheet=sheet, encoding=encoding, block_bytes=block_bytes
    )
    plan = plan_columns(headers, rubric, group_by, source, where)
    plan = replace(plan, warnings=(*warnings, *plan.warnings))
    return SurveySource(path, plan, reader, batch_rows, position)


def read_header(
    path: Path,
    rubric: Rubric,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    block_bytes: int = BLOCK_BYTES,
) -> tuple[list[str], Any, list[str], str, Callable[[], int]]:
    """(header, reader, warnings, where, bytes read) of a survey file, before any matching.

    ``where`` names the workbook sheet read and the others ("" for CSV and Parquet).
    """
    source = str(path)
    require_file(path, SurveyError, "a survey file")
    suffix = path.suffix.lower()
    position: Callable[[], int] = _nothing_read
    where = ""
    if suffix in EXCEL_SUFFIXES:
        from berakhlak_cli.loaders.survey.from_excel import excel_reader
        from berakhlak_cli.loaders.survey.header_match import match_items

        def holds_items(header: list[str]) -> bool:
            # NOTE: a sheet with an ambiguous header still holds the items; its error is the
            # useful one, not "no column".
            return not match_items(header, rubric).missing

        headers, reader, warnings, where = excel_reader(path, source, sheet, holds_items)
    elif suffix == ".parquet":
        from berakhlak_cli.loaders.survey.from_parquet import parquet_reader

        headers, reader, warnings = parquet_reader(path, source)
    else:
        from berakhlak_cli.loaders.survey.from_csv import ReadPosition, csv_reader

        position = ReadPosition()
        headers, reader, warnings = csv_reader(path, source, encoding, block_bytes, position)
    return headers, reader, warnings, where, position
