"""Generate the synthetic national example: instansi x unit kerja, respondents and headcounts.

    python examples/nasional/generate.py   # rewrites survei-nasional.csv, units-nasional.csv,
                                           # rubrik-nasional.yaml

Six synthetic instansi (no real institution's figures) with two to four units each. Every
unit has a headcount; respondents are drawn at the unit's response rate, so one instansi
("Pemerintah Kabupaten Contoh Tiga") stays below its minimum (Slovin, e = 5 %) and is left out
of the national mean, and some small units are withheld for anonymity. Answers are Likert 1-5
from a small latent model (instansi and unit effects plus respondent noise). The output
depends only on SEED: rerunning writes the same bytes.

``rubrik-nasional.yaml`` is the default rubric with two changes: ``levels`` (instansi pooling
its units, then unit kerja) and ``aggregation.institution: mean_of_units``, so the top row is
the unweighted mean of the instansi that meet their minimum, as the national index is.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np

SEED = 20260101
HERE = Path(__file__).resolve().parent
DEFAULT_RUBRIC = HERE.parents[1] / "rubrics" / "kemenpanrb-2025.yaml"
POOLED_LINE = "  institution: pooled           # DEFAULT (alternative: mean_of_units)\n"
MEAN_LINE = "  institution: mean_of_units    # national = mean of the instansi that qualify\n"
LEVELS = """
levels:                         # score --level instansi --level unit_kerja in one run
  - column: instansi
    aggregation: pooled         # an instansi pools the respondents of its included units
  - column: unit_kerja
"""
VALUE_CODES = ("bp", "ak", "ko", "ha", "lo", "ad", "kl")
ITEMS = tuple(f"{code}{k}" for code in VALUE_CODES for k in (1, 2, 3))
# (instansi, effect, response rate, ((unit, headcount), ...))
INSTANSI = (
    (
        "Kementerian Contoh Satu",
        0.20,
        0.97,
        (
            ("Sekretariat Jenderal", 60),
            ("Direktorat A", 45),
            ("Direktorat B", 30),
            ("Inspektorat", 4),
        ),
    ),
    ("Kementerian Contoh Dua", -0.10, 0.97, (("Sekretariat Jenderal", 50), ("Direktorat C", 40))),
    (
        "Pemerintah Provinsi Contoh",
        0.05,
        0.97,
        (("Sekretariat Daerah", 55), ("Dinas Pendidikan", 65), ("Dinas Kesehatan", 35)),
    ),
    (
        "Pemerintah Kabupaten Contoh Satu",
        -0.25,
        0.98,
        (("Sekretariat Daerah", 40), ("Dinas Sosial", 30), ("Kecamatan Utara", 3)),
    ),
    ("Pemerintah Kabupaten Contoh Dua", 0.10, 0.97, (("Sekretariat Daerah", 35), ("Bappeda", 25))),
    (
        "Pemerintah Kabupaten Contoh Tiga",
        0.00,
        0.45,
        (("Sekretariat Daerah", 40), ("Dinas Pertanian", 30)),
    ),
)


def generate() -> dict[str, str]:
    """File name -> text of both files."""
    rng = np.random.default_rng(SEED)
    survey = io.StringIO()
    writer = csv.writer(survey, lineterminator="\n")
    writer.writerow(["instansi", "unit_kerja", *ITEMS])
    units = io.StringIO()
    heads = csv.writer(units, lineterminator="\n")
    heads.writerow(["level", "instansi", "unit_kerja", "headcount"])
    for name, effect, rate, unit_list in INSTANSI:
        heads.writerow(["instansi", name, "", sum(h for _, h in unit_list)])
        for unit, headcount in unit_list:
            heads.writerow(["unit_kerja", name, unit, headcount])
            n = int(rng.binomial(headcount, rate))
            unit_effect = rng.normal(0.0, 0.2)
            latent = 3.7 + effect + unit_effect + rng.normal(0.0, 0.45, size=(n, 1))
            answers = np.clip(np.rint(latent + rng.normal(0.0, 0.7, size=(n, len(ITEMS)))), 1, 5)
            for row in answers.astype(int).tolist():
                writer.writerow([name, unit, *row])
    return {
        "survei-nasional.csv": survey.getvalue(),
        "units-nasional.csv": units.getvalue(),
        "rubrik-nasional.yaml": national_rubric(),
    }


def national_rubric() -> str:
    """The default rubric with levels and the national mean (module docstring)."""
    text = DEFAULT_RUBRIC.read_text(encoding="utf-8")
    text = text.replace("schema=../src/", "schema=../../src/", 1)
    text = text.replace("id: kemenpanrb-2025\n", "id: kemenpanrb-2025-nasional\n", 1)
    head = "# Synthetic national example (examples/nasional/generate.py): the default rubric\n"
    head += "# with levels and aggregation.institution: mean_of_units.\n"
    return head + text.replace(POOLED_LINE, MEAN_LINE, 1) + LEVELS


def main() -> None:
    """Write the example files next to this script."""
    for name, text in generate().items():
        (HERE / name).write_text(text, encoding="utf-8", newline="")


if __name__ == "__main__":
    main()
