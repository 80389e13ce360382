"""Small-group suppression: withheld groups carry no scores and cannot be derived by subtraction.

The attacker here is independent of ``scoring.suppression``: a withheld group's score sum is
exposed when its unit vector lies in the row space of the published equations (each published
parent: the sum of its children's score sums), tested with ``numpy.linalg.matrix_rank``.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from berakhlak_cli.api.score import score_survey
from berakhlak_cli.cli import app
from berakhlak_cli.loaders.rubric.load import load_rubric
from berakhlak_cli.scoring.groups.breakdowns import Cells, parents_of, suppress
from berakhlak_cli.scoring.groups.suppression import ANONYMITY, COMPLEMENTARY, Parent, withhold

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kalteng"
RUBRIC = load_rubric()
ITEMS = [f"{v}{i}" for v in ("bp", "ak", "ko", "ha", "lo", "ad", "kl") for i in (1, 2, 3)]
SCORE_FIELDS = {"values", "index", "evidence", "combined", "index_interval", "value_intervals"}


def exposed(hidden: Sequence[int], equations: Sequence[set[int]]) -> set[int]:
    """Withheld cells whose value follows from the equations (independent rank test)."""
    rows = [[1.0 if g in eq else 0.0 for g in hidden] for eq in equations if eq & set(hidden)]
    if not rows:
        return set()
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    out = set()
    for j, g in enumerate(hidden):
        unit = np.zeros((1, len(hidden)))
        unit[0, j] = 1.0
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            out.add(g)
    return out


def _table(counts: dict[tuple[str, str], int]) -> tuple[list[tuple[str, str]], list[int]]:
    keys = sorted(counts)
    return keys, [counts[k] for k in keys]


def _published(parents: Sequence[Parent]) -> list[set[int]]:
    return [set(p.cells) for p in parents if p.published]


def test_one_small_unit_takes_the_smallest_sibling_with_it() -> None:
    counts = [3, 10, 20]
    parents = parents_of([("A",), ("B",), ("C",)], counts, [0, 1, 2], 5)
    assert withhold(counts, parents, 5) == {0: ANONYMITY, 1: COMPLEMENTARY}


def test_two_small_units_must_reach_the_floor_together() -> None:
    """2 + 2 people: their pooled mean (= institution minus C) would describe 4 < 5 people."""
    counts = [2, 2, 20]
    parents = parents_of([("A",), ("B",), ("C",)], counts, [0, 1, 2], 5)
    assert withhold(counts, parents, 5) == {0: ANONYMITY, 1: ANONYMITY, 2: COMPLEMENTARY}


def test_groups_outside_the_parent_need_no_complement() -> None:
    """A unit left out of the institution row (below minimum) is in no equation."""
    counts = [3, 10, 20]
    parents = parents_of([("A",), ("B",), ("C",)], counts, [1, 2], 5)
    assert withhold(counts, parents, 5) == {0: ANONYMITY}


def test_cross_breakdown_protects_against_the_unit_and_type_totals() -> None:
    """U1/PPPK (2 people) is hidden; its unit total and the PPPK total are published by the
    plain runs, so one more cell in its row and its column, and the fourth corner, go too."""
    counts_by_key = {
        ("U1", "PNS"): 10,
        ("U1", "PPPK"): 2,
        ("U2", "PNS"): 12,
        ("U2", "PPPK"): 11,
        ("U3", "PNS"): 30,
        ("U3", "PPPK"): 25,
    }
    keys, counts = _table(counts_by_key)
    parents = parents_of(keys, counts, range(len(keys)), 5)
    hidden = withhold(counts, parents, 5)
    named = {keys[g]: why for g, why in hidden.items()}
    assert named == {
        ("U1", "PPPK"): ANONYMITY,
        ("U1", "PNS"): COMPLEMENTARY,
        ("U2", "PNS"): COMPLEMENTARY,
        ("U2", "PPPK"): COMPLEMENTARY,
    }
    assert exposed(sorted(hidden), _published(parents)) == set()
    # The old one-level rule (institution only) would have hidden U1/PPPK + U1/PNS, and the
    # PPPK column total minus U2/PPPK and U3/PPPK gives U1/PPPK back:
    old = [keys.index(("U1", "PPPK")), keys.index(("U1", "PNS"))]
    assert keys.index(("U1", "PPPK")) in exposed(old, _published(parents))


def test_a_bridge_between_two_protected_blocks_is_broken() -> None:
    """Every row and column has two hidden cells, yet (r1, c3) is determined: the sum of the
    r1, r2 row equations minus the c1, c2 column equations isolates it. Rule 3 must act."""
    counts_by_key = {(f"r{r}", f"c{c}"): 40 for r in range(1, 6) for c in range(1, 6)}
    small = [(1, 1), (1, 2), (2, 1), (2, 2), (3, 3), (3, 4), (4, 3), (4, 4), (1, 3)]
    for r, c in small:
        counts_by_key[(f"r{r}", f"c{c}")] = 3
    keys, counts = _table(counts_by_key)
    parents = parents_of(keys, counts, range(len(keys)), 5)
    bridge = keys.index(("r1", "c3"))
    tiny = [keys.index((f"r{r}", f"c{c}")) for r, c in small]
    assert bridge in exposed(tiny, _published(parents))
    hidden = withhold(counts, parents, 5)
    assert set(tiny) <= set(hidden) and len(hidden) > len(tiny)
    assert exposed(sorted(hidden), _published(parents)) & set(tiny) == set()


TABLES = st.integers(2, 5).flatmap(
    lambda rows: st.integers(2, 4).flatmap(
        lambda cols: st.lists(
            st.sampled_from([0, 1, 2, 3, 4, 6, 9, 15, 40]),
            min_size=rows * cols,
            max_size=rows * cols,
        ).map(lambda ns: (rows, cols, ns))
    )
)


@settings(max_examples=60, deadline=None)
@given(table=TABLES, floor=st.sampled_from([3, 5, 10]))
def test_no_small_cell_is_ever_derivable(table: tuple[int, int, list[int]], floor: int) -> None:
    rows, cols, ns = table
    counts_by_key = {
        (f"u{r}", f"j{c}"): ns[r * cols + c]
        for r in range(rows)
        for c in range(cols)
        if ns[r * cols + c]
    }
    if not counts_by_key:
        return
    keys, counts = _table(counts_by_key)
    parents = parents_of(keys, counts, range(len(keys)), floor)
    hidden = withhold(counts, parents, floor)
    small = {g for g, n in enumerate(counts) if n < floor}
    assert small <= set(hidden)
    # Margins published by the one-way runs can expose a cell on their own (e.g. a unit of
    # B + C people and a type of only B people); no choice in this table can prevent that.
    structural = exposed(list(range(len(keys))), _published(parents))
    assert exposed(sorted(hidden), _published(parents)) & small <= structural
    pinned = {p.cells[0] for p in parents if p.published and len(p.cells) == 1}
    for parent in parents:
        inside = [g for g in parent.cells if g in hidden]
        free = [g for g in parent.cells if g not in hidden and g not in pinned]
        if parent.published and inside and free:
            assert len(inside) >= 2 and sum(counts[g] for g in inside) >= floor


def test_what_the_one_way_runs_expose_is_beyond_repair() -> None:
    """u1 = B + C (4 people) and j0 = B (3 people) are both published by the one-way runs,
    so C (1 person) = u1 - j0 whatever the cross table hides. The rule cannot help; the test
    pins that the attacker model sees it (docs/privacy.md, limits)."""
    keys, counts = _table({("u0", "j1"): 3, ("u1", "j0"): 3, ("u1", "j1"): 1})
    parents = parents_of(keys, counts, range(3), 3)
    assert keys.index(("u1", "j1")) in exposed([0, 1, 2], _published(parents))


Atom = tuple[str, str, int]  # (unit, jenis_asn, respondents); "" for a blank type


def _in_row_space(v: set[int], equations: Sequence[set[int]], width: int) -> bool:
    """Independent rank test: the indicator of ``v`` is a combination of the equations."""
    if not equations:
        return False
    matrix = np.array([[1.0 if a in eq else 0.0 for a in range(width)] for eq in equations])
    vector = np.array([[1.0 if a in v else 0.0 for a in range(width)]])
    rank = np.linalg.matrix_rank(matrix)
    return bool(np.linalg.matrix_rank(np.vstack([matrix, vector])) == rank)


def _three_runs(
    atoms: Sequence[Atom], floor: int = 5
) -> tuple[dict[str, dict[tuple[str, ...], str]], dict[str, list[set[int]]], list[set[int]]]:
    """The runs ``--by unit_kerja``, ``--by jenis_asn`` and both, each over fine cells built as
    the CLI builds them (the ``--by`` columns then the unit, in the order the rows come):
    (withheld by key per run, published sets of atoms per run, protected sets of atoms)."""
    specs = {
        "unit": (lambda a: (a[0],), 0, (0,)),
        "type": (lambda a: (a[1], a[0]), 1, (0,)),
        "cross": (lambda a: (a[0], a[1]), 0, (0, 1)),
    }
    everyone = set(range(len(atoms)))
    published = {"institution": [everyone] if sum(a[2] for a in atoms) >= floor else []}
    protected = [{i} for i, a in enumerate(atoms) if a[2] < floor]
    withheld: dict[str, dict[tuple[str, ...], str]] = {}
    for name, (fine_key, unit, by) in specs.items():
        keys = list(dict.fromkeys(fine_key(a) for a in atoms))
        counts = [sum(a[2] for a in atoms if fine_key(a) == k) for k in keys]
        run, hidden = suppress(Cells(keys, counts, [True] * len(keys), unit), by, floor)
        withheld[name] = {run.keys[c]: why for c, why in hidden.items() if not run.blank[c]}
        published[name] = []
        for c in range(len(run.keys)):
            members = {i for i, a in enumerate(atoms) if run.cell_of[keys.index(fine_key(a))] == c}
            if hidden.get(c) == ANONYMITY or (run.blank[c] and run.counts[c] < floor):
                protected.append(members)
            elif c not in hidden and not run.blank[c]:
                published[name].append(members)
    return withheld, published, protected


CASE_A: list[Atom] = [
    ("U0", "PNS", 5),
    ("U0", "PPPK", 5),
    ("U0", "", 2),
    ("U1", "PNS", 1),
    ("U1", "", 2),
    ("U2", "PPPK", 5),
]
# NOTE: PNS comes first in the file, so the type run once numbered PNS before PPPK.
CASE_B: list[Atom] = [("U0", "PPPK", 3), ("U1", "PNS", 7), ("U1", "PPPK", 4), ("U1", "", 1)]


def test_a_margin_withheld_for_anonymity_stays_undetermined_in_the_cross_run() -> None:
    """Audit case A: U1 (3 people) is withheld for anonymity by unit, U2 (5, all PPPK) as its
    complement. Publishing U2 x PPPK in the cross run would give U1 = institution - U0 -
    U2 x PPPK, so the combination U1 x PNS + U1 x blank is protected in the cross run."""
    withheld, runs, protected = _three_runs(CASE_A)
    published = [eq for sets in runs.values() for eq in sets]
    assert withheld["unit"] == {("U1",): ANONYMITY, ("U2",): COMPLEMENTARY}
    assert withheld["type"] == {("PNS",): COMPLEMENTARY}
    assert withheld["cross"] == {
        ("U0", "PNS"): COMPLEMENTARY,
        ("U0", "PPPK"): COMPLEMENTARY,
        ("U1", "PNS"): ANONYMITY,
        ("U2", "PPPK"): COMPLEMENTARY,
    }
    for v in protected:
        assert not _in_row_space(v, published, len(CASE_A)), v
    # The defect: with U2 x PPPK published, institution - U0 - U2 x PPPK is U1.
    old = [set(range(6)), {0, 1, 2}, {5}]
    assert _in_row_space({3, 4}, old, len(CASE_A))


def test_the_simulated_type_run_is_the_real_one_whatever_the_row_order() -> None:
    """Audit case B: PNS (7) and PPPK (7) tie as complement of the blank-type respondent. The
    type run on the file (PNS first) and its simulation in the cross run (PPPK first among the
    fine cells) must choose the same one, or institution - PPPK - U1 x PNS is that person."""
    withheld, runs, protected = _three_runs(CASE_B)
    published = [eq for sets in runs.values() for eq in sets]
    assert withheld["type"] == {("PNS",): COMPLEMENTARY}
    assert withheld["unit"] == {("U0",): ANONYMITY, ("U1",): COMPLEMENTARY}
    assert withheld["cross"] == {
        ("U0", "PPPK"): ANONYMITY,
        ("U1", "PNS"): COMPLEMENTARY,
        ("U1", "PPPK"): ANONYMITY,
    }
    blank = CASE_B.index(("U1", "", 1))
    assert {blank} in protected
    for v in protected:
        assert not _in_row_space(v, published, len(CASE_B)), v


def _random_atoms(rnd: random.Random) -> list[Atom]:
    units = [f"U{u}" for u in range(rnd.randint(2, 5))]
    kinds = ["PNS", "PPPK", "CPNS", ""]
    atoms = [
        (u, k, rnd.choice([1, 2, 3, 4, 5, 6, 7, 9, 12]))
        for u in units
        for k in kinds
        if rnd.random() < 0.7
    ]
    return atoms or [("U0", "PNS", 5)]


@pytest.mark.parametrize("block", range(6))
def test_withheld_groups_do_not_depend_on_the_row_order(block: int) -> None:
    """Shuffling the fine cells changes no run's withheld groups (ties are broken by key),
    and the three runs together determine no protected group or cell beyond what the one-way
    margins give away by themselves (docs/privacy.md, limits). 240 seeded tables; before the
    fix, 5 of the first 40 depended on the row order and seeds 59, 129, 162, 203 exposed a
    margin withheld for anonymity through the cross run."""
    for seed in range(40 * block, 40 * block + 40):
        rnd = random.Random(seed)
        atoms = _random_atoms(rnd)
        withheld, runs, protected = _three_runs(atoms)
        for _ in range(3):
            shuffled = atoms[:]
            rnd.shuffle(shuffled)
            assert _three_runs(shuffled)[0] == withheld, seed
        published = [eq for sets in runs.values() for eq in sets]
        margins = runs["institution"] + runs["unit"] + runs["type"]
        for v in protected:
            if _in_row_space(v, published, len(atoms)):
                assert _in_row_space(v, margins, len(atoms)), (seed, atoms, v)


def _survey(path: Path, units: dict[str, int]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["nip", "unit_kerja", *ITEMS])
    row = 0
    for unit, n in units.items():
        for _ in range(n):
            row += 1
            writer.writerow([str(row), unit, *[str(1 + (row + j) % 5) for j in range(21)]])
    path.write_text(out.getvalue(), encoding="utf-8")


def test_institution_alone_below_the_floor_is_withheld(tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    _survey(path, {"Biro Kecil": 3})
    sheet, _ = score_survey(path, RUBRIC)
    assert sheet.groups[0].withheld == ANONYMITY
    assert sheet.institution.withheld == ANONYMITY and sheet.institution.index is None


def test_institution_of_one_included_unit(tmp_path: Path) -> None:
    """Biro Kecil (3 of 40 staff) is below the minimum and outside the institution row, which
    is then exactly Biro Besar: published, and no small group is inside it."""
    path = tmp_path / "survey.csv"
    _survey(path, {"Biro Besar": 30, "Biro Kecil": 3})
    sheet, _ = score_survey(path, RUBRIC, headcounts={"Biro Besar": 30, "Biro Kecil": 40})
    big, small = sheet.groups
    assert small.withheld == ANONYMITY and small.eligible is False
    assert big.withheld is None
    assert sheet.institution.respondents == 30
    assert sheet.institution.index == big.index


def test_json_has_no_scores_for_withheld_groups(runner: CliRunner) -> None:
    survey = str(EXAMPLE / "survei-2024.csv")
    result = runner.invoke(
        app, ["score", survey, "--by", "unit_kerja", "--by", "jenis_asn", "-f", "json"]
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    hidden = [g for g in doc["groups"] if g["withheld"]]
    assert {g["withheld"] for g in hidden} == {ANONYMITY, COMPLEMENTARY}
    for group in hidden:
        assert SCORE_FIELDS.isdisjoint(group), group
    for group in doc["groups"]:
        if not group["withheld"]:
            assert group["index"] is not None


def test_published_runs_together_expose_no_small_cell() -> None:
    """Score the example three ways (by unit, by type, by unit x type) and attack with every
    published number: no cell under the floor can be solved for."""
    survey = EXAMPLE / "survei-2024.csv"
    cross, _ = score_survey(survey, RUBRIC, group_by=("unit_kerja", "jenis_asn"))
    by_unit, _ = score_survey(survey, RUBRIC, group_by=("unit_kerja",))
    by_type, _ = score_survey(survey, RUBRIC, group_by=("jenis_asn",))
    keys = [g.key for g in cross.groups]
    hidden = [i for i, g in enumerate(cross.groups) if g.withheld]
    equations: list[set[int]] = []
    if cross.institution.withheld is None:
        equations.append(set(range(len(keys))))
    for sheet, dim in ((by_unit, 0), (by_type, 1)):
        for margin in sheet.groups:
            if margin.withheld is None:
                equations.append({i for i, k in enumerate(keys) if k[dim] == margin.key[0]})
    small = {i for i, g in enumerate(cross.groups) if g.respondents < 5}
    assert small and small <= set(hidden)
    assert exposed(hidden, equations) & small == set()


def test_csv_and_xlsx_have_no_scores_for_withheld_groups(runner: CliRunner, tmp_path: Path) -> None:
    survey = str(EXAMPLE / "survei-2024.csv")
    by = ["--by", "unit_kerja", "--by", "jenis_asn"]
    result = runner.invoke(app, ["score", survey, *by, "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    value_ids = [v.id for v in RUBRIC.values]
    scored = [*value_ids, "index_raw", "index", "index_ci_lower", "index_ci_upper", "band"]
    hidden = [r for r in rows if r["withheld"]]
    assert len(hidden) >= 6
    for row in hidden:
        assert all(row[c] == "" for c in scored if c in row), row
    out = tmp_path / "out.xlsx"
    if runner.invoke(app, ["score", survey, *by, "-f", "xlsx", "-o", str(out)]).exit_code == 0:
        from openpyxl import load_workbook

        sheet = load_workbook(out).worksheets[0]
        table = [[c.value for c in r] for r in sheet.iter_rows()]
        head = next(r for r in table if "withheld" in [str(c) for c in r] or "BP" in r)
        for line in table[table.index(head) + 1 :]:
            if any(isinstance(c, str) and c in (ANONYMITY, COMPLEMENTARY) for c in line):
                assert not any(isinstance(c, float) for c in line), line
