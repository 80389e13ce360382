"""Parquet surveys (national data often moves so): only the needed columns, in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from berakhlak_cli.errors import SurveyError
from berakhlak_cli.model.personal_data import mask_header

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
            f"{source}: column {mask_header(name)!r} holds {array.type}, not text or numbers"
        ) from None


def _float_text(array: pa.Array) -> pa.Array:
    """Floats as answers: 4.0 -> "4" (a label or point), NaN -> null (not answered, as pandas
    writes a missing value), 3.5 -> "3.5" (scoring reports it as not a whole number)."""
    import numpy as np

    nan = pc.fill_null(pc.is_nan(array), False)
    blank = pa.nulls(len(array), array.type)
    array = pc.if_else(nan, blank, array)
    finite = pc.fill_null(pc.and_(pc.is_finite(array), pc.less(pc.abs(array), 1e15)), False)
    # NOTE: only values an int64 holds exactly are cast; 1e300 and infinities stay as text.
    safe = pc.if_else(finite, array, pa.array(np.zeros(len(array)), array.type))
    ints = safe.cast(pa.int64(), safe=False)
    whole = pc.and_(finite, pc.equal(ints.cast(array.type), array))
    return pc.if_else(whole, ints.cast(pa.string()), array.cast(pa.string()))


def _cast_text(array: pa.Array) -> pa.Array:
    if pa.types.is_dictionary(array.type):
        array = array.cast(array.type.value_type)
    if pa.types.is_floating(array.type):
        return _float_text(array)
    # NOTE: nulls stay null: the encoders read a null cell as blank, exactly like "", and
    # ``fill_null("")`` would build a pyarrow scalar, which imports pandas (~0.4 s).
    return array.cast(pa.string())
