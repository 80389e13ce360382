"""CSV surveys through pyarrow's streaming reader (every cell as text).

Blank lines are kept as (empty) records so that row numbers in issues match what a spreadsheet
shows. Every column is parsed, not only the needed ones, so that an unbalanced quote that
swallowed whole records into one field is detected wherever it opened (``merged_record``).
Columns scoring reads by value (items, grouping columns) are dictionary-encoded while parsing:
they hold a handful of distinct strings. Everything else, including the respondent id (one
distinct value per row), stays plain text: dictionary-encoding a million unique NIPs costs
about a second per million rows for nothing.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from berakhlak_cli.loaders.files.csv_text import locate_merge, locate_problem, sniff

TEXT = pa.dictionary(pa.int32(), pa.string())
COALESCE_ROWS = 100_000
"""Rows per scoring batch. NOTE: per-group sums are summed per batch, then across batches, so
the batch size sets the floating-point summation order: changing it changes the last digits
of raw scores (by about 1e-13), which the results must not."""

SPLIT = 4
"""The file is parsed in blocks of a quarter of the row limit: pyarrow reads dozens of blocks
ahead, so its memory is proportional to the block (1 MiB blocks: ~75 MiB at 1M rows, 256 KiB:
~40 MiB). A longer record makes the file be read again in full-size blocks."""

Reader = Callable[[list[int], frozenset[int]], Iterator[pa.RecordBatch]]


class _LongRecord(Exception):
    """A record did not fit in a small block (read again with full-size blocks)."""


class ReadPosition:
    """Bytes consumed from the file so far (for progress display); 0 before reading starts."""

    def __init__(self) -> None:
        self.handle: BinaryIO | None = None
        self.size = 0
        self.hashed: HashingReader | None = None

    def open(self, handle: BinaryIO) -> None:
        """Follow ``handle`` (reading may run ahead of scoring on another thread)."""
        self.handle = handle
        self.size = os.fstat(handle.fileno()).st_size

    def __call__(self) -> int:
        handle = self.handle
        if handle is None:
            return 0
        # NOTE: a closed handle means the reader got to the end of the file.
        return self.size if handle.closed else handle.tell()


class HashingReader(io.RawIOBase):
    """A file read once, front to back, with its sha256 taken from the bytes as they pass.

    The parser reads the whole survey anyway; hashing the same bytes there saves the second
    full read that recording the input's sha256 in the results would otherwise cost.
    ``hexdigest`` is None until the last byte was read (and after a seek).
    """

    def __init__(self, handle: BinaryIO) -> None:
        super().__init__()
        self._handle = handle
        self._digest: Any = hashlib.sha256()
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        n = self._handle.readinto(view)  # type: ignore[attr-defined]
        if n:
            if self._digest is not None:
                self._digest.update(view[:n])
        else:
            self._done = True
        return int(n or 0)

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        if data:
            if self._digest is not None:
                self._digest.update(data)
        elif size != 0:
            self._done = True
        return data

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self._handle.tell()

    def fileno(self) -> int:
        return self._handle.fileno()

    def close(self) -> None:
        self._handle.close()
        super().close()

    def hexdigest(self) -> str | None:
        """The sha256 of every byte of the file, once the reader got to its end."""
        if not self._done or self._digest is None:
            return None
        return str(self._digest.hexdigest())


def csv_reader(
    path: Path, source: str, encoding: str | None, block_bytes: int, position: ReadPosition
) -> tuple[list[str], Reader, list[str]]:
    """(header, reader, warnings) for a CSV file."""
    dialect = sniff(path, source, encoding)
    names = [f"c{i}" for i in range(len(dialect.header))]

    def read(columns: list[int], plain: frozenset[int] = frozenset()) -> Iterator[pa.RecordBatch]:
        done = 0
        small = block_bytes // SPLIT if block_bytes % SPLIT == 0 else block_bytes
        try:
            for batch in read_blocks(columns, plain, small, done):
                done += batch.num_rows
                yield batch
        except _LongRecord:
            # NOTE: a record longer than a small block: read again in blocks of the full row
            # limit, from the first row not yet handed on (batch ends are the same either way).
            for batch in read_blocks(columns, plain, block_bytes, done):
                yield batch

    def read_blocks(
        columns: list[int], plain: frozenset[int], block: int, skip: int
    ) -> Iterator[pa.RecordBatch]:
        wanted = [names[i] for i in columns]
        types = {
            n: TEXT if i in columns and i not in plain else pa.string() for i, n in enumerate(names)
        }
        # NOTE: blocks of block_bytes / SPLIT end at the same rows as every SPLIT-th block of
        # block_bytes (the reader cuts a block at its last row end); yielding only there keeps
        # every scoring batch, and so the summation order, the same as with full blocks.
        stride = block_bytes // block
        with path.open("rb") as raw:
            handle = HashingReader(raw)
            position.open(raw)
            position.hashed = handle
            try:
                reader = pacsv.open_csv(
                    handle,
                    read_options=pacsv.ReadOptions(
                        column_names=names,
                        # NOTE: skip_rows counts physical lines; a header cell with a line
                        # break (Excel's Alt+Enter) spans two. This skips one parsed record.
                        skip_rows_after_names=1,
                        block_size=block,
                        encoding=dialect.encoding if dialect.encoding != "utf-8" else "utf8",
                    ),
                    parse_options=pacsv.ParseOptions(
                        delimiter=dialect.delimiter,
                        newlines_in_values=True,
                        ignore_empty_lines=False,
                    ),
                    convert_options=pacsv.ConvertOptions(
                        column_types=types,
                        strings_can_be_null=False,
                        quoted_strings_can_be_null=False,
                        null_values=[],
                    ),
                )
                pending: list[pa.RecordBatch] = []
                rows = seen = 0
                for blocks, batch in enumerate(reader, start=1):
                    if has_line_break(batch) and merged_record(batch, dialect.delimiter):
                        raise locate_merge(path, dialect, source)
                    seen += batch.num_rows
                    if seen > skip:
                        pending.append(batch.select(wanted))
                        rows += batch.num_rows
                    if rows >= COALESCE_ROWS and blocks % stride == 0:
                        yield coalesce(pending)
                        pending, rows = [], 0
                if pending:
                    yield coalesce(pending)
            except UnicodeDecodeError:
                # NOTE: only the first MiB was sniffed; a bad byte later surfaces here.
                raise locate_problem(path, dialect, source, "the text cannot be decoded") from None
            except pa.ArrowInvalid as exc:
                # NOTE: pyarrow quotes the offending record after "got N:"; that text may hold a
                # NIP or a name, so it is cut off (the message must carry no personal data).
                first = re.sub(r"(got \d+):.*", r"\1", str(exc).splitlines()[0])
                if "Empty CSV file" in first:
                    return
                if block < block_bytes and "straddl" in first:
                    raise _LongRecord from None
                raise locate_problem(path, dialect, source, first, block_bytes) from None

    return dialect.header, read, list(dialect.warnings)


def coalesce(batches: list[pa.RecordBatch]) -> pa.RecordBatch:
    """One record batch from several, with each dictionary column's dictionaries unified.

    Small blocks keep the reader's memory low; scoring wants fewer, larger batches (its
    per-batch work, such as merging the sorted respondent-id hashes, is linear in what it has
    seen so far).
    """
    if len(batches) == 1:
        return batches[0]
    table = pa.Table.from_batches(batches).unify_dictionaries().combine_chunks()
    return table.to_batches()[0]


def has_line_break(batch: pa.RecordBatch) -> bool:
    """Whether any cell of the batch may hold a line break (no false negatives).

    Nearly every export has none: one byte scan over each column's text buffer (the
    dictionary's for an encoded column) then spares ``merged_record``'s per-cell search. A
    buffer may hold bytes outside the batch's slice; they can only cause a needless exact
    check, never a missed one.
    """
    for column in batch.columns:
        values = column.dictionary if pa.types.is_dictionary(column.type) else column
        data = values.buffers()[-1]
        if data is None or not data.size:
            continue
        raw = np.frombuffer(data, dtype=np.uint8)
        # NOTE: the minimum is one pass with no temporary array; only a buffer holding some
        # control byte (a tab, or a line end) is searched for the line ends themselves.
        if raw.min() <= 13 and ((raw == 10).any() or (raw == 13).any()):
            return True
    return False


def merged_record(batch: pa.RecordBatch, delimiter: str) -> bool:
    """True when a cell holds a line break *and* a whole record's worth of delimiters.

    An unbalanced quote makes the parser read on, across line ends, until the next quote: the
    records in between vanish into one cell. Such a cell spans at least one line end and holds
    the rest of one record plus the start of another, so at least (columns - 1) delimiters; a
    genuine multi-line answer (a Google Forms paragraph) almost never does. A dictionary column
    is checked on its distinct values only; a plain column is scanned in C.
    """
    need = batch.num_columns - 1
    for column in batch.columns:
        values = column.dictionary if pa.types.is_dictionary(column.type) else column
        broken = pc.or_(pc.match_substring(values, "\n"), pc.match_substring(values, "\r"))
        if not pc.any(broken).as_py():
            continue
        counts = pc.count_substring(pc.filter(values, broken), delimiter)
        if pc.max(counts).as_py() >= need:
            return True
    return False
