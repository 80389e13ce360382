"""Cronbach's alpha, item-rest correlations and reverse-keying warnings (scoring.reliability)."""

from __future__ import annotations

import numpy as np
import pytest

from berakhlak_cli.model.results import IssueCode
from berakhlak_cli.scoring.reliability import (
    ItemCovariance,
    ItemMoments,
    Missing,
    Unavailable,
    cronbach_alpha,
    item_rest,
    reverse_keying_warnings,
)

NAN = np.nan

# Dataset "cronbach_alpha" shipped with pingouin (15 respondents x 10 items, no missing values),
# transposed here: one row per item Q1..Q10, one column per respondent 0..14.
# Reference: pingouin's tests/test_reliability.py compares it with R psych::alpha -> 0.592.
PINGOUIN_CRONBACH_ALPHA = np.array(
    [
        [3, 5, 7, 2, 6, 1, 4, 2, 6, 5, 4, 4, 5, 6, 4],
        [2, 4, 3, 4, 5, 2, 3, 4, 5, 4, 3, 2, 5, 5, 3],
        [4, 6, 5, 3, 6, 3, 5, 4, 5, 6, 5, 3, 6, 5, 5],
        [1, 3, 5, 3, 5, 4, 3, 3, 5, 4, 2, 2, 2, 4, 5],
        [4, 5, 6, 2, 4, 2, 5, 7, 1, 3, 5, 5, 3, 2, 3],
        [5, 1, 4, 2, 4, 5, 2, 2, 6, 5, 3, 3, 3, 2, 1],
        [1, 2, 3, 2, 4, 2, 1, 2, 5, 3, 2, 4, 2, 1, 3],
        [4, 5, 3, 6, 6, 3, 2, 4, 2, 1, 3, 2, 4, 4, 2],
        [3, 5, 6, 6, 7, 5, 4, 6, 3, 7, 4, 3, 4, 6, 3],
        [2, 5, 5, 3, 5, 2, 3, 5, 2, 2, 1, 4, 5, 5, 4],
    ],
    dtype=float,
).T

# Dataset "cronbach_wide_missing" shipped with pingouin (12 respondents x 11 binary items, 3
# missing cells). Reference: pingouin's tests/test_reliability.py, from R
# psych::alpha(data, use = "pairwise") -> 0.732661 and
# psych::alpha(data[complete.cases(data), ]) -> 0.801695.
PINGOUIN_WIDE_MISSING = np.array(
    [
        [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        [1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0],
        [NAN, 0, 1, 1, NAN, 1, 1, 1, 1, 0, 0],
        [1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0],
        [1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0],
        [0, 1, NAN, 0, 1, 1, 1, 1, 0, 0, 0],
        [1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
        [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0],
        [0, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0],
        [1, 0, 0, 1, 0, 1, 0, 0, NAN, 0, 0],
        [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
    ]
)


def finish(data: np.ndarray, names: list[str] | None = None) -> ItemCovariance:
    """One accumulator over all rows of ``data``."""
    acc = ItemMoments(names or [f"Q{i + 1}" for i in range(data.shape[1])])
    acc.add(data)
    return acc.finish()


def rest_correlations(stats: ItemCovariance, missing: Missing) -> list[float | None]:
    return [s.rest_correlation for s in item_rest(stats, missing)]


def alphas_if_deleted(stats: ItemCovariance, missing: Missing) -> list[float | None]:
    return [s.alpha_if_deleted for s in item_rest(stats, missing)]


def test_hand_computed_four_respondents_three_items() -> None:
    # Scores (0-100) in steps of 25: in units of 25, item1 = 0 1 2 3, item2 = 1 1 3 3,
    # item3 = 1 2 3 4; totals 2 4 8 10.  Variances (ddof 1, units 25^2):
    # item1 5/3, item2 4/3, item3 5/3 (sum 14/3); total: deviations -4 -2 2 4 -> 40/3.
    # alpha = 3/2 * (1 - (14/3) / (40/3)) = 3/2 * 26/40 = 39/40.
    # Item-rest, item1: rest = item2 + item3 = 2 3 6 7 (mean 4.5, deviations -2.5 -1.5 1.5
    # 2.5); item1 deviations -1.5 -0.5 0.5 1.5. cov*3 = 3.75 + 0.75 + 0.75 + 3.75 = 9,
    # var_item*3 = 5, var_rest*3 = 17 -> r = 9 / sqrt(5 * 17) = 9 / sqrt(85).
    # Alpha without item1: var2 4/3, var3 5/3, cov23 4/3 -> total 17/3;
    # 2 * (1 - 3 / (17/3)) = 2 * 8/17 = 16/17.
    data = 25.0 * np.array([[0, 1, 1], [1, 1, 2], [2, 3, 3], [3, 3, 4]])
    stats = finish(data)
    for missing in Missing:
        alpha = cronbach_alpha(stats, missing)
        assert alpha.value == pytest.approx(39 / 40, rel=1e-12)
        assert (alpha.k, alpha.n, alpha.reason) == (3, 4, None)
        first = item_rest(stats, missing)[0]
        assert first.rest_correlation == pytest.approx(9 / np.sqrt(85), rel=1e-12)
        assert first.alpha_if_deleted == pytest.approx(16 / 17, rel=1e-12)


def test_alpha_matches_r_psych_on_pingouin_dataset() -> None:
    stats = finish(PINGOUIN_CRONBACH_ALPHA)
    alpha = cronbach_alpha(stats)
    assert alpha.value is not None
    assert round(alpha.value, 3) == 0.592  # R psych::alpha, via pingouin's test suite
    # pingouin 0.7.0 cronbach_alpha(): 0.5917188485995825
    assert alpha.value == pytest.approx(0.5917188485995825, rel=1e-10)


def test_item_rest_and_alpha_if_deleted_match_pingouin_and_pandas() -> None:
    stats = finish(PINGOUIN_CRONBACH_ALPHA)
    # pandas 3.1.1: df[c].corr(df.drop(columns=c).sum(axis=1)), computed in a scratch venv.
    expected_r = [
        0.5747667919844909,
        0.5678028417673683,
        0.5213910754208801,
        0.417605824128615,
        -0.10758308249257414,
        -0.15723651965665178,
        0.2610077350423378,
        0.09217320282318572,
        0.4433727459958405,
        0.4336883559648062,
    ]
    # pingouin 0.7.0: cronbach_alpha(df.drop(columns=c))[0].
    expected_deleted = [
        0.468690324633991,
        0.5072805578342904,
        0.5183498526654164,
        0.531829170024174,
        0.6684890656063617,
        0.6711414790996786,
        0.5685063322572634,
        0.6101190476190477,
        0.5194256756756757,
        0.5225907821229049,
    ]
    np.testing.assert_allclose(rest_correlations(stats, Missing.LISTWISE), expected_r, rtol=1e-10)
    np.testing.assert_allclose(
        alphas_if_deleted(stats, Missing.LISTWISE), expected_deleted, rtol=1e-10
    )


def test_listwise_and_pairwise_differ_on_missing_data() -> None:
    stats = finish(PINGOUIN_WIDE_MISSING)
    listwise = cronbach_alpha(stats, Missing.LISTWISE)
    pairwise = cronbach_alpha(stats, Missing.PAIRWISE)
    assert listwise.value is not None and pairwise.value is not None
    # R psych values (via pingouin's tests), and pingouin 0.7.0's full-precision values.
    assert round(listwise.value, 6) == 0.801695
    assert round(pairwise.value, 6) == 0.732661
    assert listwise.value == pytest.approx(0.8016949152542373, rel=1e-10)
    assert pairwise.value == pytest.approx(0.732660835214447, rel=1e-10)
    # 3 rows have a missing cell: 9 complete rows; the sparsest pair (Q1, Q9) shares 10 rows.
    assert (listwise.n, pairwise.n) == (9, 10)
    assert (stats.rows, stats.complete) == (12, 9)


def test_pairwise_item_rest_matches_psych_formula_on_pandas_covariance() -> None:
    stats = finish(PINGOUIN_WIDE_MISSING)
    # psych r.drop formula applied to pandas 3.1.1 DataFrame.cov() (pairwise-complete),
    # and pingouin 0.7.0 cronbach_alpha(df.drop(columns=c)) (pairwise), scratch venv.
    expected_r = [
        -0.00942703464705986,
        0.17676987560273946,
        0.519190649197267,
        -0.06407798757659423,
        0.54653834430843,
        0.47372536598709114,
        0.5088214727608044,
        0.6973823777982157,
        0.4492748066316661,
        0.37814564757012026,
        0.5687227065430432,
    ]
    expected_deleted = [
        0.7583901206129827,
        0.739997771091051,
        0.6931327970152734,
        0.7694189892101381,
        0.6872294372294373,
        0.6985757003462386,
        0.6929916058212886,
        0.661128751189369,
        0.70269957131271,
        0.7134918666703406,
        0.7012066567980982,
    ]
    # Binary items sit far from the default shift of 50, so a few digits go to cancellation.
    np.testing.assert_allclose(rest_correlations(stats, Missing.PAIRWISE), expected_r, rtol=1e-9)
    np.testing.assert_allclose(
        alphas_if_deleted(stats, Missing.PAIRWISE), expected_deleted, rtol=1e-10
    )
    # Listwise alpha-if-deleted keeps the 9 complete rows (pingouin 0.7.0 on those rows).
    listwise_deleted = alphas_if_deleted(stats, Missing.LISTWISE)
    assert listwise_deleted[0] == pytest.approx(0.8127208480565371, rel=1e-10)
    assert listwise_deleted[3] == pytest.approx(0.8294753086419753, rel=1e-10)


def test_negative_item_rest_warns_about_reverse_keying_without_flipping() -> None:
    # Items a, b, c agree; d was written negatively but scored as if positive (100 - x).
    agree = np.array([0, 25, 50, 50, 75, 75, 100, 100], dtype=float)
    data = np.column_stack(
        [agree, agree + [0, 0, 25, -25, 0, 25, -25, 0], agree, 100.0 - agree + [0, 25] * 4]
    )
    stats = finish(data, ["ak1", "ak2", "ak3", "ak4"])
    rest = item_rest(stats)
    warnings = reverse_keying_warnings(rest)
    assert [w.item for w in warnings] == ["ak4"]
    (warning,) = warnings
    assert warning.code is IssueCode.NEGATIVE_ITEM_CORRELATION
    assert warning.rest_correlation < -0.9
    assert "reverse-keying" in warning.message
    # Nothing was flipped: the covariance is that of the data as given, and alpha is well
    # below both alpha-without-ak4 and the alpha the correctly keyed data would have.
    np.testing.assert_allclose(stats.listwise, np.cov(data.T), rtol=1e-12)
    flipped = data.copy()
    flipped[:, 3] = 100.0 - flipped[:, 3]
    as_given = cronbach_alpha(stats).value
    keyed = cronbach_alpha(finish(flipped)).value
    without = rest[3].alpha_if_deleted
    assert as_given is not None and keyed is not None and without is not None
    assert as_given < 0.5 < without < keyed


def test_rounding_noise_near_zero_is_not_a_negative_correlation() -> None:
    # In the 9 complete rows of the wide dataset Q4's item-rest correlation is exactly 0
    # (pandas gives -2.2e-17); it must not be reported as negative.
    stats = finish(PINGOUIN_WIDE_MISSING)
    rest = item_rest(stats, Missing.LISTWISE)
    assert rest[3].rest_correlation == pytest.approx(0.0, abs=1e-12)
    assert reverse_keying_warnings(rest) == ()
    # The pairwise Q1 and Q4 correlations are genuinely (if mildly) negative.
    warned = reverse_keying_warnings(item_rest(stats, Missing.PAIRWISE))
    assert [w.item for w in warned] == ["Q1", "Q4"]


def _survey(seed: int, rows: int = 60, k: int = 5) -> np.ndarray:
    """Correlated 0-100 item scores with about 10% missing cells (a shared respondent level)."""
    rng = np.random.default_rng(seed)
    level = rng.normal(65.0, 15.0, size=(rows, 1))
    data = np.clip(level + rng.normal(0.0, 12.0, size=(rows, k)), 0.0, 100.0)
    # Behaviour means of 1-5 answers are not multiples of 25: keep non-grid values in play.
    data[:, 0] = np.round(data[:, 0] / (100 / 12)) * (100 / 12)
    data[rng.random((rows, k)) < 0.1] = np.nan
    return data


def _batched(data: np.ndarray, size: int) -> ItemCovariance:
    acc = ItemMoments([f"i{j}" for j in range(data.shape[1])])
    for start in range(0, data.shape[0], size):
        acc.add(data[start : start + size])
    return acc.finish()


def _assert_same(a: ItemCovariance, b: ItemCovariance) -> None:
    assert (a.rows, a.complete) == (b.rows, b.complete)
    np.testing.assert_array_equal(a.pair_counts, b.pair_counts)
    np.testing.assert_allclose(a.listwise, b.listwise, rtol=1e-12, atol=0)
    np.testing.assert_allclose(a.pairwise, b.pairwise, rtol=1e-12, atol=0)
    for missing in Missing:
        alpha_a, alpha_b = cronbach_alpha(a, missing).value, cronbach_alpha(b, missing).value
        assert alpha_a is not None and alpha_b is not None
        np.testing.assert_allclose(alpha_a, alpha_b, rtol=1e-12)
        np.testing.assert_allclose(
            rest_correlations(a, missing), rest_correlations(b, missing), rtol=1e-12
        )
        np.testing.assert_allclose(
            alphas_if_deleted(a, missing), alphas_if_deleted(b, missing), rtol=1e-12
        )


@pytest.mark.parametrize("size", [1, 7])
def test_batch_split_does_not_change_the_result(size: int) -> None:
    data = _survey(seed=8)
    assert np.isnan(data).sum() > 0 and not np.isnan(data).any(axis=1).all()
    _assert_same(_batched(data, size), finish(data, [f"i{j}" for j in range(5)]))


def test_merge_equals_one_accumulator_over_the_concatenation() -> None:
    first, second = _survey(seed=1, rows=40), _survey(seed=2, rows=23)
    names = [f"i{j}" for j in range(5)]
    left, right = ItemMoments(names), ItemMoments(names)
    left.add(first)
    right.add(second)
    left.merge(right)
    _assert_same(left.finish(), finish(np.vstack([first, second]), names))


def test_accumulated_covariance_matches_numpy_and_pandas_definitions() -> None:
    data = _survey(seed=3)
    stats = finish(data)
    complete = data[~np.isnan(data).any(axis=1)]
    np.testing.assert_allclose(stats.listwise, np.cov(complete.T), rtol=1e-10)
    both = ~np.isnan(data[:, 1]) & ~np.isnan(data[:, 2])
    np.testing.assert_allclose(
        stats.pairwise[1, 2], np.cov(data[both, 1], data[both, 2])[0, 1], rtol=1e-10
    )
    assert stats.pair_counts[1, 2] == both.sum()


def test_merge_rejects_a_different_scale() -> None:
    acc = ItemMoments(["a", "b"])
    with pytest.raises(ValueError, match="same items"):
        acc.merge(ItemMoments(["a", "c"]))
    with pytest.raises(ValueError, match="shape"):
        acc.add(np.zeros((3, 3)))


def test_fewer_than_two_items_gives_a_reason() -> None:
    stats = finish(np.array([[10.0], [50.0], [90.0]]))
    alpha = cronbach_alpha(stats)
    assert (alpha.value, alpha.reason) == (None, Unavailable.TOO_FEW_ITEMS)
    (only,) = item_rest(stats)
    assert (only.rest_correlation, only.alpha_if_deleted, only.reason) == (
        None,
        None,
        Unavailable.TOO_FEW_ITEMS,
    )


def test_fewer_than_two_respondents_gives_a_reason() -> None:
    for data in (np.empty((0, 3)), np.array([[25.0, 50.0, 75.0]])):
        stats = finish(data)
        for missing in Missing:
            alpha = cronbach_alpha(stats, missing)
            assert (alpha.value, alpha.reason) == (None, Unavailable.TOO_FEW_RESPONDENTS)
            assert all(r.reason is Unavailable.TOO_FEW_RESPONDENTS for r in item_rest(stats))
    # Listwise: no complete row, although every pair is seen together twice.
    stats = finish(
        np.array(
            [
                [0.0, 50.0, NAN],
                [25.0, 25.0, NAN],
                [NAN, 50.0, 75.0],
                [NAN, 0.0, 25.0],
                [50.0, NAN, 0.0],
                [75.0, NAN, 100.0],
            ]
        )
    )
    assert cronbach_alpha(stats, Missing.LISTWISE).reason is Unavailable.TOO_FEW_RESPONDENTS
    assert cronbach_alpha(stats, Missing.PAIRWISE).value is not None


def test_zero_variance_is_reported_not_raised() -> None:
    constant = finish(np.full((5, 3), 100.0 / 3.0))
    alpha = cronbach_alpha(constant)
    assert (alpha.value, alpha.reason) == (None, Unavailable.ZERO_VARIANCE)
    # One constant item: alpha exists, that item's item-rest correlation does not.
    data = np.array([[75.0, 0.0, 25.0], [75.0, 50.0, 50.0], [75.0, 100.0, 75.0]])
    stats = finish(data)
    assert cronbach_alpha(stats).value is not None
    rest = item_rest(stats)
    assert (rest[0].rest_correlation, rest[0].reason) == (None, Unavailable.ZERO_VARIANCE)
    assert rest[0].alpha_if_deleted is not None
    assert rest[1].rest_correlation == pytest.approx(1.0)
    # Only one item varies: its rest score (the two constant items) has no variance.
    stats = finish(np.array([[0.0, 50.0, 50.0], [50.0, 50.0, 50.0], [100.0, 50.0, 50.0]]))
    assert cronbach_alpha(stats).value == pytest.approx(0.0, abs=1e-12)  # 3/2 * (1 - 1)
    first = item_rest(stats)[0]
    assert (first.rest_correlation, first.reason) == (None, Unavailable.ZERO_VARIANCE)
    assert first.detail == "rest score has zero variance"


def test_missing_rule_accepts_its_string_code() -> None:
    stats = finish(PINGOUIN_WIDE_MISSING)
    # A rubric loader may hand over the plain string; an unknown one must not fall back silently.
    by_code = cronbach_alpha(stats, "pairwise")  # type: ignore[arg-type]
    assert by_code.value == cronbach_alpha(stats, Missing.PAIRWISE).value
    with pytest.raises(ValueError, match="complete"):
        cronbach_alpha(stats, "complete")  # type: ignore[arg-type]


def test_inconsistent_pairwise_matrix_is_reported_not_raised() -> None:
    # Each pair is seen on its own three rows, each pair perfectly negatively related; the
    # pairwise matrix then implies a negative total variance (3*2000 - 2*3*2500 < 0).
    down, up = [100.0, 50.0, 0.0], [0.0, 50.0, 100.0]
    rows = [[a, b, NAN] for a, b in zip(up, down, strict=True)]
    rows += [[NAN, b, c] for b, c in zip(up, down, strict=True)]
    rows += [[a, NAN, c] for a, c in zip(up, down, strict=True)]
    stats = finish(np.array(rows))
    assert cronbach_alpha(stats, Missing.PAIRWISE).reason is Unavailable.NOT_POSITIVE_DEFINITE
    assert cronbach_alpha(stats, Missing.LISTWISE).reason is Unavailable.TOO_FEW_RESPONDENTS
    assert item_rest(stats, Missing.PAIRWISE)[0].reason is Unavailable.NOT_POSITIVE_DEFINITE


def test_items_never_seen_together_have_no_pairwise_alpha() -> None:
    stats = finish(np.array([[0.0, NAN], [50.0, NAN], [NAN, 25.0], [NAN, 75.0]]))
    assert stats.pair_counts[0, 1] == 0
    alpha = cronbach_alpha(stats, Missing.PAIRWISE)
    assert (alpha.value, alpha.reason, alpha.n) == (None, Unavailable.TOO_FEW_RESPONDENTS, 0)
