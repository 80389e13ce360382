"""Check that the documents a checklist refers to exist inside the evidence folder.

A document cell holds one or more references separated by ``;`` or line breaks, each a path
relative to the folder (``biro-hukum/sk-tim-2024.pdf``; ``\\`` is read as ``/``). Web links
(``http://``, ``https://``) are not files and are not checked. A reference that is absolute or
resolves (after ``..`` and symbolic links) to a place outside the folder is rejected as
``document-outside-dir``; one that does not name an existing file is ``document-missing``.
Neither changes the score: they are issues for the reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

from berakhlak_cli.errors import EvidenceError
from berakhlak_cli.model.evidence import Checklist, ChecklistColumn
from berakhlak_cli.model.results import Issue, IssueCode

_SPLIT = re.compile(r"[;\n\r]+")
_LINK = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def references(cell: str) -> Iterator[str]:
    """The document references in one cell (web links excluded)."""
    for part in _SPLIT.split(cell):
        ref = part.strip()
        if ref and not _LINK.match(ref):
            yield ref


def _is_absolute(ref: str) -> bool:
    windows = PureWindowsPath(ref)
    return PurePosixPath(ref).is_absolute() or bool(windows.drive) or windows.is_absolute()


def check_documents(checklist: Checklist, directory: Path) -> list[Issue]:
    """Issues for every reference that escapes ``directory`` or names no file inside it."""
    if not directory.exists():
        raise EvidenceError(f"{directory}: evidence folder not found")
    if not directory.is_dir():
        raise EvidenceError(f"{directory}: is not a folder")
    root = directory.resolve(strict=True)
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
                    f"document {ref!r} is an absolute path; refer to files relative to the "
                    "evidence folder",
                    entry.row,
                    ref,
                    entry.unit,
                )
                continue
            try:
                target = (root / relative).resolve()
            except (OSError, ValueError):
                add(
                    IssueCode.DOCUMENT_MISSING,
                    f"document {ref!r} is not a usable file name",
                    entry.row,
                    ref,
                    entry.unit,
                )
                continue
            if not target.is_relative_to(root):
                add(
                    IssueCode.DOCUMENT_OUTSIDE_DIR,
                    f"document {ref!r} points outside the evidence folder; it was not checked",
                    entry.row,
                    ref,
                    entry.unit,
                )
            elif not target.is_file():
                what = "is a folder, not a file" if target.is_dir() else "does not exist"
                add(
                    IssueCode.DOCUMENT_MISSING,
                    f"document {ref!r} {what} in the evidence folder",
                    entry.row,
                    ref,
                    entry.unit,
                )
    return issues
