"""An attacker who holds every breakdown the CLI publishes of one file (issue #18).

The attacker runs ``score -f json`` with ``--by`` each attribute and each pair of attributes,
all with the same settings (all without ``--units``, or all with it), and knows which rows
each published total covers (the file, the row numbers of the excluded rows and the units left
out, as the issues list them). Every published total (a group or the institution row) gives
``count x mean = sum over its respondents``: one linear equation over the respondents' score
vectors. Something is recovered exactly when its indicator vector lies in the row space of
the published sets: a withheld group, or one respondent (the difference 528 x B - 527 x A that
once gave row 307's seven scores). The test computes that row space (SVD) and finds nothing.

Membership is rebuilt from the file, not taken from the scorer, and every rebuilt set must
have exactly the published respondent count, so a breakdown covering other rows than the
rule in docs/privacy.md says fails here too.
"""

from __future__ import annotations

import csv
import io
import json
import random
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.model.normalize import normalize

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kalteng"
ITEMS = [f"{v}{i}" for v in ("bp", "ak", "ko", "ha", "lo", "ad", "kl") for i in (1, 2, 3)]
UNIT = "unit_kerja"

Sets = list[frozenset[int]]


def _norm(text: str) -> str:
    return normalize(" ".join(text.split()))


def _breakdowns(attributes: list[str]) -> list[tuple[str, ...]]:
    return [(a,) for a in attributes] + list(combinations(attributes, 2))


def _publications(
    runner: CliRunner, survey: Path, by: tuple[str, ...], units: Path | None
) -> tuple[Sets, Sets, set[int]]:
    """(published sets, withheld sets, scored rows) of one run, rebuilt from the file."""
    args = ["score", str(survey), "-f", "json", "-q"]
    args += [x for column in by for x in ("--by", column)]
    args += ["--units", str(units)] if units else []
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    issues = doc["issues"]["items"]
    assert len(issues) == doc["issues"]["count"]
    excluded = {i["row"] for i in issues if i["excluded"]}
    left_out = {
        _norm(i["group"])
        for i in issues
        if i["code"] == "below-minimum-respondents" and "left out" in i["message"]
    }
    with survey.open(encoding="utf-8") as fh:
        rows = {n: r for n, r in enumerate(csv.DictReader(fh), start=2) if n not in excluded}
    inside = {n for n, r in rows.items() if _norm(r[UNIT]) not in left_out}
    # docs/privacy.md: a breakdown with the unit column shows every unit, one without it is a
    # breakdown of the institution population.
    base = set(rows) if UNIT in by else inside
    published: Sets = []
    withheld: Sets = []
    for group in doc["groups"]:
        key = {c: _norm(v) for c, v in group["key"].items()}
        members = frozenset(n for n in base if all(_norm(rows[n][c]) == key[c] for c in by))
        assert len(members) == group["respondents"], (by, group["key"])
        (withheld if group["withheld"] else published).append(members)
    institution = doc["institution"]
    assert len(inside) == institution["respondents"], by
    (withheld if institution["withheld"] else published).append(frozenset(inside))
    return published, withheld, set(rows)


def _recovered(published: Sets, targets: Sets, people: list[int]) -> tuple[Sets, list[int]]:
    """Targets and single respondents whose indicator lies in the published sets' row space."""
    column = {p: j for j, p in enumerate(people)}
    matrix = np.zeros((len(published), len(people)))
    for i, members in enumerate(published):
        matrix[i, [column[p] for p in members]] = 1.0
    _, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9 * max(singular[0], 1.0)).sum())
    null = vt[rank:]
    found = []
    for target in targets:
        vector = np.zeros(len(people))
        vector[[column[p] for p in target]] = 1.0
        if np.linalg.norm(null @ vector) < 1e-7:
            found.append(target)
    alone = [p for p, j in column.items() if np.linalg.norm(null[:, j]) < 1e-7]
    return found, alone


def _attack(
    runner: CliRunner, survey: Path, attributes: list[str], units: Path | None
) -> tuple[int, Sets, list[int]]:
    """Number of totals published, withheld groups recovered, respondents recovered."""
    published: Sets = []
    withheld: Sets = []
    people: set[int] = set()
    for by in _breakdowns(attributes):
        shown, hidden, scored = _publications(runner, survey, by, units)
        published += shown
        withheld += hidden
        people |= scored
    found, alone = _recovered(published, withheld, sorted(people))
    return len(published), found, alone


@pytest.mark.parametrize("with_units", [False, True])
def test_the_example_gives_nothing_away(runner: CliRunner, with_units: bool) -> None:
    units = EXAMPLE / "units.csv" if with_units else None
    attributes = [UNIT, "jenis_asn", "jabatan"]
    count, found, alone = _attack(runner, EXAMPLE / "survei-2024.csv", attributes, units)
    assert count > 50
    assert found == [] and alone == []


def _generated(path: Path, seed: int) -> Path:
    """A survey with small units, blank attributes, a blank unit and rare combinations; the
    units file leaves some units out of the institution row."""
    rnd = random.Random(seed)
    sizes = [rnd.choice([1, 2, 3, 4, 6, 9, 15, 30]) for _ in range(rnd.randint(4, 9))]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["nip", UNIT, "jenis_asn", "jabatan", *ITEMS])
    row = 0
    headcounts = {}
    for u, size in enumerate(sizes):
        headcounts[f"Unit {u}"] = size + rnd.choice([0, 0, 1, 40])
        for _ in range(size):
            row += 1
            unit = "" if rnd.random() < 0.02 else f"Unit {u}"
            kind = rnd.choice(["PNS", "PNS", "PNS", "PPPK", "CPNS", ""])
            role = rnd.choice(["Pelaksana", "Fungsional", "Struktural", "Pelaksana", ""])
            answers = [str(rnd.randint(1, 5)) for _ in ITEMS]
            writer.writerow([f"id{row}", unit, kind, role, *answers])
    path.write_text(out.getvalue(), encoding="utf-8")
    units = path.with_name(f"units-{seed}.csv")
    units.write_text(
        "unit_kerja,headcount\n" + "".join(f"{u},{h}\n" for u, h in headcounts.items()),
        encoding="utf-8",
    )
    return units


@pytest.mark.parametrize("seed", range(6))
def test_generated_files_give_nothing_away(runner: CliRunner, tmp_path: Path, seed: int) -> None:
    survey = tmp_path / f"survey-{seed}.csv"
    units = _generated(survey, seed)
    for settings in (None, units):
        _, found, alone = _attack(runner, survey, [UNIT, "jenis_asn", "jabatan"], settings)
        assert found == [] and alone == [], (seed, settings)


def test_runs_with_different_settings_are_a_documented_limit(runner: CliRunner) -> None:
    """docs/privacy.md: a run with ``--units`` and one without differ by the units left out;
    with the example, that difference gives the withheld 4-person unit back (and Biro Hukum,
    withheld as its complement in one run and published in the other)."""
    survey = EXAMPLE / "survei-2024.csv"
    plain, hidden, people = _publications(runner, survey, (UNIT,), None)
    with_units, _, _ = _publications(runner, survey, (UNIT,), EXAMPLE / "units.csv")
    found, _ = _recovered(plain + with_units, hidden, sorted(people))
    assert sorted(len(s) for s in found) == [4, 46]


def test_a_blank_breakdown_cell_stays_in_the_institution_row_and_is_protected(
    runner: CliRunner, tmp_path: Path
) -> None:
    """One row with a blank jenis_asn: it counts in the institution row (the same 30 people as
    the run by unit), is in no group, gets a ``no-group`` issue, and the smallest type is
    withheld so that institution minus the types does not isolate it."""
    lines = ["nip,unit_kerja,jenis_asn," + ",".join(ITEMS)]
    kinds = ["PNS"] * 20 + ["PPPK"] * 6 + ["CPNS"] * 3 + [""]
    for row, kind in enumerate(kinds, start=1):
        answers = ",".join(str(1 + (row * 7 + j) % 5) for j in range(21))
        lines.append(f"id{row},Biro {row % 2},{kind},{answers}")
    survey = tmp_path / "s.csv"
    survey.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(survey), "--by", "jenis_asn", "-f", "json"])
    doc = json.loads(result.stdout)
    assert doc["institution"]["respondents"] == 30 and doc["institution"]["withheld"] is None
    shown = {g["key"]["jenis_asn"]: (g["respondents"], g["withheld"]) for g in doc["groups"]}
    assert shown == {"CPNS": (3, "anonymity"), "PNS": (20, None), "PPPK": (6, "complementary")}
    issue = next(i for i in doc["issues"]["items"] if i["code"] == "no-group")
    assert (issue["row"], issue["excluded"]) == (31, False)
    assert (
        issue["message"] == "no value in 'jenis_asn': counted in the institution row, in no group"
    )


def _audit_survey(path: Path, people: list[tuple[str, str, int]]) -> None:
    """Every item of a respondent has the same answer (audit f1 inputs)."""
    lines = ["nip,unit_kerja,jenis_asn," + ",".join(ITEMS)]
    lines += [f"R{i:04d},{u},{j}," + ",".join([str(a)] * 21) for i, (u, j, a) in enumerate(people)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


_PAIRS = [("PNS", "PPPK")[i % 2] for i in range(10)]
AUDIT = {
    # U1 (3) withheld by unit and U2 (5, all PPPK) as its complement: the cross run must not
    # publish U2 x PPPK, or institution - U0 - U2 x PPPK is U1.
    "A": [("U0", "", 4), ("U0", "", 3)]
    + [("U0", _PAIRS[i], (3, 4, 5, 4, 3)[i % 5]) for i in range(10)]
    + [("U1", "PNS", 2), ("U1", "", 1), ("U1", "", 2)]
    + [("U2", "PPPK", a) for a in (4, 3, 4, 5, 3)],
    # PNS first in the file: the type run and its simulation in the cross run must pick the
    # same complement for the one blank-type respondent.
    "B": [("U0", "PPPK", a) for a in (2, 3, 2)]
    + [("U1", "PNS", a) for a in (3, 4, 4, 5, 3, 4, 4)]
    + [("U1", "PPPK", a) for a in (3, 3, 4, 2)]
    + [("U1", "", 5)],
}


@pytest.mark.parametrize("case", sorted(AUDIT))
@pytest.mark.parametrize("order", ["file", "reversed", "shuffled"])
def test_the_audit_cases_give_nothing_away(
    runner: CliRunner, tmp_path: Path, case: str, order: str
) -> None:
    people = list(AUDIT[case])
    if order == "reversed":
        people.reverse()
    elif order == "shuffled":
        random.Random(7).shuffle(people)
    survey = tmp_path / f"case{case}.csv"
    _audit_survey(survey, people)
    _, found, alone = _attack(runner, survey, [UNIT, "jenis_asn"], None)
    assert found == [] and alone == []
