"""Size limits a workbook must meet before calamine expands it (docs/input.md, "Workbook limits").

calamine builds a dense grid of the used range in memory and python-calamine copies every cell
into a Python object, so a 2 KB .xlsx with one cell at XFD1048576 asks for 512 GiB, one 8 MiB
shared string shown in a thousand cells becomes 8 GiB, and a 1 KB .ods row repeated a million
times becomes a million rows. ``check_workbook`` reads the zip directory and streams the XML of
the sheets (in bounded chunks, never more than ``CHUNK`` plus one row at a time) to measure
what calamine *would* build, and refuses the file before anything is expanded.

Limits are sized for real analyst workbooks (tens of thousands of rows by about 40 columns use
a small part of them); national files belong in CSV or Parquet, which are streamed.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np

from berakhlak_cli.errors import BerakhlakError

MAX_CELLS = 5_000_000
"""Rows x columns of the used range read (calamine's grid): 125 000 rows x 40 columns."""
MAX_UNCOMPRESSED = 512 << 20
"""Bytes of all zip members together once decompressed (the sheet XML of ~5 M cells)."""
MAX_STRING = 32_767
"""Characters in one cell: Excel's own limit, so a workbook Excel wrote always meets it."""
MAX_TEXT = 128 << 20
"""Characters of shared-string text the cells of a sheet show (each cell gets its own copy);
counted as UTF-8 bytes, an upper bound."""
MAX_BINARY_BYTES = 64 << 20
"""File size of a binary workbook (.xls, .xlsb), whose cells cannot be measured beforehand."""
CHUNK = 1 << 20
MAX_ROW_BYTES = 64 << 20
"""The longest single ``<row>`` element accepted (16 384 cells of 4 KiB each)."""


class WorkbookTooLarge(Exception):
    """Carries the limit that was exceeded, worded for the one-line error."""


@dataclass(frozen=True)
class Grid:
    """What calamine would build for one sheet."""

    rows: int = 0
    columns: int = 0
    cells: int = 0
    text: int = 0


def check_workbook(path: Path, source: str, error: type[BerakhlakError]) -> None:
    """Raise ``error`` ("workbook too large: ...") when ``path`` exceeds a limit.

    Every part calamine could read as a sheet is measured: calamine parses a whole .ods at
    open, and any .xlsx sheet may be the one read. A zip container Python cannot read in full
    (a bad CRC, a member longer than declared, a truncated directory) is refused as damaged:
    calamine reads some of these anyway, so nothing in them has been measured. Files that are
    not zip containers are left to calamine (it reports them).
    """
    try:
        _check(path)
    except WorkbookTooLarge as exc:
        raise error(f"{source}: workbook too large: {exc}; save it as CSV instead") from None
    except DamagedWorkbook as exc:
        raise error(
            f"{source}: cannot open the workbook ({exc}); is it password-protected or damaged?"
        ) from None
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        ValueError,
        KeyError,
        NotImplementedError,
        RuntimeError,
        OSError,
    ) as exc:
        # NOTE: never a pass: calamine has none of these checks (no CRC, no declared sizes).
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise error(
            f"{source}: cannot open the workbook (damaged zip container: {reason}); is it "
            "password-protected or damaged?"
        ) from None


class DamagedWorkbook(Exception):
    """A zip container whose parts cannot all be measured, worded for the one-line error."""


def _check(path: Path) -> None:
    with path.open("rb") as fh:
        head = fh.read(4)
    suffix = path.suffix.lower()
    if not head.startswith(b"PK") or suffix == ".xlsb":
        if path.stat().st_size > MAX_BINARY_BYTES and head[:4] in (
            b"\xd0\xcf\x11\xe0",
            b"PK\x03\x04",
        ):
            raise WorkbookTooLarge(
                f"the binary workbook is {_mib(path.stat().st_size)} MiB "
                f"(limit {MAX_BINARY_BYTES >> 20} MiB)"
            )
        return
    with zipfile.ZipFile(path) as book:
        members = book.infolist()
        total = sum(m.file_size for m in members)
        if total > MAX_UNCOMPRESSED:
            raise WorkbookTooLarge(
                f"its contents unpack to {_mib(total)} MiB (limit {MAX_UNCOMPRESSED >> 20} MiB)"
            )
        # NOTE: calamine looks parts up by name ignoring case (and "\\" for "/"); two names
        # that differ only so would let it read a part other than the one measured.
        by_key: dict[str, str] = {}
        for member in members:
            key = _key(member.filename)
            if key in by_key:
                raise DamagedWorkbook(f"two parts are named {member.filename!r}")
            by_key[key] = member.filename
        # NOTE: both kinds are measured whatever the name says: calamine picks the reader by
        # the file's extension (or tries each), not by which parts are present.
        if "content.xml" in by_key:
            _check_grid(_ods_grid(book, by_key["content.xml"]))
        strings = by_key.get(_SHARED_STRINGS)
        lengths = _shared_strings(book, strings) if strings is not None else None
        for name in sorted(_xlsx_sheets(book, by_key) - {strings}):
            _check_grid(_xlsx_grid(book, name, lengths))


_SHARED_STRINGS = "xl/sharedstrings.xml"
_TARGET = re.compile(rb"\bTarget\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


def _key(name: str) -> str:
    return name.replace("\\", "/").lower()


def _xlsx_sheets(book: zipfile.ZipFile, by_key: dict[str, str]) -> set[str]:
    """Every part calamine could read as a worksheet: any ``.xml`` part, whatever its folder or
    case (ODS's own ``content.xml`` aside), and any part a relationship points to, whatever its
    name; relationship targets are resolved the ways calamine and the standard do."""
    found = {name for key, name in by_key.items() if key.endswith(".xml") and key != "content.xml"}
    for key, name in by_key.items():
        if not key.endswith(".rels"):
            continue
        owner = posixpath.dirname(posixpath.dirname(key))
        with book.open(name) as stream:
            data = stream.read(MAX_ROW_BYTES)
        for match in _TARGET.finditer(data):
            target = (match.group(1) or match.group(2) or b"").decode("utf-8", "replace")
            target = _key(html.unescape(target))
            for candidate in (
                target.lstrip("/"),
                f"xl/{target}",
                posixpath.normpath(posixpath.join(owner, target)),
                posixpath.normpath(posixpath.join("xl", target)),
            ):
                if candidate in by_key:
                    found.add(by_key[candidate])
    return found


def _check_grid(grid: Grid) -> None:
    if grid.rows * grid.columns > MAX_CELLS or grid.cells > MAX_CELLS:
        cells = max(grid.rows * grid.columns, grid.cells)
        raise WorkbookTooLarge(
            f"the used range is {grid.rows} rows x {grid.columns} columns ({cells} cells; "
            f"limit {MAX_CELLS})"
        )
    if grid.text > MAX_TEXT:
        raise WorkbookTooLarge(
            f"its cells hold {grid.text} characters of shared text (limit {MAX_TEXT})"
        )


def _mib(n: int) -> str:
    return f"{n / (1 << 20):.0f}"


def _elements(stream: IO[bytes], end_tag: re.Pattern[bytes]) -> Iterator[bytes]:
    """The stream in pieces that each end just after an ``end_tag`` match (bounded memory)."""
    pending = b""
    while chunk := stream.read(CHUNK):
        pending += chunk
        last = None
        for match in end_tag.finditer(pending):
            last = match
        if last is None:
            if len(pending) > MAX_ROW_BYTES:
                raise WorkbookTooLarge(f"one element holds more than {MAX_ROW_BYTES >> 20} MiB")
            continue
        yield pending[: last.end()]
        pending = pending[last.end() :]
    if pending:
        yield pending


_SI_END = re.compile(rb"</(?:\w+:)?si>|<(?:\w+:)?si\s*/>")
_SI = re.compile(rb"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.DOTALL)
_TAG = re.compile(rb"<[^>]*>")


def _shared_strings(book: zipfile.ZipFile, name: str) -> np.ndarray:
    """Characters (upper bound: UTF-8 bytes of the text) of each shared string, in order."""
    lengths: array[int] = array("q")
    with book.open(name) as stream:
        for piece in _elements(stream, _SI_END):
            for match in _SI.finditer(piece):
                body = _TAG.sub(b"", match.group(1) or b"")
                size = len(body)
                if size > MAX_STRING:
                    size = len(body.decode("utf-8", "replace"))
                    if size > MAX_STRING:
                        raise WorkbookTooLarge(
                            f"shared string {len(lengths) + 1} holds {size} characters "
                            f"(limit {MAX_STRING}, as in Excel)"
                        )
                lengths.append(size)
                if len(lengths) > MAX_CELLS:
                    raise WorkbookTooLarge(f"it holds more than {MAX_CELLS} shared strings")
    return np.frombuffer(lengths, dtype=np.int64) if lengths else np.zeros(0, dtype=np.int64)


_ROW_END = re.compile(rb"</(?:\w+:)?row>|<(?:\w+:)?row\b[^>]*/>")
# NOTE: a self-closing ``<c r="XFD1048576" s="1"/>`` is a formatted empty cell; calamine skips
# it, so only cells with content (a ``<v>``, ``<is>`` or ``<f>`` child) extend the range.
# Excel, LibreOffice and openpyxl write ``<c r="A1" ...>`` (no prefix, r first): that form is
# matched by patterns with a literal start, which re scans for quickly; any other cell in a
# piece sends the piece through the general (slower) patterns.
_FAST_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"[^>]*?(/?)>')
_FAST_SHARED = re.compile(rb't="s"[^>]*?><v>(\d+)</v>')
# NOTE: calamine reads any ``c`` element (any prefix, any whitespace, no attributes at all) and
# parses ``r`` as letters then digits of any length (leading zeros, lower case); a cell without
# ``r`` takes the next column of its row, and a row without ``r`` the next row.
_ODD_CELL = (b"<c>", b"<c/", b"<c\t", b"<c\n", b"<c\r", b":c")
_CELL = re.compile(rb"<(?:\w+:)?c(?=[\s/>])([^>]*?)(/?)>", re.DOTALL)
_REF = re.compile(
    rb"<(?:\w+:)?c\s[^>]*?(?<=\s)r\s*=\s*[\"']([A-Za-z]+)(\d+)[\"'][^>]*?(/?)>", re.DOTALL
)
_SHARED = re.compile(
    rb"<(?:\w+:)?c\s[^>]*?(?<=\s)t\s*=\s*[\"']s[\"'][^>]*(?<!/)>\s*<(?:\w+:)?v>([^<]*)<",
    re.DOTALL,
)
_ROW_REF = re.compile(rb"row\s[^>]*?(?<=\s)r\s*=\s*[\"'][A-Za-z]*(\d+)[\"']", re.DOTALL)
_ROW_SPLIT = re.compile(rb"</(?:\w+:)?row>")


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


def _shared_index(value: bytes, count: int) -> int:
    """The shared string a ``<v>`` names; ``count`` (past the end: the longest) when it is not
    a plain index, so a value calamine may parse differently is never counted as no text."""
    plain = _PLAIN_COUNT.fullmatch(value.strip())
    return int(plain.group(1)) if plain else count


def _xlsx_grid(book: zipfile.ZipFile, name: str, lengths: np.ndarray | None) -> Grid:
    """Used range (to the last cell with content, from A1), cell count and shared text."""
    max_row = max_col = cells = text = 0
    rows_seen = max_row_ref = max_ref_col = 0
    with book.open(name) as stream:
        for piece in _elements(stream, _ROW_END):
            # NOTE: an upper bound (a prefixed row counts twice), used for cells without r.
            rows_seen += piece.count(b"<row") + piece.count(b":row")
            row_refs = _ROW_REF.findall(piece) if b"row" in piece else []
            if row_refs:
                max_row_ref = max(max_row_ref, max(int(r) for r in row_refs))
            tags = piece.count(b"<c ")
            refs = _FAST_REF.findall(piece) if tags else []
            fast = len(refs) == tags and not any(odd in piece for odd in _ODD_CELL)
            if not fast:
                tags = sum(1 for _, closed in _CELL.findall(piece) if not closed)
                refs = _REF.findall(piece)
            filled = [(c, r) for c, r, closed in refs if not closed]
            cells += len(filled) if fast else tags
            if filled:
                max_row = max(max_row, max(int(r) for r in {r for _, r in filled}))
                max_ref_col = max(
                    max_ref_col, max(_column_number(c) for c in {c for c, _ in filled})
                )
                max_col = max(max_col, max_ref_col)
            if not fast and len(refs) < sum(1 for _ in _CELL.finditer(piece)):
                # NOTE: a cell without ``r`` follows the cell before it (in its row) and its
                # row follows the row before it: bounded by the farthest row named so far plus
                # every row seen, and the farthest column plus the most cells in one row.
                widest = max(len(_CELL.findall(row)) for row in _ROW_SPLIT.split(piece))
                max_row = max(max_row, max_row_ref + rows_seen, 1)
                max_col = max(max_col, max_ref_col + widest)
            if lengths is not None and filled:
                if fast and len(found := _FAST_SHARED.findall(piece)) == piece.count(b't="s"'):
                    index = np.array(found, dtype=np.int64)
                else:
                    found = _SHARED.findall(piece)
                    index = np.array(
                        [_shared_index(v, len(lengths)) for v in found], dtype=np.int64
                    )
                if len(index):
                    beyond = int((index >= len(lengths)).sum())
                    index = index[(index >= 0) & (index < len(lengths))]
                    text += int(lengths[index].sum()) + beyond * _longest(lengths)
            if cells > MAX_CELLS or max_row * max_col > MAX_CELLS or text > MAX_TEXT:
                break
    return Grid(max_row, max_col, cells, text)


def _longest(lengths: np.ndarray) -> int:
    return int(lengths.max()) if len(lengths) else 0


_ODS_ROW = re.compile(
    rb"<table:table-row\b([^>]*?)(/?)>|</table:table-row>|<table:table(?=[\s>])[^>]*>", re.DOTALL
)
_ODS_ROW_END = re.compile(rb"</table:table-row>|<table:table-row\b[^>]*/>")
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>", re.DOTALL)
# NOTE: the whole value is captured: calamine parses it with Rust's ``usize`` parser, which
# takes "+1000000" and "0001000000" too; anything else counts as too many (see ``_repeat``).
_ROWS_REPEATED = re.compile(rb"table:number-rows-repeated\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_COLUMNS_REPEATED = re.compile(rb"table:number-columns-repeated\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_PLAIN_COUNT = re.compile(rb"\+?([0-9]+)")
_VALUE_TYPE = re.compile(rb"office:value-type\s*=")


def _ods_grid(book: zipfile.ZipFile, name: str) -> Grid:
    """Rows x columns with content summed over every table (calamine parses them all at open).

    Repeats are multiplied out arithmetically: a row repeated 10^6 times costs one match.
    Trailing empty rows and columns (LibreOffice writes them up to row 1 048 576) are free.
    """
    total = Grid()
    row = last_row = width = cells = 0
    with book.open(name) as stream:
        # NOTE: pieces end at a row's end, so no row is ever split between two pieces.
        for piece in _elements(stream, _ODS_ROW_END):
            for match in _ODS_ROW.finditer(piece):
                text = match.group(0)
                if text.startswith(b"<table:table ") or text == b"<table:table>":
                    total = _add(total, last_row, width, cells)
                    row = last_row = width = cells = 0
                    continue
                if text.startswith(b"</"):
                    continue
                repeat = _repeat(_ROWS_REPEATED, match.group(1))
                body = piece[match.end() : piece.find(b"</table:table-row>", match.end())]
                extent, filled = (0, 0) if match.group(2) else _ods_row(body)
                if extent:
                    last_row = row + repeat
                    width = max(width, extent)
                    cells += filled * repeat
                row += repeat
                if last_row * width > MAX_CELLS or cells > MAX_CELLS:
                    return _add(total, last_row, width, cells)
    return _add(total, last_row, width, cells)


def _ods_row(body: bytes) -> tuple[int, int]:
    """(columns up to the last cell with content, cells with content) of one row."""
    column = extent = filled = 0
    for cell in _ODS_CELL.finditer(body):
        repeat = _repeat(_COLUMNS_REPEATED, cell.group(1))
        column += repeat
        if not cell.group(2) or _VALUE_TYPE.search(cell.group(1)):
            extent = column
            filled += repeat
    return extent, filled


def _repeat(pattern: re.Pattern[bytes], attributes: bytes) -> int:
    """The repeat count of a row or cell; one that is not a plain count (optional "+", ASCII
    digits, as Rust parses it) counts as more than any limit, never as 1."""
    found = pattern.search(attributes)
    if not found:
        return 1
    value = found.group(1) if found.group(1) is not None else found.group(2)
    plain = _PLAIN_COUNT.fullmatch(value)
    if plain is None:
        raise WorkbookTooLarge(
            f"a repeat count is not a plain number ({value[:40].decode('ascii', 'replace')!r})"
        )
    return max(1, int(plain.group(1)))


def _add(total: Grid, rows: int, columns: int, cells: int) -> Grid:
    return Grid(
        max(total.rows, rows),
        max(total.columns, columns),
        total.cells + max(cells, rows * columns),
        total.text,
    )


def check_range(height: int, width: int, source: str, error: type[BerakhlakError]) -> None:
    """Second guard, for binary workbooks: the range calamine built, before Python copies it."""
    try:
        _check_grid(Grid(height, width))
    except WorkbookTooLarge as exc:
        raise error(f"{source}: workbook too large: {exc}; save it as CSV instead") from None
