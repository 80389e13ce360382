"""The fast paths of ``score`` (issue #16) give the same results as the general code.

Each fast path is pinned against a hand-computed case and against the general path on the same
input, entry for entry (``==`` on floats: the fast path must give the same bits).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.loaders.rubric.load import default_rubric_path, load_rubric
from berakhlak_cli.loaders.survey.from_csv import has_line_break
from berakhlak_cli.loaders.survey.source import open_survey
from berakhlak_cli.model.behaviours import Distribution
from berakhlak_cli.model.rubric import DuplicatePolicy
from berakhlak_cli.scoring.behaviours.scores import BehaviourStats
from berakhlak_cli.scoring.groups.keys import _unique
from berakhlak_cli.scoring.reliability import ItemMoments
from berakhlak_cli.scoring.reliability_report import _LEVELS, _whole_codes
from berakhlak_cli.scoring.screens import DuplicateScreen
from berakhlak_cli.scoring.structure import Structure, item_scores, keep_columns
from tests.conftest import encoded

MOMENTS = ("_rows", "_n", "_sum", "_cross", "_pair_n", "_pair_sum", "_pair_cross")


def _centred(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    present = ~np.isnan(scores)
    return np.where(present, scores - 50.0, 0.0), present


def test_answer_patterns_hand_computed() -> None:
    # Items x rows, 0-100 scores: rows (100, 75, nan), (50, 50, 50), (100, 75, 25).
    scores = np.array([[100.0, 50.0, 100.0], [75.0, 50.0, 75.0], [np.nan, 50.0, 25.0]])
    z, present = _centred(scores)
    codes = _whole_codes(z, present)
    assert codes is not None
    m = ItemMoments(["a", "b", "c"])
    m.add_patterns(codes, _LEVELS)
    # Complete rows 2 and 3, centred (0, 0, 0) and (50, 25, -25).
    assert m._rows == 3 and m._n == 2
    assert m._sum.tolist() == [50.0, 25.0, -25.0]
    assert m._cross[0].tolist() == [2500.0, 1250.0, -1250.0]
    # Pairwise: items a and c are both present in rows 2 and 3 only.
    assert m._pair_n[0].tolist() == [3.0, 3.0, 2.0]
    assert m._pair_sum[0, 2] == 50.0  # sum of centred a where c is present: 0 + 50
    assert m._pair_cross[0, 1] == 50 * 25 + 0 + 50 * 25


@pytest.mark.parametrize("seed", range(6))
def test_answer_patterns_equal_the_general_sums_bit_for_bit(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 3000))
    step = 25.0 if seed % 2 else 1.0
    scores = rng.integers(0, int(100 / step) + 1, size=(3, n)) * step
    scores[rng.random((3, n)) < 0.15] = np.nan
    z, present = _centred(scores)
    codes = _whole_codes(z, present)
    assert codes is not None
    fast, general = ItemMoments(["a", "b", "c"]), ItemMoments(["a", "b", "c"])
    fast.add_patterns(codes, _LEVELS)
    general.add_centred(z, present)
    for name in MOMENTS:
        assert np.array_equal(getattr(fast, name), getattr(general, name)), name


def test_scores_that_are_not_whole_numbers_take_the_general_path() -> None:
    scores = np.array([[33.333333333333336, 100.0]])
    assert _whole_codes(*_centred(scores)) is None


def test_unique_without_sort_equals_numpy_unique() -> None:
    codes = np.array([7, 3, 3, 0, 12, 7, 7, 1], dtype=np.int64)
    uniq, inverse = _unique(codes)
    want_uniq, want_inverse = np.unique(codes, return_inverse=True)
    assert uniq.tolist() == want_uniq.tolist() == [0, 1, 3, 7, 12]
    assert inverse.tolist() == want_inverse.tolist() == [3, 2, 2, 0, 4, 3, 3, 1]


def test_repeated_ids_are_found_across_many_batches() -> None:
    screen = DuplicateScreen(DuplicatePolicy.KEEP_FIRST)
    found = []
    # Seven batches: the sorted runs of seen ids are merged as they grow; an id of batch 1
    # must still be found in batch 7, and a repeat inside a batch too.
    for b in range(7):
        ids = [f"id{b}-{i}" for i in range(3)]
        if b == 6:
            ids = ["id0-1", "id3-2", "x", "x"]
        dup = screen.drop(2 + 3 * b, encoded(ids))
        found.append(dup.tolist())
    assert found[:6] == [[False, False, False]] * 6
    assert found[6] == [True, True, False, True]


def test_seen_ids_stop_merging_at_the_run_limit_and_are_still_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With runs capped at 4 ids, twelve batches of 3 leave several frozen runs, none longer
    # than two merged batches; an id of each earlier batch is still found in the last one.
    monkeypatch.setattr("berakhlak_cli.scoring.screens._RUN_LIMIT", 4)
    screen = DuplicateScreen(DuplicatePolicy.KEEP_FIRST)
    for b in range(11):
        assert not screen.drop(2 + 3 * b, encoded([f"id{b}-{i}" for i in range(3)])).any()
    runs = [len(run) for run in screen._seen]
    assert sum(runs) == 33 and max(runs) <= 6 and len(runs) >= 5
    assert all(np.all(run[:-1] <= run[1:]) for run in screen._seen)
    last = [f"id{b}-{b % 3}" for b in range(11)] + ["new", "new"]
    assert screen.drop(35, encoded(last)).tolist() == [True] * 11 + [False, True]


def test_a_batch_without_ids_leaves_the_seen_ids_usable() -> None:
    screen = DuplicateScreen(DuplicatePolicy.KEEP_FIRST)
    assert screen.drop(2, encoded(["", None])).tolist() == [False, False]
    assert screen.drop(4, encoded(["a", "a"])).tolist() == [False, True]
    assert screen.drop(6, encoded([""])).tolist() == [False]
    assert screen.drop(7, encoded(["a"])).tolist() == [True]


def test_behaviour_results_of_many_groups_equal_one_at_a_time() -> None:
    rubric = load_rubric(default_rubric_path())
    stats = BehaviourStats(rubric, Structure.from_rubric(rubric))
    rng = np.random.default_rng(5)
    n, items = 400, len(rubric.items)
    scores = rng.integers(0, 5, size=(items, n)) * 25.0
    scores[rng.random((items, n)) < 0.1] = np.nan
    group = rng.integers(0, 6, size=n).astype(np.intp)
    group[:3] = 5  # group 5: three respondents, group 6 below has none
    stats.grow(7)
    stats.add(group, scores, scores)
    many = stats.results_of([0, 3, 5, 6], rubric)
    assert many == [stats.results(g, rubric) for g in (0, 3, 5, 6)]
    assert many[3]["BP.1"].score is None and many[3]["BP.1"].sd is None
    # a distribution holds its counts only; the shares read from it are the float64 division
    # of the counts that the array pass used to store, bit for bit (issue #16)
    for row in many:
        for result in row.values():
            d = result.distribution
            assert not hasattr(d, "__dict__")
            counts = np.array(d.counts, dtype=np.float64)
            if d.total:
                assert d.shares == tuple((counts / counts.sum()).tolist())
                top = counts[len(counts) - d.favourable_points :].sum()
                assert d.favourable_share == float(top / counts.sum())
    hand = Distribution((1.0, 2.0, 3.0, 4.0, 5.0), (1, 0, 2, 3, 4), 2)
    assert hand.shares == (0.1, 0.0, 0.2, 0.3, 0.4)
    assert (hand.total, hand.favourable, hand.favourable_share) == (10, 7, 0.7)
    assert many[3]["BP.1"].distribution.shares == (None,) * 5


def test_a_line_break_in_any_cell_is_seen_by_the_byte_scan() -> None:
    plain = pa.RecordBatch.from_arrays(
        [pa.array(["a", "b"]), pa.array(["x", "y"]).dictionary_encode()], names=["c0", "c1"]
    )
    assert not has_line_break(plain)
    for cell in ("line\nbreak", "carriage\rreturn"):
        broken = pa.RecordBatch.from_arrays(
            [pa.array(["a", cell]), pa.array(["x", "y"]).dictionary_encode()], names=["c0", "c1"]
        )
        assert has_line_break(broken)
        encoded_break = pa.RecordBatch.from_arrays(
            [pa.array(["a", "b"]), pa.array(["x", cell]).dictionary_encode()], names=["c0", "c1"]
        )
        assert has_line_break(encoded_break)


def test_survey_sha256_is_taken_while_parsing(tmp_path: Path) -> None:
    survey = Path(__file__).resolve().parents[1] / "examples" / "kalteng" / "survei-2024.csv"
    rubric = load_rubric(default_rubric_path())
    source = open_survey(survey, rubric, (rubric.columns.unit.name,))
    assert source.sha256() is None  # nothing read yet
    for _ in source.batches():
        pass
    want = hashlib.sha256(survey.read_bytes()).hexdigest()
    assert source.sha256() == want
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["score", str(survey), "-f", "json", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    inputs = {i["role"]: i["sha256"] for i in json.loads(out.read_text())["inputs"]}
    assert inputs["survey"] == want
    assert inputs["rubric"] == hashlib.sha256(default_rubric_path().read_bytes()).hexdigest()


@pytest.mark.parametrize("seed", range(4))
def test_listwise_sums_from_raw_scores_equal_the_centred_path_bit_for_bit(seed: int) -> None:
    rng = np.random.default_rng(seed)
    scores = rng.random((5, int(rng.integers(1, 2000)))) * 100
    scores[rng.random(scores.shape) < 0.1] = np.nan
    z, present = _centred(scores)
    raw, centred = (
        ItemMoments(list("abcde"), pairwise=False),
        ItemMoments(list("abcde"), pairwise=False),
    )
    raw.add_listwise(scores, present)
    centred.add_centred(z, present)
    in_place = ItemMoments(list("abcde"), pairwise=False)
    in_place.add_listwise(scores.copy(), present, overwrite=True)
    for name in MOMENTS:
        assert np.array_equal(getattr(raw, name), getattr(centred, name)), name
        assert np.array_equal(getattr(in_place, name), getattr(centred, name)), name
    with pytest.raises(ValueError, match="pairwise=False"):
        ItemMoments(["a", "b"]).add_listwise(scores[:2], present[:2])


def test_item_scores_in_place_equal_the_copying_path() -> None:
    rubric = load_rubric(default_rubric_path())
    st = Structure.from_rubric(rubric)
    st = Structure(**{**st.__dict__, "reverse": np.arange(len(st.item_ids)) % 4 == 1})
    rng = np.random.default_rng(3)
    answers = rng.integers(1, 6, size=(len(st.item_ids), 500)).astype(np.float64)
    answers[rng.random(answers.shape) < 0.1] = np.nan
    want = item_scores(answers, st)
    unreversed = item_scores(answers, Structure.from_rubric(rubric))
    assert not np.array_equal(want, unreversed, equal_nan=True)  # the reversed rows differ
    got = item_scores(answers, st, in_place=True)
    assert got is answers
    assert np.array_equal(got, want, equal_nan=True)


@pytest.mark.parametrize("kept", [0.0, 0.3, 0.97, 1.0])
def test_compacted_scores_equal_the_masked_copy(kept: float) -> None:
    rng = np.random.default_rng(5)
    scores = rng.random((21, 1000))
    keep = rng.random(1000) < kept
    want = scores[:, keep]
    got = keep_columns(scores.copy(), keep)
    assert got.flags.c_contiguous and np.array_equal(got, want)


def test_group_keys_are_the_same_when_the_label_cache_is_emptied(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two spellings of one unit merge (first spelling shown), a NIP typed as a unit is never a
    # key, and a cache emptied every two texts gives the same groups as a full one.
    from berakhlak_cli.model.survey import SurveyBatch
    from berakhlak_cli.scoring.groups.keys import GroupKeys

    batches = [
        ["Biro  Hukum", "Biro Umum", "198503302010011002", "biro hukum", ""],
        ["Biro Umum", "BIRO HUKUM", "Dinas Kesehatan", "Biro Umum", "Dinas  kesehatan"],
    ]

    def run() -> tuple[list[tuple[str, ...]], list[list[int]]]:
        keys = GroupKeys(("unit",), 0)
        rows = []
        for b, cells in enumerate(batches):
            batch = SurveyBatch(2 + 5 * b, len(cells), {}, {"unit": encoded(cells)})
            group, _, personal = keys.index(batch)
            rows.append(group.tolist())
            if b == 0:
                assert personal["unit"].tolist() == [False, False, True, False, False]
        return keys.keys, rows

    full = run()
    monkeypatch.setattr("berakhlak_cli.scoring.groups.keys._CACHE_LIMIT", 2)
    assert run() == full
    assert full == (
        [("Biro Hukum",), ("Biro Umum",), ("Dinas Kesehatan",)],
        [[0, 1, -1, 0, -1], [1, 0, 2, 1, 2]],
    )
