"""Build Google-Forms-like survey exports with fake people (no real data is ever committed).

Two layouts a real BerAKHLAK form produces:

- ``prefix``: one question per behaviour, headed ``Pegawai di unit saya: <behaviour label>``;
- ``grid``: one numbered grid question per value, headed ``<n>. <question> [<behaviour label>]``
  as Forms writes grid rows, plus a free-text question.

Both carry the columns Forms and a personnel form add: timestamp, e-mail, NIP, name, unit.
Answers are chosen so the scores are easy to compute by hand: every BP answer is 5
(Sangat Setuju, BP = 100) and every other answer is 3 (Netral, 50) for even respondents and
4 (Setuju, 75) for odd ones, 3 of each in every unit, so each of the six other values scores
62.5 in both units and the index is
(100 + 6 * 62.5) / 7 = 67.857... -> 67.9. Answers are written as a respondent's form might:
``SS``, ``5 - Sangat Setuju``, ``sangat setuju `` (odd case, trailing space), ``4 (Setuju)``.

``python tests/forms_exports.py DIR`` writes the four files (CSV and XLSX of both layouts).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

BEHAVIOURS = {
    "Berorientasi Pelayanan": [
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti",
    ],
    "Akuntabel": [
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas "
        "tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan "
        "efisien",
        "Tidak menyalahgunakan kewenangan jabatan",
    ],
    "Kompeten": [
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik",
    ],
    "Harmonis": [
        "Menghargai setiap orang apapun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif",
    ],
    "Loyal": [
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun "
        "1945, setia kepada NKRI serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
        "Menjaga rahasia jabatan dan negara",
    ],
    "Adaptif": [
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif",
    ],
    "Kolaboratif": [
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
    ],
}
LABELS = [label for labels in BEHAVIOURS.values() for label in labels]
PREFIX = "Pegawai di unit saya: "
PEOPLE = [
    ("199001012015011001", "Sri Wahyuni"),
    ("199002022015021002", "Andi Pratama"),
    ("199003032015031003", "Lestari Handayani"),
    ("199004042015041004", "Bayu Saputra"),
    ("199005052015051005", "Fitri Ramadhani"),
    ("199006062015061006", "Dedi Kurniawan"),
    ("199007072015071007", "Wulan Sari"),
    ("199008082015081008", "Eko Prasetyo"),
    ("199009092015091009", "Ratna Dewi"),
    ("199010102015101010", "Galih Permana"),
    ("199011112015111011", "Intan Permatasari"),
    ("199012122015121012", "Yoga Aditya"),
]
UNITS = ("Biro Hukum", "Biro Umum")
FIVE = ["SS", "5 - Sangat Setuju", "sangat setuju ", "Sangat Setuju", "5 (Sangat Setuju)"]
FOUR = ["Setuju", "4 (Setuju)", "setuju", "4 - Setuju"]
THREE = ["Netral", "3 - Netral", "netral "]
PLAIN = {5: "Sangat Setuju", 4: "Setuju", 3: "Netral"}
INDEX = (100 + 6 * 62.5) / 7
"""The index every unit and the institution scores (hand-computed, see the module docstring)."""


def email(name: str) -> str:
    """A fake address on a reserved domain."""
    return name.lower().replace(" ", ".") + "@contoh.invalid"


def point(r: int, j: int) -> int:
    """Respondent r's answer to item j (0-based, rubric order)."""
    return 5 if j < 3 else 3 + r % 2


def answer(r: int, j: int, varied: bool) -> str:
    """The answer text: varied spellings (prefix layout) or the grid's exact column labels."""
    p = point(r, j)
    if not varied:
        return PLAIN[p]
    words = {5: FIVE, 4: FOUR, 3: THREE}[p]
    return words[(r + j) % len(words)]


def prefix_export() -> list[list[str]]:
    """Header + rows of the ``<prefix>: <behaviour label>`` layout."""
    header = ["Timestamp", "Email Address", "NIP", "Nama", "Unit Kerja", "Jenis ASN"]
    header += [PREFIX + label for label in LABELS]
    rows = [header]
    for r, (nip, name) in enumerate(PEOPLE):
        stamp = f"2025/08/1{r % 10} 9:{10 + r}:00 AM GMT+7"
        person = [stamp, email(name), nip, name, UNITS[r // 6], ("PNS", "PPPK")[r % 2]]
        rows.append(person + [answer(r, j, True) for j in range(len(LABELS))])
    return rows


def grid_export() -> list[list[str]]:
    """Header + rows of the numbered grid layout ``<n>. <question> [<label>]`` + free text."""
    header = ["Cap waktu", "Alamat email", "NIP", "Nama Lengkap", "Unit Kerja"]
    for n, (value, labels) in enumerate(BEHAVIOURS.items(), start=1):
        question = f"{n}. Nilai {value}: seberapa setuju Anda bahwa pegawai di unit Anda"
        header += [f"{question} [{label}]" for label in labels]
    header.append("8. Saran dan masukan untuk unit kerja Anda")
    rows = [header]
    for r, (nip, name) in enumerate(PEOPLE):
        stamp = f"14/08/2025 09.{10 + r}.00"
        person = [stamp, email(name), nip, name, UNITS[r // 6]]
        remark = f"Terima kasih, salam {name.split()[0]}" if r % 3 == 0 else ""
        rows.append(person + [answer(r, j, False) for j in range(len(LABELS))] + [remark])
    return rows


def csv_bytes(rows: list[list[str]]) -> bytes:
    """CSV as Google Sheets downloads it (comma, quoted where needed, UTF-8)."""
    import csv

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    """A workbook whose first sheet is ``Petunjuk`` (instructions) and second the answers."""
    from openpyxl import Workbook

    book = Workbook()
    info = book.active
    info.title = "Petunjuk"
    info.append(["Petunjuk pengisian"])
    info.append(["Isi semua pertanyaan sesuai keadaan di unit kerja Anda."])
    answers = book.create_sheet("Jawaban Formulir 1")
    for row in rows:
        answers.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_all(folder: Path) -> dict[str, Path]:
    """Write forms-prefix.csv/.xlsx and forms-grid.csv/.xlsx into ``folder``."""
    written = {}
    for name, rows in (("forms-prefix", prefix_export()), ("forms-grid", grid_export())):
        for suffix, data in ((".csv", csv_bytes(rows)), (".xlsx", xlsx_bytes(rows))):
            path = folder / f"{name}{suffix}"
            path.write_bytes(data)
            written[path.name] = path
    return written


if __name__ == "__main__":
    write_all(Path(sys.argv[1]))
