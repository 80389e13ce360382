"""Levels (issue #17): hand-computed means at three levels, eligibility, suppression per level."""

from __future__ import annotations

import importlib.util
import itertools
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from berakhlak_cli.loaders.rubric.load import default_rubric_path, load_rubric
from berakhlak_cli.model.levels import Level
from berakhlak_cli.model.results import GroupResult, Issue
from berakhlak_cli.model.rubric import Eligibility, EligibilityRule, InstitutionMethod, Rubric
from berakhlak_cli.scoring.groups.levels import LevelBuilder
from berakhlak_cli.scoring.groups.stats import GroupStats

ROOT = Path(__file__).resolve().parents[1]
MEAN = InstitutionMethod.MEAN_OF_UNITS


def _rubric(top: InstitutionMethod = MEAN) -> Rubric:
    base = load_rubric(default_rubric_path())
    return replace(base, aggregation=replace(base.aggregation, institution=top))


def _stats(cells: list[tuple[tuple[str, ...], int, float]], n_values: int) -> GroupStats:
    """Fine cells where every respondent scores ``score`` on every value."""
    stats = GroupStats(n_values)
    stats.grow(len(cells))
    for g, (_, n, score) in enumerate(cells):
        stats.respondents[g] = n
        stats.value_sum[g] = n * score
        stats.value_sumsq[g] = n * score * score
        stats.value_count[g] = n
        stats.index_sum[g] = n * score
        stats.index_count[g] = n
    return stats


Cell = tuple[tuple[str, ...], int, float]
Built = tuple[dict[tuple[str, ...], GroupResult], GroupResult, list[Issue]]


def _build(
    cells: list[Cell],
    levels: tuple[Level, ...],
    rubric: Rubric,
    heads: dict[tuple[str, ...], int] | None = None,
) -> Built:
    stats = _stats(cells, len(rubric.values))
    builder = LevelBuilder(rubric, levels, stats, [c[0] for c in cells], heads)
    rows, top, issues = builder.build()
    return {r.key: r for r in rows}, top, issues


# Three levels: eselon I (instansi) -> eselon II (biro) -> unit; every cell has >= 5 people.
THREE = [
    (("K1", "B1", "U1"), 10, 60.0),
    (("K1", "B1", "U2"), 30, 80.0),
    (("K1", "B2", "U3"), 20, 50.0),
    (("K2", "B3", "U4"), 10, 90.0),
    (("K2", "B3", "U5"), 10, 70.0),
]


def test_three_levels_pooled_below_mean_above() -> None:
    levels = (
        Level("instansi", MEAN),
        Level("biro", InstitutionMethod.POOLED),
        Level("unit"),
    )
    rows, top, _ = _build(THREE, levels, _rubric())
    # biro B1 pools its units: (10*60 + 30*80) / 40 = 75
    assert rows[("K1", "B1", "")].index.raw == pytest.approx(75.0)
    assert rows[("K1", "B2", "")].index.raw == pytest.approx(50.0)
    assert rows[("K2", "B3", "")].index.raw == pytest.approx(80.0)
    # instansi K1 is the unweighted mean of its biro: (75 + 50) / 2 = 62.5; K2 = 80
    assert rows[("K1", "", "")].index.raw == pytest.approx(62.5)
    assert rows[("K2", "", "")].index.raw == pytest.approx(80.0)
    # national: mean of the instansi, (62.5 + 80) / 2 = 71.25 (pooled would be 4200/80 = 70)
    assert top.index.raw == pytest.approx(71.25)
    assert top.respondents == 80
    assert rows[("K1", "B1", "U2")].index.raw == pytest.approx(80.0)


def test_weighted_aggregations() -> None:
    levels = (
        Level("instansi", InstitutionMethod.RESPONDENT_WEIGHTED),
        Level("biro"),
        Level("unit"),
    )
    rows, top, _ = _build(THREE, levels, _rubric(InstitutionMethod.POOLED))
    # K1 weights its biro by respondents: (40*75 + 20*50) / 60 = 66.67 (the pooled mean too)
    assert rows[("K1", "", "")].index.raw == pytest.approx(4000 / 60)
    assert top.index.raw == pytest.approx(70.0)


def _instansi_cells() -> list[tuple[tuple[str, ...], int, float]]:
    return [
        (("A", "a1"), 40, 60.0),
        (("A", "a2"), 40, 70.0),
        (("B", "b1"), 20, 90.0),
        (("C", "c1"), 50, 50.0),
    ]


def test_instansi_below_its_minimum_is_left_out_of_the_national_mean() -> None:
    fixed = Eligibility(rule=EligibilityRule.SHARE, share=0.5)
    levels = (Level("instansi", InstitutionMethod.POOLED, eligibility=fixed), Level("unit_kerja"))
    heads = {
        ("a",): 100,  # 80 respondents, minimum 50: eligible
        ("b",): 100,  # 20 respondents, minimum 50: left out
        ("c",): 60,  # 50 respondents, minimum 30: eligible
        ("a", "a1"): 40,
        ("a", "a2"): 40,
        ("b", "b1"): 20,
        ("c", "c1"): 50,
    }
    rows, top, issues = _build(_instansi_cells(), levels, _rubric(), heads)
    assert rows[("B", "")].eligible is False
    assert rows[("B", "")].min_respondents == 50
    assert rows[("B", "")].index.raw == pytest.approx(90.0)
    # national = unweighted mean of A (65) and C (50); B's 90 is not in it
    assert top.index.raw == pytest.approx(57.5)
    assert top.respondents == 130
    assert any(i.group == "B" and "below the minimum 50" in i.message for i in issues)


def test_each_level_has_its_own_anonymity_floor() -> None:
    levels = (Level("instansi", min_group_size=30), Level("unit_kerja", min_group_size=10))
    cells = [
        (("A", "a1"), 12, 60.0),
        (("A", "a2"), 12, 70.0),
        (("B", "b1"), 40, 90.0),
        (("C", "c1"), 40, 50.0),
        (("C", "c2"), 40, 55.0),
    ]
    rows, top, _ = _build(cells, levels, _rubric())
    # A (24 < 30) is withheld for anonymity though each of its units has >= 10 people, so
    # its units must be hidden too (A would be their sum) ...
    assert rows[("A", "")].withheld == "anonymity"
    assert rows[("A", "a1")].withheld or rows[("A", "a2")].withheld
    # ... and another instansi too (the national row minus the others would give A)
    assert sum(1 for k, r in rows.items() if k[1] == "" and r.withheld) >= 2
    assert top.withheld is None


def _equations(
    rows: dict[tuple[str, ...], GroupResult], top: GroupResult, cells: list[Cell]
) -> npt.NDArray[np.float64]:
    """Published scores as linear equations over the leaves' score sums (attacker's view)."""
    leaves = {c[0]: i for i, c in enumerate(cells)}
    known = []
    for key, row in [*rows.items(), ((), top)]:
        if row.withheld or row.index is None:
            continue
        path = tuple(p for p in key if p)
        members = [i for k, i in leaves.items() if k[: len(path)] == path]
        vec = np.zeros(len(cells))
        vec[members] = 1.0
        known.append(vec)
    return np.array(known)


@pytest.mark.parametrize("seed", range(12))
def test_no_withheld_cell_is_recoverable_from_published_totals(seed: int) -> None:
    """Attacker: every published (pooled) total is a sum of leaf score sums; no withheld small
    group's sum may be in their span, at any level."""
    rng = np.random.default_rng(seed)
    cells = []
    for i, j in itertools.product(range(4), range(3)):
        n = int(rng.choice([1, 2, 3, 6, 8, 20]))
        cells.append(((f"I{i}", f"U{j}"), n, float(rng.uniform(40, 90))))
    levels = (Level("instansi", min_group_size=12), Level("unit_kerja"))
    rows, top, _ = _build(cells, levels, _rubric(InstitutionMethod.POOLED))
    matrix = _equations(rows, top, cells)
    basis = np.linalg.svd(matrix)[2][: np.linalg.matrix_rank(matrix)] if len(matrix) else None
    for key, row in rows.items():
        small = row.respondents < (12 if key[1] == "" else 5)
        if not (row.withheld and small):
            continue
        path = tuple(p for p in key if p)
        target = np.array([1.0 if c[0][: len(path)] == path else 0.0 for c in cells])
        residual = target - basis.T @ (basis @ target) if basis is not None else target
        assert np.linalg.norm(residual) > 1e-9, f"{key} is recoverable"


def test_cli_levels_json_carries_level_and_path(tmp_path: Path) -> None:
    survey = ROOT / "examples" / "nasional" / "survei-nasional.csv"
    units = ROOT / "examples" / "nasional" / "units-nasional.csv"
    out = tmp_path / "hasil.json"
    env_cmd = [sys.executable, "-m", "berakhlak_cli", "score", str(survey), "-q"]
    env_cmd += ["--level", "instansi", "--level", "unit_kerja", "--units", str(units)]
    env_cmd += ["-o", str(out), "--generated-at", "2026-01-01T00:00:00Z"]
    done = subprocess.run(env_cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["levels"] == ["instansi", "unit_kerja"]
    kinds = {g["level"] for g in doc["groups"]}
    assert kinds == {"instansi", "unit_kerja"}
    tiga = next(g for g in doc["groups"] if g["path"] == ["Pemerintah Kabupaten Contoh Tiga"])
    assert tiga["eligible"] is False
    assert doc["institution"]["path"] == []
    assert doc["rubric"]["summary"]["levels"][0]["column"] == "instansi"


def test_level_and_by_cannot_be_combined() -> None:
    survey = ROOT / "examples" / "nasional" / "survei-nasional.csv"
    cmd = [sys.executable, "-m", "berakhlak_cli", "score", str(survey), "--level", "instansi"]
    done = subprocess.run([*cmd, "--by", "unit_kerja"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "--level" in done.stderr and "Traceback" not in done.stderr


def test_national_generator_is_byte_identical() -> None:
    folder = ROOT / "examples" / "nasional"
    # NOTE: loaded by path under its own name: benchmarks/generate.py is also "generate".
    spec = importlib.util.spec_from_file_location("nasional_generate", folder / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files = module.generate()
    assert sorted(files) == ["rubrik-nasional.yaml", "survei-nasional.csv", "units-nasional.csv"]
    for name, text in files.items():
        assert (folder / name).read_text(encoding="utf-8") == text, name


def test_rows_without_an_instansi_do_not_lower_the_unit_floor() -> None:
    """A blank first level forms a leaf held to the deepest level's floor, not its own."""
    levels = (Level("instansi", min_group_size=3), Level("unit_kerja", min_group_size=10))
    cells = [
        (("A", "a1"), 8, 60.0),
        (("A", "a2"), 30, 70.0),
        (("B", "b1"), 40, 90.0),
        (("", "x"), 4, 50.0),
    ]
    rows, _, _ = _build(cells, levels, _rubric())
    assert rows[("A", "a1")].withheld == "anonymity"
    assert ("", "") not in rows and ("", "x") not in rows
