"""The benchmark references (benchmarks/) compute the CLI's person-first arithmetic.

They are what the CLI's speed is measured against, so their numbers must be right: they are
pinned here to a hand-computed 4-row survey and to each other on a generated file.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
LABEL = {1: "Sangat Tidak Setuju", 2: "Tidak Setuju", 3: "Netral", 4: "Setuju", 5: "Sangat Setuju"}
VALUE_IDS = (
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
)
ITEMS = [f"{code}{k}" for code in ("bp", "ak", "ko", "ha", "lo", "ad", "kl") for k in (1, 2, 3)]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return _load("generate")


@pytest.fixture(scope="module")
def ref_pandas() -> ModuleType:
    return _load("reference_pandas")


@pytest.fixture(scope="module")
def ref_duckdb() -> ModuleType:
    pytest.importorskip("duckdb")
    return _load("reference_duckdb")


@pytest.fixture(params=["pandas", "duckdb"])
def reference(request: pytest.FixtureRequest) -> ModuleType:
    module: ModuleType = request.getfixturevalue(f"ref_{request.param}")
    return module


def _hand_rows() -> list[tuple[str, dict[str, int | None]]]:
    """Four respondents; answers None are blank cells."""
    r1: dict[str, int | None] = dict.fromkeys(ITEMS, 4) | {"bp1": 5, "bp2": None, "bp3": None}
    r2: dict[str, int | None] = dict.fromkeys(ITEMS, 2) | {"bp1": 1, "bp2": 1, "bp3": 3}
    r3: dict[str, int | None] = dict.fromkeys(ITEMS)
    r4: dict[str, int | None] = dict.fromkeys(ITEMS, 5) | {"kl1": None, "kl2": None, "kl3": None}
    return [("Unit A", r1), ("Unit A", r2), ("Unit B", r3), ("Unit B", r4)]


def _write_hand_csv(path: Path, labels: bool) -> Path:
    lines = [",".join(["instansi", "unit_kerja", "jenis_asn", "nip", *ITEMS])]
    for n, (unit, answers) in enumerate(_hand_rows(), start=1):
        cells = [
            "" if x is None else (LABEL[x] if labels else str(x))
            for x in (answers[i] for i in ITEMS)
        ]
        lines.append(",".join(["Instansi X", unit, "PNS", f"19800101200501100{n}", *cells]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Hand computation, item score s = (x - 1) / 4 * 100, so 1->0, 3->50, 4->75, 5->100, 2->25.
# Unit A, row 1: bp = mean(100) = 100 (bp2, bp3 blank); every other value = 75.
#         row 2: bp = mean(0, 0, 50) = 50/3; every other value = 25.
#   bp = (100 + 50/3) / 2 = 175/3 = 58.333...; other values (75 + 25) / 2 = 50.
#   index = (175/3 + 6 * 50) / 7 = 1075/21 = 51.190476...
# Unit B, row 3 has no answer at all: excluded, so 1 respondent (row 4).
#   bp .. ad = 100; kolaboratif has no answered item: no score; index = mean of 6 = 100.
# Institution pools rows 1, 2 and 4 (3 respondents):
#   bp = (100 + 50/3 + 100) / 3 = 650/9; ak .. ad = (75 + 25 + 100) / 3 = 200/3;
#   kolaboratif = (75 + 25) / 2 = 50 (row 4 has none);
#   index = (650/9 + 5 * 200/3 + 50) / 7 = 4100/63 = 65.079365...
EXPECTED: dict[str, Any] = {
    "groups": {
        "Unit A": {
            "respondents": 2,
            "values": {"berorientasi_pelayanan": 175 / 3} | dict.fromkeys(VALUE_IDS[1:], 50.0),
            "index": 1075 / 21,
        },
        "Unit B": {
            "respondents": 1,
            "values": dict.fromkeys(VALUE_IDS[:-1], 100.0) | {"kolaboratif": None},
            "index": 100.0,
        },
    },
    "institution": {
        "respondents": 3,
        "values": {"berorientasi_pelayanan": 650 / 9}
        | dict.fromkeys(VALUE_IDS[1:-1], 200 / 3)
        | {"kolaboratif": 50.0},
        "index": 4100 / 63,
    },
}


def _assert_same(got: dict[str, Any], want: dict[str, Any]) -> None:
    assert sorted(got["groups"]) == sorted(want["groups"])
    pairs = [(got["groups"][u], want["groups"][u]) for u in want["groups"]]
    pairs.append((got["institution"], want["institution"]))
    for g, w in pairs:
        assert g["respondents"] == w["respondents"]
        assert list(g["values"]) == list(VALUE_IDS)
        for vid in VALUE_IDS:
            if w["values"][vid] is None:
                assert g["values"][vid] is None
            else:
                assert g["values"][vid] == pytest.approx(w["values"][vid], abs=1e-9)
        assert g["index"] == pytest.approx(w["index"], abs=1e-9)


@pytest.mark.parametrize("labels", [False, True], ids=["numbers", "labels"])
def test_reference_matches_hand_computation(
    reference: ModuleType, tmp_path: Path, labels: bool
) -> None:
    path = _write_hand_csv(tmp_path / "hand.csv", labels)
    _assert_same(reference.score_units(path), EXPECTED)


@pytest.mark.parametrize("labels", [False, True], ids=["numbers", "labels"])
def test_pandas_and_duckdb_agree_on_generated_file(
    generate: ModuleType,
    ref_pandas: ModuleType,
    ref_duckdb: ModuleType,
    tmp_path: Path,
    labels: bool,
) -> None:
    path = generate.generate(tmp_path / "survey.csv", 300, labels=labels, seed=11)
    got = ref_pandas.score_units(path)
    assert got["institution"]["respondents"] > 250
    _assert_same(got, ref_duckdb.score_units(path))


def test_labels_file_scores_like_numbers_file(
    generate: ModuleType, ref_pandas: ModuleType, tmp_path: Path
) -> None:
    numbers = generate.generate(tmp_path / "n.csv", 300, seed=11)
    labels = generate.generate(tmp_path / "l.csv", 300, labels=True, seed=11)
    _assert_same(ref_pandas.score_units(labels), ref_pandas.score_units(numbers))


def test_generator_is_deterministic_and_well_formed(generate: ModuleType, tmp_path: Path) -> None:
    a = generate.generate(tmp_path / "a.csv", 300, seed=3).read_bytes()
    b = generate.generate(tmp_path / "b.csv", 300, seed=3).read_bytes()
    c = generate.generate(tmp_path / "c.csv", 300, seed=4).read_bytes()
    assert a == b
    assert a != c
    lines = a.decode().splitlines()
    assert lines[0] == ",".join(["instansi", "unit_kerja", "jenis_asn", "nip", *ITEMS])
    rows = [line.split(",") for line in lines[1:]]
    assert len(rows) == 300
    assert all(r[1].startswith(r[0] + " / Unit ") for r in rows)
    assert {r[2] for r in rows} <= {"PNS", "PPPK", "CPNS"}
    nips = [r[3] for r in rows]
    assert len(set(nips)) == 300
    assert all(len(n) == 18 and n.isdigit() for n in nips)
    assert {cell for r in rows for cell in r[4:]} <= {"", "1", "2", "3", "4", "5"}


@pytest.mark.parametrize("typo", [False, True])
def test_floors_read_every_row_of_the_realistic_file(
    generate: ModuleType, tmp_path: Path, typo: bool
) -> None:
    """The two floors of run.py (parse alone, loader alone) see every data row, so a floor
    that stopped early cannot pass for a fast one."""
    floors = _load("floors")
    path = generate.generate(
        tmp_path / "real.csv", 1_234, seed=5, realistic=True, labels=typo, typo=typo
    )
    assert floors.parse_only(path) == 1_234
    assert floors.read_only(path) == 1_234


def test_parse_rows_accepts_size_names(generate: ModuleType) -> None:
    assert generate.parse_rows("100k") == 100_000
    assert generate.parse_rows("4.3m") == 4_300_000
    assert generate.parse_rows("4_300_000") == 4_300_000


def _cli_group(unit: str, respondents: int, bp: float | None, withheld: str | None) -> Any:
    """A group as `berakhlak score --format json` writes it (format_version 1)."""
    group: dict[str, Any] = {
        "key": {"unit_kerja": unit},
        "level": "unit",
        "respondents": respondents,
        "withheld": withheld,
    }
    if withheld is None:
        group["values"] = {v: {"raw": bp if v == VALUE_IDS[0] else 50.0} for v in VALUE_IDS}
        group["index"] = {"raw": ((bp or 0.0) + 300.0) / 7}
    return group


def test_runner_compares_cli_json_with_reference() -> None:
    run = _load("run")
    ref = {
        "groups": {
            "A": {"respondents": 6, "values": dict.fromkeys(VALUE_IDS, 50.0), "index": 50.0},
            "B": {"respondents": 2, "values": dict.fromkeys(VALUE_IDS, 80.0), "index": 80.0},
        },
        "institution": {"respondents": 8, "values": dict.fromkeys(VALUE_IDS, 57.5)},
    }
    ref["institution"]["index"] = 57.5
    doc = {
        "groups": [
            _cli_group("A", 6, 50.0, None),
            _cli_group("B", 2, None, "anonymity"),
            _cli_group("C", 0, None, "anonymity"),  # every row blank: absent from refs
        ],
        "institution": _cli_group("", 8, 57.5, None) | {"key": {}, "level": "institution"},
    }
    doc["institution"]["values"] = {v: {"raw": 57.5} for v in VALUE_IDS}
    doc["institution"]["index"] = {"raw": 57.5}
    assert run.compare(run.normalise_cli(doc), ref) == ([], 1)

    doc["groups"][0] = _cli_group("A", 6, 50.1, None)
    problems, withheld = run.compare(run.normalise_cli(doc), ref)
    assert withheld == 1
    assert problems == [
        "A: berorientasi_pelayanan 50.1 != 50.0",
        f"A: index {(50.1 + 300) / 7} != 50.0",
    ]
