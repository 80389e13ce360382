"""Reading evidence checklists (CSV, .xlsx) and checking document references."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from berakhlak_cli.errors import EvidenceError
from berakhlak_cli.loaders.evidence.checklist import load_checklist
from berakhlak_cli.loaders.evidence.documents import check_documents
from berakhlak_cli.loaders.rubric.load import load_rubric
from berakhlak_cli.model.evidence import Checklist, ChecklistColumn, EvidenceEntry
from berakhlak_cli.model.results import IssueCode
from berakhlak_cli.model.rubric import Rubric


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric()


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_indonesian_headers_semicolons_and_decimal_comma(tmp_path: Path, rubric: Rubric) -> None:
    path = write(
        tmp_path,
        "bukti.csv",
        "Unit Kerja;Kode Bukti;Jawaban;Dokumen;Catatan\n"
        'Biro  Hukum;ME.1;87,5;hukum/monev.pdf;"  Laporan; lengkap "\n'
        "\n"
        "Biro Hukum;KP.1;Ya;;\n",
    )
    got = load_checklist(path, rubric)
    assert got.entries == (
        EvidenceEntry(2, "Biro Hukum", "ME.1", "87,5", "hukum/monev.pdf", "Laporan; lengkap"),
        EvidenceEntry(4, "Biro Hukum", "KP.1", "Ya", "", ""),
    )
    assert got.header(ChecklistColumn.ANSWER) == "Jawaban"


@pytest.mark.parametrize(
    "header",
    [
        "UNIT,Evidence ID,Answer,Document,Note",
        "unit_kerja,evidence_id,answer,document,note",
        "OPD,kode_bukti,jawaban,berkas,keterangan",
    ],
)
def test_header_aliases(tmp_path: Path, rubric: Rubric, header: str) -> None:
    path = write(tmp_path, "c.csv", f"{header}\nBiro Umum,IN.2,Ada,a.pdf,n\n")
    (entry,) = load_checklist(path, rubric).entries
    assert (entry.unit, entry.evidence_id, entry.answer, entry.document, entry.note) == (
        "Biro Umum",
        "IN.2",
        "Ada",
        "a.pdf",
        "n",
    )


def test_template_columns_are_skipped_and_others_listed(tmp_path: Path, rubric: Rubric) -> None:
    path = write(
        tmp_path,
        "c.csv",
        "unit_kerja,kriteria,kode_bukti,persyaratan,jawaban,petugas\nBiro Umum,KP,KP.1,x,Ya,Ani\n",
    )
    assert load_checklist(path, rubric).ignored == ("petugas",)


def test_cp1252_file_is_read_with_a_warning(tmp_path: Path, rubric: Rubric) -> None:
    path = write(
        tmp_path, "c.csv", "unit,kode,jawaban,catatan\nBiro Umum,KP.1,Ya,caf\xe9\n", "cp1252"
    )
    got = load_checklist(path, rubric)
    assert got.entries[0].note == "caf\xe9"
    assert "cp1252" in got.warnings[0]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("c.csv", "", r"c\.csv: the file is empty"),
        (
            "c.csv",
            "unit_kerja,kode_bukti,dokumen\nBiro Umum,KP.1,a.pdf\n",
            r"c\.csv: row 1: no column for answer \(e\.g\. 'answer', 'jawaban'",
        ),
        (
            "c.csv",
            "unit_kerja,Unit Kerja,kode_bukti,jawaban\n",
            r"row 1: the unit matches more than one column: 'unit_kerja' \(column 1\), "
            r"'Unit Kerja' \(column 2\)",
        ),
        (
            "c.csv",
            "unit_kerja,kode_bukti,jawaban\nBiro Umum,KP.1,Ya\nBiro Umum,KP.2,A,extra\n",
            r"c\.csv: row 3: expected 3 fields, found 4",
        ),
        (
            "c.csv",
            'unit_kerja,kode_bukti,jawaban\nBiro Umum,KP.1,"Ya\nBiro Umum,KP.2,A\n',
            r"row 2 \(line 2\).*never closed",
        ),
        ("c.pdf", "x", r"c\.pdf: unsupported file type '\.pdf'"),
        ("c.xlsx", "unit,kode,jawaban\n", r"c\.xlsx: is not an Excel workbook"),
    ],
)
def test_file_problems_name_file_row_and_column(
    tmp_path: Path, rubric: Rubric, name: str, text: str, message: str
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(EvidenceError, match=message):
        load_checklist(path, rubric)


def test_missing_file(tmp_path: Path, rubric: Rubric) -> None:
    with pytest.raises(EvidenceError, match="file not found"):
        load_checklist(tmp_path / "nope.csv", rubric)


def test_xlsx_cells_become_text(tmp_path: Path, rubric: Rubric) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Unit Kerja", "Kode Bukti", "Jawaban", "Dokumen"])
    sheet.append(["Biro Hukum", "ME.1", 70, "hukum/monev.pdf"])
    sheet.append(["Biro Hukum", "KP.2", "A", None])
    sheet.append([None, None, None, None])
    sheet.append(["Biro Umum", "ME.1", 87.5, None])
    path = tmp_path / "bukti.xlsx"
    book.save(path)
    got = load_checklist(path, rubric)
    assert [(e.row, e.unit, e.evidence_id, e.answer) for e in got.entries] == [
        (2, "Biro Hukum", "ME.1", "70"),
        (3, "Biro Hukum", "KP.2", "A"),
        (5, "Biro Umum", "ME.1", "87.5"),
    ]


# -- --evidence-dir ------------------------------------------------------------------------------


def documents(*cells: str) -> Checklist:
    entries = tuple(EvidenceEntry(n, "Biro Hukum", "KP.1", "Ya", c) for n, c in enumerate(cells, 2))
    return Checklist("c.csv", entries, {ChecklistColumn.DOCUMENT: "Dokumen"})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "bukti"
    (root / "sub").mkdir(parents=True)
    (root / "a.pdf").write_bytes(b"%PDF")
    (root / "sub" / "b.pdf").write_bytes(b"%PDF")
    (tmp_path / "secret.pdf").write_bytes(b"%PDF")
    os.symlink(tmp_path / "secret.pdf", root / "link.pdf")
    os.symlink(root / "a.pdf", root / "inside-link.pdf")
    return root


def test_documents_inside_the_folder_pass(folder: Path) -> None:
    checklist = documents(
        "a.pdf",
        "sub/b.pdf",
        "sub\\b.pdf",
        "sub/../a.pdf",
        "inside-link.pdf",
        "a.pdf; sub/b.pdf",
        "https://jdih.kalteng.go.id/sk-2024",
        "",
    )
    assert check_documents(checklist, folder) == []


def test_escaping_references_are_rejected_and_missing_files_listed(folder: Path) -> None:
    checklist = documents(
        "../secret.pdf",  # row 2
        "sub/../../secret.pdf",  # row 3
        str(folder.parent / "secret.pdf"),  # row 4: absolute
        "C:\\bukti\\a.pdf",  # row 5: Windows absolute
        "link.pdf",  # row 6: symlink to a file outside
        "missing.pdf",  # row 7
        "sub",  # row 8: a folder
        "a.pdf;\nnope.pdf",  # row 9: the second of two is missing
    )
    got = [(i.code, i.row, i.column, i.value) for i in check_documents(checklist, folder)]
    outside, missing = IssueCode.DOCUMENT_OUTSIDE_DIR, IssueCode.DOCUMENT_MISSING
    assert got == [
        (outside, 2, "Dokumen", "../secret.pdf"),
        (outside, 3, "Dokumen", "sub/../../secret.pdf"),
        (outside, 4, "Dokumen", str(folder.parent / "secret.pdf")),
        (outside, 5, "Dokumen", "C:\\bukti\\a.pdf"),
        (outside, 6, "Dokumen", "link.pdf"),
        (missing, 7, "Dokumen", "missing.pdf"),
        (missing, 8, "Dokumen", "sub"),
        (missing, 9, "Dokumen", "nope.pdf"),
    ]


def test_evidence_dir_must_be_a_folder(tmp_path: Path) -> None:
    with pytest.raises(EvidenceError, match="evidence folder not found"):
        check_documents(documents("a.pdf"), tmp_path / "nope")
    (tmp_path / "f").write_text("x")
    with pytest.raises(EvidenceError, match="is not a folder"):
        check_documents(documents("a.pdf"), tmp_path / "f")


def test_rubric_evidence_institution_setting() -> None:
    from berakhlak_cli.model.rubric import EvidenceInstitution
    from tests.test_evidence_scoring import evidence_rubric

    assert load_rubric().evaluation is not None
    assert load_rubric().evaluation.institution == EvidenceInstitution.MEAN_OF_UNITS  # type: ignore[union-attr]
    weighted = evidence_rubric(institution="respondent_weighted").evaluation
    assert weighted is not None and weighted.institution == EvidenceInstitution.RESPONDENT_WEIGHTED
