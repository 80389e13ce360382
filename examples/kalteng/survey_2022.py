"""The SYNTHETIC 2022 values-selection survey of the Kalteng example (``survei-2022.csv``).

Imported by ``generate.py`` (stdlib + numpy only). Each respondent picks ten behaviours from
the template of ``rubrics/act-2022.yaml`` three times, the way a Google Forms checkbox
question exports them: the ticked labels in one cell joined with ", ". Picks are drawn
without replacement with per-label weights (``WEIGHTS``) tuned so that, scored with the
act-2022 rubric, the institution's Indeks Implementasi is near the 59,5 Kalteng published
for 2022, Harmonis is the strongest value and Adaptif the weakest, and the entropy is near
the 7,6 % implied by the published energi positif 92,4. None of it is real data.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

SEED = 20221015
HEADER = (
    "Timestamp",
    "nip",
    "nama",
    "unit_kerja",
    "jenis_asn",
    "nilai_pribadi",
    "budaya_saat_ini",
    "budaya_harapan",
)
PICKS = 10
# (label, weight for personal, current, desired). Labels as in rubrics/act-2022.yaml.
TEMPLATE = (
    ("Melayani dengan sepenuh hati", 1.0, 0.31, 1.2),
    ("Ramah dan solutif", 0.9, 0.25, 1.0),
    ("Perbaikan berkelanjutan", 0.7, 0.19, 1.2),
    ("Bertanggung jawab", 1.4, 0.52, 1.1),
    ("Jujur", 1.5, 0.27, 1.2),
    ("Disiplin", 1.0, 0.28, 1.0),
    ("Terus belajar", 1.0, 0.29, 1.0),
    ("Berbagi pengetahuan", 0.6, 0.19, 0.9),
    ("Kualitas kerja terbaik", 0.8, 0.25, 1.1),
    ("Menghargai perbedaan", 1.0, 0.42, 0.8),
    ("Peduli", 1.2, 0.39, 0.8),
    ("Lingkungan kerja kondusif", 0.8, 0.37, 1.2),
    ("Setia pada Pancasila dan NKRI", 1.0, 0.35, 0.7),
    ("Menjaga nama baik instansi", 0.7, 0.31, 0.7),
    ("Menjaga rahasia negara", 0.5, 0.21, 0.5),
    ("Siap menghadapi perubahan", 0.6, 0.14, 1.1),
    ("Inovatif", 0.7, 0.17, 1.3),
    ("Proaktif", 0.6, 0.15, 1.0),
    ("Kerja sama", 1.1, 0.43, 1.0),
    ("Terbuka untuk berkontribusi", 0.6, 0.2, 0.8),
    ("Sinergi", 0.5, 0.2, 0.9),
    ("Religius", 1.3, 4.2, 0.6),
    ("Kekeluargaan", 1.1, 4.8, 0.6),
    ("Keseimbangan kerja dan hidup", 0.9, 2.1, 0.9),
    ("Kesejahteraan pegawai", 0.6, 1.5, 1.0),
    ("Berhati-hati", 0.3, 0.2, 0.05),
    ("Menghindari risiko", 0.1, 0.13, 0.02),
    ("Kepemimpinan yang kurang efektif", 0.05, 0.13, 0.02),
    ("Pasif terhadap perubahan", 0.05, 0.09, 0.02),
    ("Mengontrol", 0.05, 0.09, 0.02),
    ("Birokratis", 0.05, 0.09, 0.02),
    ("Saling menyalahkan", 0.02, 0.05, 0.01),
)
# Respondents per biro in 2022 (the 2024 biros; fewer answered in 2022).
ROWS_2022 = {
    "Biro Pemerintahan dan Otonomi Daerah": 64,
    "Biro Hukum": 44,
    "Biro Kesejahteraan Rakyat": 60,
    "Biro Perekonomian": 55,
    "Biro Administrasi Pembangunan": 62,
    "Biro Pengadaan Barang dan Jasa": 30,
    "Biro Organisasi": 48,
    "Biro Umum": 118,
    "Biro Administrasi Pimpinan": 80,
}
# Planted cases (README "Survei 2022"): a mistyped label, an eleventh pick, no current picks.
TYPO_ROW = 40
TYPO = ("Bertanggung jawab", "Bertangung jawab")
ELEVEN_ROW = 120
BLANK_CURRENT_ROW = 200


def _draw(rng: np.random.Generator, weights: np.ndarray) -> list[int]:
    chosen = rng.choice(len(weights), PICKS, replace=False, p=weights / weights.sum())
    return sorted(int(i) for i in chosen)


def selection_rows(
    nip: Callable[[np.random.Generator, str, int], str],
    name: Callable[[np.random.Generator, int], str],
) -> list[list[str]]:
    """Every row of ``survei-2022.csv`` (header first); ``nip``/``name`` are the generator's."""
    rng = np.random.default_rng(SEED)
    labels = [t[0] for t in TEMPLATE]
    weights = [np.array([t[q] for t in TEMPLATE]) for q in (1, 2, 3)]
    rows: list[list[str]] = [list(HEADER)]
    seen: set[str] = set()
    units = [u for u, n in ROWS_2022.items() for _ in range(n)]
    order = rng.permutation(len(units))
    for k, i in enumerate(order, start=2):
        unit = units[int(i)]
        gender = int(rng.integers(1, 3))
        jenis = str(rng.choice(["PNS", "PPPK"], p=[0.85, 0.15]))
        person = nip(rng, jenis, gender)
        while person in seen:
            person = nip(rng, jenis, gender)
        seen.add(person)
        # NOTE: a unit's own culture shifts its current-culture weights a little.
        shift = 1.0 + 0.15 * (hash_unit(unit) - 0.5)
        current_w = weights[1] * np.where(np.arange(len(labels)) < 25, shift, 1 / shift)
        picks = [_draw(rng, weights[0]), _draw(rng, current_w), _draw(rng, weights[2])]
        cells = [", ".join(labels[j] for j in p) for p in picks]
        if k == TYPO_ROW:
            cells[1] = cells[1].replace(*TYPO) if TYPO[0] in cells[1] else cells[1] + ", " + TYPO[1]
        if k == ELEVEN_ROW:
            extra = next(j for j in range(len(labels)) if j not in picks[1])
            cells[1] += ", " + labels[extra]
        if k == BLANK_CURRENT_ROW:
            cells[1] = ""
        minute = int(rng.integers(0, 60 * 8))
        hour, noon = 8 + minute // 60, "AM" if minute < 4 * 60 else "PM"
        clock = f"{(hour - 1) % 12 + 1}:{minute % 60:02d}:00 {noon}"
        stamp = f"2022/09/{1 + (k % 28):02d} {clock} GMT+7"
        rows.append([stamp, person, name(rng, gender), unit, jenis, *cells])
    return rows


def hash_unit(unit: str) -> float:
    """A stable number in [0, 1) from a unit name (no ``hash()``: it is salted per run)."""
    return (sum((i + 1) * ord(c) for i, c in enumerate(unit)) % 997) / 997
