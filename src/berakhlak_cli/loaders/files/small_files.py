"""Read small input files whole, but never more than a stated number of bytes or cell size.

Units files, units maps, evidence checklists, results files and rubrics are small by nature,
so each is read into memory; a path that streams without end (``/dev/zero``, a pipe, a survey
passed by mistake) must not exhaust memory first. ``read_bounded`` reads at most ``limit + 1``
bytes and refuses the file when the extra byte is there, before anything is parsed.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
from pathlib import Path

from berakhlak_cli.errors import BerakhlakError
from berakhlak_cli.model.personal_data import mask_personal


def size_text(limit: int) -> str:
    """``16 MiB`` for whole mebibytes, else the byte count (``1,000,000 bytes``)."""
    return f"{limit >> 20} MiB" if limit % (1 << 20) == 0 else f"{limit:,} bytes"


def read_bounded(path: Path, limit: int, error: type[BerakhlakError], kind: str) -> bytes:
    """The bytes of ``path`` (at most ``limit``) or ``error`` naming the file and the reason.

    ``kind`` names what the file should be (``a units file``), for the messages.
    """
    source = str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise error(f"{source}: file not found") from None
    except IsADirectoryError:
        raise error(f"{source}: is a directory, not {kind}") from None
    except OSError as exc:
        raise error(f"{source}: cannot read the file ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise error(f"{source}: larger than {size_text(limit)}; is this {kind}?")
    return data


def csv_rows(
    text: str,
    delimiter: str,
    source: str,
    error: type[BerakhlakError],
    kind: str,
    *,
    strict: bool = False,
) -> list[list[str]]:
    """Every record of a small CSV text; a malformed one is ``error`` naming its row and line.

    NOTE: Python's ``csv`` keeps its default limit of 128 KiB per cell here: a units name, a
    headcount or a published figure that long is not one, and the limit is what stops it.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    rows: list[list[str]] = []
    try:
        for record in reader:
            rows.append(record)
    except csv.Error as exc:
        where = f"{source}: row {len(rows) + 1} (line {reader.line_num})"
        if "field limit" in str(exc):
            raise error(
                f"{where}: a cell holds more than {csv.field_size_limit() >> 10} KiB of text; "
                f"is this {kind}?"
            ) from None
        raise error(f"{where}: {exc}; check for an unbalanced quote") from None
    return rows


def shown(cell: str, width: int = 60) -> str:
    """A cell as quoted in a one-line message: personal data masked (``mask_personal``), its
    ``repr``, cut to ``width`` characters."""
    text = repr(mask_personal(cell))
    return text if len(text) <= width else text[: width - 2] + "…" + text[-1]


def path_kind(path: Path, error: type[BerakhlakError]) -> str:
    """``file``, ``folder`` or ``missing``; a path the system cannot look up (a name too long,
    a folder without permission on the way) is ``error`` naming it."""
    # NOTE: ``os.stat``, not ``Path.exists``: exists() reads a loop of symbolic links or a
    # name too long as "missing" or raises, depending on the error and the Python version.
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise error(f"{path}: cannot open (a loop of symbolic links)") from None
        if exc.errno == errno.ENOTDIR:
            return "missing"
        raise error(f"{path}: cannot open ({exc.strerror or exc})") from None
    return "folder" if stat.S_ISDIR(mode) else "file"


def require_file(path: Path, error: type[BerakhlakError], kind: str) -> None:
    """Refuse a missing ``path`` or a folder with ``error``, in ``read_bounded``'s words
    (``kind`` names what the file should be: ``a survey file``)."""
    found = path_kind(path, error)
    if found == "missing":
        raise error(f"{path}: file not found")
    if found == "folder":
        raise error(f"{path}: is a directory, not {kind}")
