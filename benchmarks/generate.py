"""Generate a synthetic national-scale BerAKHLAK survey CSV for benchmarks.

Shape (issue #7, "a national or multi-year file"): 540 instansi whose respondent shares are
log-normal (the 2023 national survey covered 936,476 ASN in 539 instansi, sources.md §4.1),
about 10 unit kerja each, then one row per respondent:

    instansi,unit_kerja,jenis_asn,nip,bp1,bp2,bp3,ak1,...,kl3

- ``unit_kerja`` is globally unique ("<instansi> / Unit 03") because the CLI groups by
  unit_kerja alone.
- ``jenis_asn`` is PNS / PPPK / CPNS with probabilities 75 / 20 / 5 %.
- ``nip`` is an 18-digit string: a birth date (YYYYMMDD, as in a real NIP) followed by ten
  digits that are a bijection of the row number, so every NIP is unique (the CLI drops
  repeated respondent ids by default).
- The 21 items are Likert 1-5 drawn from a small latent model (unit, unit x value,
  respondent and item noise), so units and values really differ. Each answer is blank with
  probability 2 %, and 0.1 % of rows are blank on every item (they exercise the
  "blank-respondent" exclusion).
- ``--labels`` writes the answer labels ("Sangat Tidak Setuju" ... "Sangat Setuju") instead
  of the numbers 1-5.
- ``--realistic`` writes the columns of a Google Forms export (examples/kalteng):
  ``Timestamp,nip,nama,unit_kerja,jenis_asn,jabatan,bp1,...,kl3``: a submission time, a
  synthetic two-word name and a role beside the NIP, so the parser carries the text columns
  a real export has (``instansi`` is dropped; unit names still carry it).
- ``--typo`` (with ``--labels``) writes "Setju" for every ``ak2`` answer: every row then holds
  one unknown label (an issue per row; scoring treats the cell as unanswered, as the
  references' label mapping does, so the results still agree).

Rows are drawn in chunks of CHUNK_ROWS with one seeded ``numpy.random.Generator``, so the
output depends only on (rows, seed, labels), and memory stays flat at any size. Rows are in
random unit order, as in a survey export sorted by submission time.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

VALUE_CODES = ("bp", "ak", "ko", "ha", "lo", "ad", "kl")
ITEMS = tuple(f"{code}{k}" for code in VALUE_CODES for k in (1, 2, 3))
COLUMNS = ("instansi", "unit_kerja", "jenis_asn", "nip", *ITEMS)
REALISTIC_COLUMNS = ("Timestamp", "nip", "nama", "unit_kerja", "jenis_asn", "jabatan", *ITEMS)
FIRST_NAMES = ("Yudi", "Samuel", "Siti", "Dewi", "Agus", "Rina", "Budi", "Maria", "Hendra", "Nur")
LAST_NAMES = ("Pratama", "Rahmadi", "Lestari", "Saputra", "Wulandari", "Hidayat", "Simanjuntak")
ROLES = ("Pelaksana", "Fungsional", "Struktural")
TYPO = "Setju"
LABELS = ("Sangat Tidak Setuju", "Tidak Setuju", "Netral", "Setuju", "Sangat Setuju")
JENIS_ASN = ("PNS", "PPPK", "CPNS")
JENIS_ASN_P = (0.75, 0.20, 0.05)

N_INSTANSI = 540
MEAN_UNITS = 10
BLANK_ANSWER_P = 0.02
BLANK_RESPONDENT_P = 0.001
CHUNK_ROWS = 200_000
DEFAULT_SEED = 7

SIZES = {"100k": 100_000, "1m": 1_000_000, "4.3m": 4_300_000}


@dataclass(frozen=True)
class Structure:
    """Institutions and units, drawn once per seed (independent of the row count)."""

    instansi: tuple[str, ...]
    unit_names: tuple[str, ...]
    unit_instansi: npt.NDArray[np.int64]
    unit_p: npt.NDArray[np.float64]
    unit_effect: npt.NDArray[np.float64]
    unit_value_effect: npt.NDArray[np.float64]


def _instansi_names() -> tuple[str, ...]:
    # NOTE: synthetic names in the national mix (K/L, provinsi, kabupaten/kota) so no
    # number in a benchmark is mistaken for a real institution's result.
    names = [f"Kementerian-Lembaga {i:03d}" for i in range(1, 81)]
    names += [f"Pemerintah Provinsi {i:02d}" for i in range(1, 39)]
    names += [f"Pemerintah Kabupaten-Kota {i:03d}" for i in range(1, N_INSTANSI - 118 + 1)]
    return tuple(names)


def draw_structure(rng: np.random.Generator) -> Structure:
    """Draw instansi sizes (log-normal), unit counts (about 10) and unit sizes."""
    instansi = _instansi_names()
    inst_weight = rng.lognormal(mean=0.0, sigma=1.1, size=N_INSTANSI)
    n_units = 1 + rng.poisson(MEAN_UNITS - 1, size=N_INSTANSI)
    unit_names: list[str] = []
    unit_inst: list[int] = []
    unit_p: list[float] = []
    for i, (name, n) in enumerate(zip(instansi, n_units.tolist(), strict=True)):
        share = rng.lognormal(mean=0.0, sigma=0.8, size=n)
        share = share / share.sum() * inst_weight[i]
        unit_names += [f"{name} / Unit {u:02d}" for u in range(1, n + 1)]
        unit_inst += [i] * n
        unit_p += share.tolist()
    p = np.asarray(unit_p)
    n_total = len(unit_names)
    return Structure(
        instansi=instansi,
        unit_names=tuple(unit_names),
        unit_instansi=np.asarray(unit_inst, dtype=np.int64),
        unit_p=p / p.sum(),
        unit_effect=rng.normal(0.0, 0.35, size=n_total),
        unit_value_effect=rng.normal(0.0, 0.25, size=(n_total, len(VALUE_CODES))),
    )


def _answers(
    rng: np.random.Generator, structure: Structure, unit: npt.NDArray[np.int64]
) -> npt.NDArray[np.int8]:
    """Likert answers 1-5 for the rows of one chunk (0 marks a blank cell)."""
    n = unit.shape[0]
    # Value means differ nationally (Adaptif lowest, Akuntabel highest, as in sources.md §4.1).
    value_base = np.array([3.45, 3.95, 3.40, 3.60, 3.65, 3.05, 3.75])
    latent = (
        value_base[None, :]
        + structure.unit_effect[unit][:, None]
        + structure.unit_value_effect[unit]
        + rng.normal(0.0, 0.45, size=(n, 1))
    )
    raw = np.repeat(latent, 3, axis=1) + rng.normal(0.0, 0.8, size=(n, len(ITEMS)))
    answers = np.clip(np.rint(raw), 1, 5).astype(np.int8)
    answers[rng.random(size=answers.shape) < BLANK_ANSWER_P] = 0
    answers[rng.random(size=n) < BLANK_RESPONDENT_P, :] = 0
    return answers


def _nips(rng: np.random.Generator, start: int, n: int) -> pa.Array:
    year = rng.integers(1965, 2001, size=n)
    month = rng.integers(1, 13, size=n)
    day = rng.integers(1, 29, size=n)
    birth = year * 10_000 + month * 100 + day
    # NOTE: (row * A + B) mod 10^10 is a bijection on [0, 10^10) because gcd(A, 10) = 1,
    # so the ten trailing digits are unique for every row.
    row = np.arange(start, start + n, dtype=np.int64)
    tail = (row * 7_368_787_631 + 1_234_567_891) % 10_000_000_000
    return pc.cast(pa.array(birth * 10_000_000_000 + tail), pa.string())


def _realistic_text(rng: np.random.Generator, start: int, n: int) -> list[pa.Array]:
    """Timestamp, name and role columns of a Forms export (seconds advance with the row)."""
    second = 7 * 3600 + (np.arange(start, start + n) * 37) % (10 * 3600)
    stamp = pc.binary_join_element_wise(
        pa.scalar("2024/07/08 "),
        pc.cast(pa.array(second // 3600), pa.string()),
        pa.scalar(":"),
        pc.utf8_lpad(pc.cast(pa.array(second // 60 % 60), pa.string()), 2, "0"),
        pa.scalar(":"),
        pc.utf8_lpad(pc.cast(pa.array(second % 60), pa.string()), 2, "0"),
        pa.scalar(" AM GMT+7"),
        "",
    )
    first = pa.array(FIRST_NAMES).take(pa.array(rng.integers(0, len(FIRST_NAMES), size=n)))
    last = pa.array(LAST_NAMES).take(pa.array(rng.integers(0, len(LAST_NAMES), size=n)))
    name = pc.binary_join_element_wise(first, last, " ")
    role = pa.array(ROLES).take(pa.array(rng.integers(0, len(ROLES), size=n)))
    return [stamp, name, role]


def _chunk_table(
    rng: np.random.Generator,
    structure: Structure,
    start: int,
    n: int,
    labels: bool,
    realistic: bool = False,
    typo: bool = False,
) -> pa.Table:
    unit = rng.choice(structure.unit_p.shape[0], size=n, p=structure.unit_p)
    jenis = rng.choice(len(JENIS_ASN), size=n, p=JENIS_ASN_P)
    answers = _answers(rng, structure, unit)
    nips = _nips(rng, start, n)
    unit_arr = pa.array(structure.unit_names)
    inst_arr = pa.array(structure.instansi)
    columns: list[pa.Array] = [
        inst_arr.take(pa.array(structure.unit_instansi[unit])),
        unit_arr.take(pa.array(unit)),
        pa.array(JENIS_ASN).take(pa.array(jenis)),
        nips,
    ]
    if realistic:
        stamp, name, role = _realistic_text(rng, start, n)
        columns = [stamp, nips, name, columns[1], columns[2], role]
    label_arr = pa.array(LABELS)
    for j in range(len(ITEMS)):
        col = answers[:, j]
        blank = col == 0
        if typo and ITEMS[j] == "ak2":
            columns.append(pa.array([TYPO] * n))
        elif labels:
            idx = pa.array((col - 1).astype(np.int8), mask=blank)
            columns.append(label_arr.take(idx))
        else:
            columns.append(pa.array(col, mask=blank))
    names = REALISTIC_COLUMNS if realistic else COLUMNS
    return pa.Table.from_arrays(columns, names=list(names))


def generate(
    out: Path,
    rows: int,
    *,
    labels: bool = False,
    seed: int = DEFAULT_SEED,
    realistic: bool = False,
    typo: bool = False,
) -> Path:
    """Write ``rows`` synthetic survey rows to ``out`` (CSV, UTF-8, header first)."""
    rng = np.random.default_rng(seed)
    structure = draw_structure(rng)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    options = pa_csv.WriteOptions(include_header=False, quoting_style="none")
    with tmp.open("wb") as fh:
        fh.write((",".join(REALISTIC_COLUMNS if realistic else COLUMNS) + "\n").encode())
        for start in range(0, rows, CHUNK_ROWS):
            n = min(CHUNK_ROWS, rows - start)
            table = _chunk_table(rng, structure, start, n, labels, realistic, typo)
            pa_csv.write_csv(table, fh, options)
    tmp.replace(out)
    return out


def parse_rows(text: str) -> int:
    """Accept 4300000, 4_300_000, 100k, 1m or 4.3m."""
    t = text.strip().lower().replace("_", "")
    if t in SIZES:
        return SIZES[t]
    for suffix, factor in (("k", 1_000), ("m", 1_000_000)):
        if t.endswith(suffix):
            return round(float(t[:-1]) * factor)
    return int(t)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", required=True, type=parse_rows, help="e.g. 100k, 1m, 4.3m")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--labels", action="store_true", help="write Likert labels, not 1-5")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--realistic", action="store_true", help="a Forms export's columns")
    parser.add_argument("--typo", action="store_true", help="an unknown label on every row")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    generate(
        args.out,
        args.rows,
        labels=args.labels or args.typo,
        seed=args.seed,
        realistic=args.realistic,
        typo=args.typo,
    )
    size_mib = args.out.stat().st_size / 2**20
    print(
        f"wrote {args.out} ({args.rows:,} rows, {size_mib:.1f} MiB) "
        f"in {time.perf_counter() - t0:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
