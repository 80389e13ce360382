"""Parquet surveys (national data often moves so): only the needed columns, in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from berakhlak_cli.errors import SurveyError

Reader = Callable[[list[int], frozenset[int]], Iterator[pa.RecordBatch]]
BATCH_ROWS = 256_000


def parquet_reader(path: Path, source: str) -> tuple[list[str], Reader, list[str]]:
    """(header, reader, warnings) for a Parquet file; values are cast to text."""
    try:
        pfile = pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise SurveyError(f"{source}: not a readable Parquet file ({exc})") from None
    header = list(pfile.schema_arrow.names)

    def read(columns: list[int], plain: frozenset[int] = frozenset()) -> Iterator[pa.RecordBatch]:
        names = [header[c] for c in columns]
        for rb in pfile.iter_batches(batch_size=BATCH_ROWS, columns=names):
            arrays = [_as_text(rb.column(n), n, source) for n in names]
            yield pa.RecordBatch.from_arrays(arrays, names=[f"c{c}" for c in columns])

    return header, read, []


def _as_text(array: pa.Array, name: str, source: str) -> pa.Array:
    try:
        return _cast_text(array)
    except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
        raise SurveyError(
            f"{source}: column {name!r} holds {array.type}, not text or numbers"
        ) from None


def _cast_text(array: pa.Array) -> pa.Array:
    if pa.types.is_dictionary(array.type):
        array = array.cast(array.type.value_type)
    if pa.types.is_floating(array.type):
        # NOTE: 4.0 must read as "4", the way a Likert answer is written.
        ints = array.cast(pa.int64(), safe=False)
        whole = pa.compute.equal(ints.cast(array.type), array)
        return pa.compute.if_else(whole, ints.cast(pa.string()), array.cast(pa.string()))
    # NOTE: nulls stay null: the encoders read a null cell as blank, exactly like "", and
    # ``fill_null("")`` would build a pyarrow scalar, which imports pandas (~0.4 s).
    return array.cast(pa.string())
