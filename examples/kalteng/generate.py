"""Generate the SYNTHETIC Kalimantan Tengah example data set.

Writes, into ``--out`` (default: this file's directory):

- ``units.csv``                 headcount per biro of the Sekretariat Daerah (synthetic);
- ``survei-2024.csv``           a Google-Forms-like survey export (synthetic respondents);
- ``bukti-dukung-2024.csv``     the evidence checklist, long format (synthetic);
- ``survei-2022.csv``           a values-selection survey for 2022 (synthetic, ``survey_2022.py``);
- ``bukti/<biro>/<file>.pdf``   tiny placeholder documents, one deliberately absent;
- ``hasil-2022-published.yaml`` and ``hasil-2024-published.yaml``: figures Pemprov Kalteng
  actually published (real, with sources; nothing in them is generated).

Survey answers follow an additive latent model on the 1-5 Likert scale,
``y = MU + person + unit + value + item + noise`` (jenis ASN and jabatan add a small shift),
rounded and clipped to 1..5. Value effects make Adaptif the weakest and Akuntabel the strongest
value, the national pattern of the 2022 Survei Indeks BerAKHLAK (national Adaptif 38.9,
Akuntabel 74.1). ``MU`` is tuned so the person-first institution index is near 76, the level
Kalteng reported for 2024 (76.3); none of the rows describe real people.

Deterministic: one seeded ``numpy.random.Generator``, no clock, no environment; running the
script twice gives byte-identical files (tests/test_examples_generator.py checks this).
Stdlib + numpy only, so it runs without the package installed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from survey_2022 import selection_rows


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SEED = 20240715

VALUE_CODES = ("bp", "ak", "ko", "ha", "lo", "ad", "kl")
ITEMS = tuple(f"{code}{k}" for code in VALUE_CODES for k in (1, 2, 3))
LABELS = ("Sangat Tidak Setuju", "Tidak Setuju", "Netral", "Setuju", "Sangat Setuju")
HEADER = ("Timestamp", "nip", "nama", "unit_kerja", "jenis_asn", "jabatan", *ITEMS)

# Latent shifts in Likert points (1 point = 25 index points).
MU = 4.03
PERSON_SD = 0.40
NOISE_SD = 0.60
ITEM_SD = 0.05
VALUE_EFFECT = {
    "bp": 0.00,
    "ak": 0.22,
    "ko": -0.05,
    "ha": 0.12,
    "lo": 0.10,
    "ad": -0.30,
    "kl": 0.05,
}
JENIS_EFFECT = {"PNS": 0.0, "PPPK": 0.0, "CPNS": 0.10}
JABATAN_EFFECT = {"Struktural": 0.10, "Fungsional": 0.0, "Pelaksana": -0.05}

NUMERIC_ROW_SHARE = 0.10  # rows from a second export that kept the 1-5 codes
BLANK_CELL_SHARE = 0.02
LEADING_ZERO_NIPS = 6


@dataclass(frozen=True)
class Biro:
    """One biro: its name, folder slug, headcount, survey rows and latent unit effect."""

    name: str
    slug: str
    headcount: int
    rows: int
    effect: float


# rows = survey rows submitted, including the duplicate submission. Response rates are set
# so that every biro meets the Slovin minimum (e = 0.05) except the two planted ones:
# Biro Pengadaan Barang dan Jasa (4 rows, anonymity suppression) and Biro Umum (96 of 140,
# Slovin minimum 104).
BIROS = (
    Biro("Biro Pemerintahan dan Otonomi Daerah", "biro-pemerintahan-otda", 76, 68, 0.05),
    Biro("Biro Hukum", "biro-hukum", 48, 46, 0.10),
    Biro("Biro Kesejahteraan Rakyat", "biro-kesra", 68, 63, 0.00),
    Biro("Biro Perekonomian", "biro-perekonomian", 62, 57, -0.05),
    Biro("Biro Administrasi Pembangunan", "biro-adpem", 70, 64, 0.05),
    Biro("Biro Pengadaan Barang dan Jasa", "biro-pbj", 36, 4, -0.10),
    Biro("Biro Organisasi", "biro-organisasi", 52, 50, 0.20),
    Biro("Biro Umum", "biro-umum", 140, 96, -0.20),
    Biro("Biro Administrasi Pimpinan", "biro-adpim", 96, 82, 0.10),
)
BIRO_BY_NAME = {b.name: b for b in BIROS}

# Where the planted survey cases go (biro names; "" is the row with no unit_kerja).
DUPLICATE_IN = "Biro Pemerintahan dan Otonomi Daerah"
BLANK_IN = ("Biro Kesejahteraan Rakyat", "Biro Administrasi Pimpinan")
STRAIGHT_LINER_IN = "Biro Administrasi Pimpinan"
TYPO_IN = "Biro Hukum"

MALE_FIRST = _words(
    "Ahmad Agus Budi Dedi Eko Fajar Hendra Irwan Joko Rudi Yohanes Markus Andreas Rahmat "
    "Syahrul Muhammad Arief Darmawan Yusuf Fransiskus Petrus Stevanus Rizky Hadi Bambang "
    "Wahyu Adi Dimas Gusti Nanang Imam Heri Slamet Kristian Roby Samuel Yosua Ferry Ilham "
    "Aldi Rendy Bayu Yudi Taufik Anang Herman Daniel Robert"
)
FEMALE_FIRST = _words(
    "Siti Sri Dewi Rina Nurul Fitri Maria Yuliana Natalia Kristina Noor Norhayati Mariana Evi "
    "Lina Wulan Ayu Intan Putri Ratna Indah Novita Desy Agustina Herlina Yunita Veronika "
    "Elisabeth Anisa Diah Erna Winda Selvi Ester Rosa Maya Santi Lusiana Mega Yanti Hanna "
    "Rahma Okta"
)
MALE_LAST = _words(
    "Santoso Pratama Wijaya Saputra Hidayat Kurniawan Setiawan Nugroho Rahman Hakim Syahputra "
    "Siregar Simanjuntak Nainggolan Lubis Tarigan Rahmadi Fahriansyah Aprianto Hamdani "
    "Mahyudin Rusdiansyah Gazali Mardiansyah Hermawan Firmansyah Gunawan Susanto Effendi "
    "Supriadi Ramadhan Hutapea"
)
FEMALE_LAST = _words(
    "Rahmawati Wulandari Handayani Lestari Susanti Oktaviani Saputri Hasanah Pertiwi "
    "Anggraini Fitriani Maulida Rahmah Novianti Safitri Ningsih Yulianti Kusumawati "
    "Purnamasari Marlina Siregar Simanjuntak Hutapea Lubis Noviyanti Herawati"
)

SURVEY_DAYS = tuple(
    dt.date(2024, 7, 8) + dt.timedelta(days=d) for d in range(12) if d % 7 < 5
)  # 8-19 July 2024, weekdays only
DAY_WEIGHTS = (0.20, 0.15, 0.12, 0.10, 0.08, 0.07, 0.06, 0.06, 0.07, 0.09)


@dataclass
class Respondent:
    """One survey row before formatting; ``answers`` holds 1-5 or 0 for a blank cell."""

    nip: str
    nama: str
    unit: str
    jenis: str
    jabatan: str
    latent: float
    when: dt.datetime
    answers: list[int] = field(default_factory=list)
    numeric: bool = False
    typo_item: int | None = None
    planted: str = ""


def _nip(rng: np.random.Generator, jenis: str, gender: int, leading_zero: bool) -> str:
    """An 18-digit NIP shaped like the real ones: birth yyyymmdd, TMT yyyymm, sex, sequence.

    NOTE: real NIPs start with the birth year, so never with 0. ``leading_zero`` rows replace
    the first digit on purpose: they exist only to prove that loaders keep NIP as text.
    """
    if jenis == "CPNS":
        birth_year, tmt = int(rng.integers(1994, 2001)), (2024, int(rng.integers(1, 7)))
    elif jenis == "PPPK":
        birth_year = int(rng.integers(1978, 1996))
        tmt = (int(rng.integers(2022, 2025)), int(rng.integers(1, 13)))
    else:
        birth_year = int(rng.integers(1966, 1998))
        tmt = (int(rng.integers(max(birth_year + 22, 1990), 2022)), int(rng.integers(1, 13)))
    birth = f"{birth_year}{int(rng.integers(1, 13)):02d}{int(rng.integers(1, 29)):02d}"
    nip = f"{birth}{tmt[0]}{tmt[1]:02d}{gender}{int(rng.integers(1, 1000)):03d}"
    return "0" + nip[1:] if leading_zero else nip


def _name(rng: np.random.Generator, gender: int) -> str:
    first, last = (MALE_FIRST, MALE_LAST) if gender == 1 else (FEMALE_FIRST, FEMALE_LAST)
    return f"{first[int(rng.integers(len(first)))]} {last[int(rng.integers(len(last)))]}"


def _when(rng: np.random.Generator) -> dt.datetime:
    day = SURVEY_DAYS[int(rng.choice(len(SURVEY_DAYS), p=DAY_WEIGHTS))]
    if rng.random() < 0.9:  # office hours, with a few evening submissions
        seconds = int(rng.integers(7 * 3600 + 30 * 60, 16 * 3600 + 30 * 60))
    else:
        seconds = int(rng.integers(19 * 3600, 22 * 3600))
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=seconds)


def _draw_answers(rng: np.random.Generator, latent: float, item_shift: np.ndarray) -> list[int]:
    y = latent + item_shift + rng.normal(0.0, NOISE_SD, len(ITEMS))
    return [int(v) for v in np.clip(np.rint(y), 1, 5)]


def _people(rng: np.random.Generator, item_shift: np.ndarray) -> list[Respondent]:
    """Draw every respondent, including the one whose unit_kerja is empty."""
    seen_nip: set[str] = set()
    seen_name: set[str] = set()
    units = [b.name for b in BIROS for _ in range(b.rows - (b.name == DUPLICATE_IN))] + [""]
    zero_rows = set(rng.choice(len(units), LEADING_ZERO_NIPS, replace=False).tolist())
    people = []
    for i, unit in enumerate(units):
        jenis = str(rng.choice(["PNS", "PPPK", "CPNS"], p=[0.75, 0.20, 0.05]))
        jabatan_p = [0.18, 0.32, 0.50] if jenis == "PNS" else [0.0, 0.45, 0.55]
        jabatan = str(rng.choice(["Struktural", "Fungsional", "Pelaksana"], p=jabatan_p))
        gender = int(rng.integers(1, 3))
        nip, nama = _nip(rng, jenis, gender, i in zero_rows), _name(rng, gender)
        while nip in seen_nip:
            nip = _nip(rng, jenis, gender, i in zero_rows)
        while nama in seen_name:
            nama = _name(rng, gender)
        seen_nip.add(nip)
        seen_name.add(nama)
        unit_effect = BIRO_BY_NAME[unit].effect if unit else 0.0
        latent = (
            MU
            + rng.normal(0.0, PERSON_SD)
            + unit_effect
            + JENIS_EFFECT[jenis]
            + JABATAN_EFFECT[jabatan]
        )
        person = Respondent(nip, nama, unit, jenis, jabatan, latent, _when(rng))
        person.answers = _draw_answers(rng, latent, item_shift)
        people.append(person)
    return people


def _pick(rng: np.random.Generator, people: Sequence[Respondent], unit: str) -> Respondent:
    pool = [p for p in people if p.unit == unit and not p.planted]
    return pool[int(rng.integers(len(pool)))]


def _plant(rng: np.random.Generator, people: list[Respondent], item_shift: np.ndarray) -> None:
    """Mark the data issues the README lists, each exactly once."""
    next(p for p in people if p.unit == "").planted = "empty-unit"
    original = _pick(rng, people, DUPLICATE_IN)
    original.planted = "duplicate-first"
    again = Respondent(
        original.nip,
        original.nama,
        original.unit,
        original.jenis,
        original.jabatan,
        original.latent,
        original.when + dt.timedelta(minutes=int(rng.integers(25, 180))),
        planted="duplicate-second",
    )
    again.answers = _draw_answers(rng, original.latent, item_shift)
    people.append(again)
    for unit in BLANK_IN:
        blank = _pick(rng, people, unit)
        blank.planted, blank.answers = "blank", [0] * len(ITEMS)
    liner = _pick(rng, people, STRAIGHT_LINER_IN)
    liner.planted, liner.answers = "straight-liner", [5] * len(ITEMS)
    typo = _pick(rng, people, TYPO_IN)
    typo.planted = "typo"
    fours = [j for j, a in enumerate(typo.answers) if a == 4]
    typo.typo_item = fours[int(rng.integers(len(fours)))]


def _roughen(rng: np.random.Generator, people: list[Respondent]) -> None:
    """Blank ~2% of cells, switch ~10% of rows to numeric codes, keep planted cases unique."""
    for p in people:
        if p.planted in ("blank", "straight-liner"):
            continue
        p.numeric = p.planted != "typo" and rng.random() < NUMERIC_ROW_SHARE
        for j in range(len(ITEMS)):
            if j != p.typo_item and rng.random() < BLANK_CELL_SHARE:
                p.answers[j] = 0
        answered = [j for j, a in enumerate(p.answers) if a]
        if not answered:
            p.answers[0] = 4
        elif len({p.answers[j] for j in answered}) == 1:
            # NOTE: only the planted straight-liner may answer every item alike.
            j = next(j for j in answered if j != p.typo_item)
            p.answers[j] = 4 if p.answers[j] == 5 else p.answers[j] + 1


def _stamp(when: dt.datetime) -> str:
    hour = when.hour % 12 or 12
    half = "AM" if when.hour < 12 else "PM"
    return f"{when:%Y/%m/%d} {hour}:{when:%M:%S} {half} GMT+7"


def _cell(p: Respondent, j: int) -> str:
    if j == p.typo_item:
        return "Setju"
    if p.answers[j] == 0:
        return ""
    return str(p.answers[j]) if p.numeric else LABELS[p.answers[j] - 1]


def _csv(rows: Sequence[Sequence[object]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def survey_rows() -> list[list[str]]:
    """The survey export in submission order (header first)."""
    rng = np.random.default_rng(SEED)
    item_shift = np.array([VALUE_EFFECT[item[:2]] for item in ITEMS])
    item_shift = item_shift + rng.normal(0.0, ITEM_SD, len(ITEMS))
    people = _people(rng, item_shift)
    _plant(rng, people, item_shift)
    _roughen(rng, people)
    people.sort(key=lambda p: (p.when, p.nip))
    return [list(HEADER)] + [
        [
            _stamp(p.when),
            p.nip,
            p.nama,
            p.unit,
            p.jenis,
            p.jabatan,
            *(_cell(p, j) for j in range(len(ITEMS))),
        ]
        for p in people
    ]


# Evidence checklist: (id, document stem). Answer scales are those of the default rubric.
EVIDENCE = (
    ("KP.1", "pakta-komitmen-budaya-kerja"),
    ("KP.2", "dokumentasi-role-model-pimpinan"),
    ("AP.1", "sk-agen-perubahan"),
    ("AP.2", "rencana-aksi-budaya-kerja"),
    ("IN.1", "laporan-internalisasi-berakhlak"),
    ("IN.2", "media-komunikasi-internal"),
    ("RS.1", "sk-pegawai-teladan"),
    ("RS.2", "mekanisme-sanksi-perilaku"),
    ("SA.1", "kanal-aspirasi-pengaduan"),
    ("ME.1", "laporan-monev-budaya-kerja"),
)
NEGATIVE = {"Tidak", "Tidak Ada", "D"}

# Answers per biro in EVIDENCE order, "|"-separated; an empty field = item not submitted.
# Biro Perekonomian submits nothing; Biro Kesejahteraan Rakyat omits RS.2 and ME.1.
ANSWERS = {
    "Biro Pemerintahan dan Otonomi Daerah": "Ya|B|Ya|Ada|B|Ada|Ya|Tidak|Sebagian|70",
    "Biro Hukum": "Ya|A|Ya|Ada|B|Sebagian|Ya|Ya|Ada|85",
    "Biro Kesejahteraan Rakyat": "Ya|C|Ya|Sebagian|B|Ada|Ya||Sebagian|",
    "Biro Administrasi Pembangunan": "Ya|B|Ya|Ada|A|Ada|Tidak|Tidak|Ada|75",
    "Biro Pengadaan Barang dan Jasa": "Ya|C|Tidak|Tidak Ada|C|Sebagian|Tidak|Ya|Ada|40",
    "Biro Organisasi": "Ya|A|Ya|Ada|A|Ada|Ya|Ya|Ada|92",
    "Biro Umum": "Ya|C|Ya|Sebagian|C|Tidak Ada|Ya|Tidak|Sebagian|55",
    "Biro Administrasi Pimpinan": "Ya|A|Ya|Ada|B|Ada|Ya|Tidak|Ada|80",
}
# Reviewer notes, by biro slug and evidence id.
NOTES = {
    "biro-pemerintahan-otda": {
        "SA.1": "Kanal aspirasi pegawai ada; kanal pengaduan pemangku kepentingan belum terpisah."
    },
    "biro-hukum": {"IN.2": "Buletin internal terbit 2 kali dari rencana 4 edisi."},
    "biro-kesra": {
        "KP.2": "Dokumentasi hanya 1 kegiatan; belum menunjukkan keteladanan rutin.",
        "AP.2": "Rencana aksi belum memuat target per triwulan.",
    },
    "biro-adpem": {"RS.1": "Penghargaan pegawai teladan belum ditetapkan."},
    "biro-pbj": {
        "AP.1": "SK agen perubahan masih tahun 2023; perlu diperbarui.",
        "ME.1": "Persentase capaian belum didukung laporan lengkap.",
    },
    "biro-organisasi": {"ME.1": "Laporan monev triwulan I-II lengkap."},
    "biro-umum": {
        "IN.2": "Tidak ada media komunikasi internal yang rutin.",
        "ME.1": "Persentase diisi sendiri oleh unit; perlu diverifikasi.",
    },
    "biro-adpim": {"RS.2": "Mekanisme sanksi masih mengacu aturan disiplin umum."},
}
MISSING_DOCUMENT = "biro-umum/laporan-monev-budaya-kerja-2024.pdf"


def evidence_rows() -> list[list[str]]:
    """The bukti dukung checklist (header first); document paths are relative to bukti/."""
    rows = [["unit_kerja", "evidence_id", "answer", "document", "note"]]
    for biro in BIROS:
        if biro.name not in ANSWERS:
            continue
        answers = ANSWERS[biro.name].split("|")
        for (eid, stem), answer in zip(EVIDENCE, answers, strict=True):
            if not answer:
                continue
            doc = "" if answer in NEGATIVE else f"{biro.slug}/{stem}-2024.pdf"
            rows.append([biro.name, eid, answer, doc, NOTES.get(biro.slug, {}).get(eid, "")])
    return rows


def placeholder_documents(rows: Sequence[Sequence[str]]) -> dict[str, bytes]:
    """A few bytes per referenced document, except the one meant to be missing."""
    docs = sorted({r[3] for r in rows[1:] if r[3]} - {MISSING_DOCUMENT})
    return {f"bukti/{d}": f"%PDF-1.4\n% contoh sintetis: {d}\n".encode() for d in docs}


PUBLISHED_2022 = """\
# Angka RESMI yang dipublikasikan (bukan data sintetis), diketik ulang dari berita.
# Indeks Implementasi BerAKHLAK 2022 = rata-rata 7 nilai, tetapi hanya Harmonis yang
# dipublikasikan; nilai lain sengaja tidak diisi.
format: berakhlak-published
format_version: 1
institution: Pemerintah Provinsi Kalimantan Tengah
year: 2022
instrument: "Survei Indeks BerAKHLAK 2022 (ACT Consulting, values-selection/votes)"
rubric: null  # tidak dihitung dengan rubrik berakhlak
index: 59.5
category: {code: B, label: Cukup Sehat}
values: {harmonis: 72.5}
other_indices:
  kesehatan_budaya_total: {score: 75.3, category: A}
  energi_positif: {score: 92.4, category: A}
respondents: null
units: []
sources:
  - https://kpfmpalangkaraya.com/2023/01/kalteng-raih-predikat-sehat/
  - https://kabarkalimantan1.com/pemprov-kalteng-raih-nilai-tinggi-indeks-energi-positif-dalam-budaya-kerja/?amp=1
  - https://zonakota.com/2023/05/03/kalteng-terbaik-nasional-implementasi-berakhlak
notes: >-
  Survei 29 Agustus - 15 Oktober 2022 (Surat KemenPANRB B/96/S.SM.00.00/2022). 59,5 adalah
  Indeks Implementasi BerAKHLAK (instrumen pilihan nilai/votes, bukan Likert); 75,3 adalah
  Total Indeks Kesehatan Budaya Organisasi. Harmonis 72,5 tertinggi nasional di antara
  provinsi; peringkat 9 dari 18 di batch wilayah barat. Jangan dibandingkan langsung dengan
  indeks 2024 (instrumen berbeda).
"""

PUBLISHED_2024 = """\
# Angka RESMI yang dipublikasikan (bukan data sintetis), diketik ulang dari berita.
# Rincian per nilai, jumlah responden dan hasil per unit tidak dipublikasikan.
format: berakhlak-published
format_version: 1
institution: Pemerintah Provinsi Kalimantan Tengah
year: 2024
instrument: "Evaluasi Budaya Kerja ASN 2024 (KemenPANRB/BRIN)"
rubric: null  # tidak dihitung dengan rubrik berakhlak
index: 76.3
category: {code: A, label: Sehat}
values: {}
other_indices: {}
respondents: null
units: []
sources:
  - https://beritasampit.com/2025/01/17/pembentukan-tim-evaluasi-budaya-kerja-asn-berakhlak-di-kalteng/
  - https://kupasonline.com/berita/211797/pemprov-kalteng-fokus-tingkatkan-budaya-kerja-asn-berakhlak-melalui-tim-evaluasi
notes: >-
  Indeks Budaya Kerja ASN 2024 yang dilaporkan Tim Evaluasi Implementasi Budaya Kerja ASN
  BerAKHLAK (Januari 2025); target 2025: 80-90. Instrumen 2024 berbeda dengan Survei Indeks
  BerAKHLAK 2022, sehingga kenaikan 59,5 -> 76,3 mencampur dua konstruk.
"""


def build() -> dict[str, bytes]:
    """Every generated file, keyed by its path relative to the output directory."""
    evidence = evidence_rows()
    files = {
        "units.csv": _csv([["unit_kerja", "headcount"]] + [[b.name, b.headcount] for b in BIROS]),
        "survei-2024.csv": _csv(survey_rows()),
        "bukti-dukung-2024.csv": _csv(evidence),
        "survei-2022.csv": _csv(selection_rows(lambda r, j, g: _nip(r, j, g, False), _name)),
        "hasil-2022-published.yaml": PUBLISHED_2022.encode("utf-8"),
        "hasil-2024-published.yaml": PUBLISHED_2024.encode("utf-8"),
    }
    files.update(placeholder_documents(evidence))
    return files


def main(argv: Sequence[str] | None = None) -> None:
    """Write the example files into --out."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="output directory (default: this script's directory)",
    )
    out: Path = parser.parse_args(argv).out
    for rel, data in build().items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


if __name__ == "__main__":
    main()
