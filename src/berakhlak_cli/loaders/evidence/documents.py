"""Check that the documents a checklist refers to exist inside the evidence folder.

A document cell holds one or more references separated by ``;`` or line breaks, each a path
relative to the folder (``biro-hukum/sk-tim-2024.pdf``; ``\\`` is read as ``/``). Web links
(``http://``, ``https://``) are not files and are not checked; a ``file:`` link is an absolute
path. A reference that is absolute or resolves (after ``..`` and symbolic links) to a place
outside the folder is rejected as ``document-outside-dir``; one that does not name an existing
file is ``document-missing``.
Neither changes the score: they are issues for the reviewer. A reference that cannot be looked
up at all (a loop of symbolic links, a path too long for the system, a folder without read
permission) is ``document-missing`` too, with the reason.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

from berakhlak_cli.errors import EvidenceError
from berakhlak_cli.loaders.files.small_files import path_kind, shown
from berakhlak_cli.model.evidence import Checklist, ChecklistColumn
from berakhlak_cli.model.results import Issue, IssueCode

_SPLIT = re.compile(r"[;\n\r]+")
_LINK = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_FILE_URI = re.compile(r"^file:", re.IGNORECASE)
"""``file:///C:/bukti/sk.pdf`` names a file on someone's disk, not a web page: it is checked
(and, being absolute, is ``document-outside-dir``)."""


def references(cell: str) -> Iterator[str]:
    """The document references in one cell (web links excluded)."""
    for part in _SPLIT.split(cell):
        ref = part.strip()
        if ref and (_FILE_URI.match(ref) or not _LINK.match(ref)):
            yield ref


def _is_absolute(ref: str) -> bool:
    if _FILE_URI.match(ref):
        return True
    windows = PureWindowsPath(ref)
    return PurePosixPath(ref).is_absolute() or bool(windows.drive) or windows.is_absolute()


def _absolute_kind(ref: str) -> str:
    return "a file: link (a place on one computer)" if _FILE_URI.match(ref) else "an absolute path"


def check_documents(checklist: Checklist, directory: Path) -> list[Issue]:
    """Issues for every reference that escapes ``directory`` or names no file inside it."""
    kind = path_kind(directory, EvidenceError)
    if kind == "missing":
        raise EvidenceError(f"{directory}: evidence folder not found")
    if kind != "folder":
        raise EvidenceError(f"{directory}: is not a folder")
    try:
        root = directory.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        raise EvidenceError(
            f"{directory}: cannot open the evidence folder ({_reason(exc)})"
        ) from None
    column = checklist.header(ChecklistColumn.DOCUMENT)
    issues: list[Issue] = []

    def add(code: IssueCode, message: str, row: int, ref: str, unit: str) -> None:
        issues.append(
            Issue(code, message, row=row, column=column, value=ref, group=unit, source="evidence")
        )

    for entry in checklist.entries:
        for ref in references(entry.document):
            relative = ref.replace("\\", "/")
            if _is_absolute(ref):
                add(
                    IssueCode.DOCUMENT_OUTSIDE_DIR,
                    f"document {ref!r} is {_absolute_kind(ref)}; refer to files relative to "
                    "the evidence folder",
                    entry.row,
                    ref,
                    entry.unit,
                )
                continue
            try:
                target = (root / relative).resolve()
                outside = not target.is_relative_to(root)
                is_file = not outside and target.is_file()
                is_dir = not outside and not is_file and target.is_dir()
            except ValueError:
                add(
                    IssueCode.DOCUMENT_MISSING,
                    f"document {ref!r} is not a usable file name",
                    entry.row,
                    ref,
                    entry.unit,
                )
                continue
            except (OSError, RuntimeError) as exc:
                add(
                    IssueCode.DOCUMENT_MISSING,
                    f"document {shown(ref)} cannot be checked ({_reason(exc)})",
                    entry.row,
                    ref,
                    entry.unit,
                )
                continue
            if outside:
                add(
                    IssueCode.DOCUMENT_OUTSIDE_DIR,
                    f"document {ref!r} points outside the evidence folder; it was not checked",
                    entry.row,
                    ref,
                    entry.unit,
                )
            elif not is_file:
                what = "is a folder, not a file" if is_dir else "does not exist"
                add(
                    IssueCode.DOCUMENT_MISSING,
                    f"document {ref!r} {what} in the evidence folder",
                    entry.row,
                    ref,
                    entry.unit,
                )
    return issues


def _reason(exc: OSError | RuntimeError) -> str:
    """Why a reference could not be looked up, in words (Python 3.11 raises RuntimeError for a
    symbolic-link loop in ``resolve``; later versions an ``OSError`` with ELOOP)."""
    if isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP:
        return "a loop of symbolic links"
    if exc.errno == errno.ENAMETOOLONG:
        return "the path is too long for this system"
    if exc.errno == errno.EACCES:
        return "permission denied on a folder in its path"
    return exc.strerror or type(exc).__name__
