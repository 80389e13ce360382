"""Read an evidence checklist (bukti dukung): CSV (, ; tab or |) or a workbook (.xlsx/.ods).

Long format, one row per (unit, evidence item): unit, evidence id, answer, document reference,
reviewer note. Headers are matched case-, space- and underscore-insensitively, in English or
Bahasa Indonesia (``unit_kerja``/``Unit Kerja``, ``kode_bukti``, ``jawaban``, ``dokumen``,
``catatan``). The template's informational columns (requirement, expected documents, valid
answers) are recognised and skipped. Every cell is kept as text; answers are interpreted by
``scoring.evidence``. Only problems with the file itself raise ``EvidenceError``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from berakhlak_cli.errors import EvidenceError, located
from berakhlak_cli.loaders.files.small_files import require_file
from berakhlak_cli.loaders.files.small_table import read_small_table
from berakhlak_cli.loaders.survey.source import CSV_SUFFIXES, EXCEL_SUFFIXES
from berakhlak_cli.model.evidence import Checklist, ChecklistColumn, EvidenceEntry
from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.personal_data import mask_header, quote_cell
from berakhlak_cli.model.rubric import Rubric

Col = ChecklistColumn

ALIASES: dict[ChecklistColumn, tuple[str, ...]] = {
    Col.UNIT: ("unit", "unit kerja", "nama unit", "unit name", "perangkat daerah", "opd"),
    Col.EVIDENCE_ID: (
        "evidence id",
        "evidence",
        "kode bukti",
        "kode",
        "id bukti",
        "kode butir",
        "butir",
        "item",
    ),
    Col.ANSWER: ("answer", "jawaban", "jawaban unit", "isian", "response"),
    Col.DOCUMENT: (
        "document",
        "documents",
        "dokumen",
        "bukti dukung",
        "berkas",
        "file",
        "document reference",
        "rujukan dokumen",
        "tautan",
    ),
    Col.NOTE: ("note", "notes", "catatan", "reviewer note", "catatan reviewer", "keterangan"),
}
REQUIRED = (Col.UNIT, Col.EVIDENCE_ID, Col.ANSWER)
MAX_BYTES = 64 << 20
"""A checklist has one row per unit and evidence item; 64 MiB holds a national one with long
notes, and stops ``/dev/zero`` or a survey given by mistake before it fills memory."""
CELL_LIMIT = 1 << 20
"""Characters one checklist cell may hold (a reviewer's note can be long; Python's csv stops at
128 KiB by default). docs/input.md."""

# Columns the template writes for people, not for scoring (both languages).
TEMPLATE_INFO = {
    "criterion",
    "kriteria",
    "requirement",
    "persyaratan",
    "expected documents",
    "dokumen diharapkan",
    "valid answers",
    "pilihan jawaban",
}


def header_key(text: str) -> str:
    """Matching form of a header: ``normalize`` with ``_`` and ``-`` read as spaces."""
    return " ".join(normalize(text).replace("_", " ").replace("-", " ").split())


def load_checklist(
    path: Path, rubric: Rubric, *, sheet: str | None = None, encoding: str | None = None
) -> Checklist:
    """Read the checklist at ``path`` or raise ``EvidenceError`` naming file, row and column."""
    source = str(path)
    require_file(path, EvidenceError, "an evidence checklist")
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        rows, warnings = _workbook_rows(path, source, sheet)
    elif suffix in CSV_SUFFIXES or not suffix:
        rows, warnings = _csv_rows(path, source, encoding)
    else:
        raise EvidenceError(f"{source}: unsupported file type {suffix!r}; use .csv or .xlsx")
    return _build(rows, rubric, source, warnings)


def _build(
    rows: list[list[str]], rubric: Rubric, source: str, warnings: Sequence[str]
) -> Checklist:
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        raise EvidenceError(f"{source}: the file is empty")
    header = [h.strip() for h in rows[0]]
    roles = _match_header(header, rubric, source)
    entries: list[EvidenceEntry] = []
    for number, record in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header) and any(c.strip() for c in record[len(header) :]):
            raise EvidenceError(
                located(
                    source,
                    f"expected {len(header)} fields, found {len(record)}; check for a missing "
                    "or extra delimiter or an unbalanced quote",
                    row=number,
                )
            )

        def cell(role: ChecklistColumn, record: list[str] = record) -> str:
            pos = roles.get(role)
            if pos is None or pos >= len(record):
                return ""
            return " ".join(record[pos].split()) if role != Col.NOTE else record[pos].strip()

        entries.append(
            EvidenceEntry(
                row=number,
                unit=cell(Col.UNIT),
                evidence_id=cell(Col.EVIDENCE_ID),
                answer=cell(Col.ANSWER),
                document=cell(Col.DOCUMENT),
                note=cell(Col.NOTE),
            )
        )
    used = set(roles.values())
    ignored = tuple(
        h
        for p, h in enumerate(header)
        if p not in used and h and header_key(h) not in TEMPLATE_INFO
    )
    return Checklist(
        source=source,
        entries=tuple(entries),
        headers={role: header[pos] for role, pos in roles.items()},
        ignored=ignored,
        warnings=tuple(warnings),
    )


def _match_header(header: list[str], rubric: Rubric, source: str) -> dict[ChecklistColumn, int]:
    spec = rubric.columns.unit
    names = dict(ALIASES)
    names[Col.UNIT] = (spec.name, *spec.aliases, *ALIASES[Col.UNIT])
    keys = [header_key(h) for h in header]
    roles: dict[ChecklistColumn, int] = {}
    for role, aliases in names.items():
        wanted = {header_key(a) for a in (role.value, *aliases)}
        hits = [p for p, k in enumerate(keys) if k in wanted]
        if len(hits) > 1:
            cols = ", ".join(f"{mask_header(header[p])!r} (column {p + 1})" for p in hits)
            raise EvidenceError(
                located(source, f"the {role.value} matches more than one column: {cols}", row=1)
            )
        if hits:
            roles[role] = hits[0]
    absent = [r for r in REQUIRED if r not in roles]
    if absent:
        wanted_text = "; ".join(
            f"{r.value} (e.g. {', '.join(repr(a) for a in names[r][:3])})" for r in absent
        )
        # NOTE: a checklist without a header row shows its first entry here.
        found = ", ".join(repr(quote_cell(mask_header(h))) for h in header) or "nothing"
        raise EvidenceError(
            located(source, f"no column for {wanted_text}; the header has {found}", row=1)
        )
    return roles


def _csv_rows(path: Path, source: str, encoding: str | None) -> tuple[list[list[str]], list[str]]:
    from berakhlak_cli.loaders.files.csv_text import field_limit, locate_problem

    table = read_small_table(
        path, MAX_BYTES, EvidenceError, "an evidence checklist", encoding=encoding
    )
    rows: list[list[str]] = []
    try:
        with field_limit(CELL_LIMIT):
            reader = csv.reader(
                io.StringIO(table.text, newline=""), delimiter=table.dialect.delimiter, strict=True
            )
            rows.extend(reader)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            message = (
                f"a cell holds more than {CELL_LIMIT >> 20} MiB of text, the most a checklist "
                "cell may hold"
            )
            raise EvidenceError(located(source, message, row=len(rows) + 1)) from None
        problem = locate_problem(path, table.dialect, source, "cannot be parsed as CSV")
        raise EvidenceError(str(problem)) from None
    return rows, list(table.warnings)


def _workbook_rows(path: Path, source: str, sheet: str | None) -> tuple[list[list[str]], list[str]]:
    from berakhlak_cli.loaders.files.workbook import cell_text, read_sheet

    # NOTE: the template puts the checklist first and its answer lists on a hidden sheet, so
    # a second sheet is expected here and gets no warning.
    raw, _, _ = read_sheet(path, source, sheet, EvidenceError)
    return [[cell_text(c) for c in r] for r in raw], []
