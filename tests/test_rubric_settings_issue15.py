"""Issue #15: every rubric setting honoured, each pinned to hand-computed numbers."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import yaml

from berakhlak_cli.loaders.rubric.load import default_rubric_path, load_rubric, parse_rubric
from berakhlak_cli.model.results import Interval, Scoresheet
from berakhlak_cli.model.rubric import (
    BandOn,
    Eligibility,
    EligibilityCombine,
    EligibilityRule,
    InstitutionMethod,
    Intervals,
    Rounding,
    RoundingMode,
    Rubric,
)
from berakhlak_cli.scoring.bands import make_score, make_scores
from berakhlak_cli.scoring.compare.comparability import compare_summaries, rubric_summary
from berakhlak_cli.scoring.evidence.gaps import item_shares
from berakhlak_cli.scoring.groups.eligibility import minimum_respondents
from berakhlak_cli.scoring.groups.intervals import intervals, scaled_intervals
from berakhlak_cli.scoring.rubric_examples import check_example
from berakhlak_cli.scoring.screens import straight_lined
from berakhlak_cli.scoring.survey import SurveyScorer
from tests.conftest import batch, small_rubric

DEFAULT = load_rubric()  # bands A 75, B 50, C 25, D 0; one decimal; change.confidence 0.95
RAW = replace(DEFAULT, rounding=Rounding(1, BandOn.RAW))

ONE_VALUE = """
  - id: v
    code: V
    label: Satu
    behaviours:
      - id: B1
        label: B1
        items:
          - {id: a, text: a}
"""


def problems_of(text: str) -> list[tuple[str, int | None, str]]:
    _, problems = parse_rubric(text.encode("utf-8"))
    return [(p.code, p.line, p.path) for p in problems]


# --- Fix 1: band-edge flags on the footing of the published band -------------------------------


def two_respondent_interval(rubric: Rubric) -> Interval:
    # Scores 74.96 and 74.98: mean 74.97, s^2 = 2 * 0.01^2 / 1 = 0.0002, SE = sqrt(0.0002 / 2)
    # = 0.01, t(0.975, 1) = 12.7062 -> 74.97 -/+ 0.127062 = [74.8429, 75.0971].
    (got,) = intervals(
        np.array([74.97]),
        np.array([2.0]),
        np.array([74.96 + 74.98]),
        np.array([74.96**2 + 74.98**2]),
        np.array([np.nan]),
        rubric,
    )
    assert got is not None
    assert (got.lower, got.upper) == (
        pytest.approx(74.8429, abs=1e-4),
        pytest.approx(75.0971, abs=1e-4),
    )
    return got


def test_value_and_index_band_edge_rounded() -> None:
    # Rounded: 74.97 publishes 75.0 (A); the ends publish 74.8 and 75.1: may be B.
    got = two_respondent_interval(DEFAULT)
    assert got.rounded == (74.8, 75.1)
    assert got.crosses_band and got.may_be == ("B",)


def test_value_and_index_band_edge_raw() -> None:
    # Raw: 74.97 is B; the raw ends 74.84-75.10 reach A: may be A (not "B", its own band).
    got = two_respondent_interval(RAW)
    assert got.rounded == (74.8, 75.1)
    assert got.crosses_band and got.may_be == ("A",)


def test_combined_band_edge_both_settings() -> None:
    # Combined 74.0 in [73.0, 74.96]: the upper end publishes as 75.0, so on rounded values
    # it reaches A; on raw values 74.96 < 75 reaches only B, the estimate's own band.
    base = [Interval(73.0, 74.96, se=1.0, n=10, df=9.0, method="t")]
    (rounded,) = scaled_intervals(base, [1.0], [0.0], [74.0], DEFAULT, "")
    (raw,) = scaled_intervals(base, [1.0], [0.0], [74.0], RAW, "")
    assert rounded is not None and raw is not None
    assert rounded.crosses_band and rounded.may_be == ("A",)
    assert not raw.crosses_band and raw.may_be == ()
    # The issue's case: a raw 82.497 with bands cut at 82.5 is B under band_on raw; an upper end
    # of 82.4996 publishes as 82.5 but does not reach A.
    cut = replace(
        RAW,
        bands=(
            replace(DEFAULT.bands[0], lower=82.5),
            replace(DEFAULT.bands[1], upper=82.5),
            *DEFAULT.bands[2:],
        ),
    )
    base = [Interval(80.0, 82.4996, se=1.0, n=10, df=9.0, method="t")]
    (edge,) = scaled_intervals(base, [1.0], [0.0], [82.497], cut, "")
    assert edge is not None and edge.may_be == () and not edge.crosses_band


# --- Fix 2: an explicit null is a problem --------------------------------------------------------

SMALL = """format: 1
id: t
version: "1"
title: T
instrument: t
columns: {{unit: unit}}
scales:
  s:
    min: 1
    max: {max}
values:
  - id: v
    code: V
    label: V
    behaviours:
      - id: B
        label: B
        items:
          - {{id: a, text: a}}
bands:
  - {{code: A, label: A, min: {band_min}, max: 100}}
{extra}"""


def test_null_scale_max_is_a_problem() -> None:
    text = SMALL.format(max="null", band_min=0, extra="")
    # The fallback max (1) also leaves the scale empty: that follow-on is reported too.
    assert ("null-value", 10, "scales.s.max") in problems_of(text)


def test_null_band_min_is_a_problem() -> None:
    text = SMALL.format(max=5, band_min="null", extra="")
    assert problems_of(text) == [("null-value", 21, "bands[0].min")]


def test_null_evidence_score_is_a_problem() -> None:
    extra = """evaluation:
  answer_scales:
    yt:
      options:
        - {label: Ya, score: null}
  criteria:
    - id: K
      label: K
      items:
        - {id: K.1, requirement: r, answer_scale: yt}
"""
    text = SMALL.format(max=5, band_min=0, extra=extra)
    assert problems_of(text) == [("null-value", 26, "evaluation.answer_scales.yt.options[0].score")]


def test_null_section_and_setting_are_problems_but_null_expectations_are_not() -> None:
    extra = """rounding:
  mode: null
anonymity:
examples:
  - name: e
    respondents: [{a: 5}, {a: null}]
    expect: {index: null, band: null, values: {v: 100}}
"""
    text = SMALL.format(max=5, band_min=0, extra=extra)
    assert problems_of(text) == [
        ("null-value", 23, "rounding.mode"),
        ("null-value", 24, "anonymity"),
    ]


# --- Rounding mode -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "half_up", "half_even"),
    [(74.85, 74.9, 74.8), (74.95, 75.0, 75.0), (60.25, 60.3, 60.2), (60.35, 60.4, 60.4)],
)
def test_rounding_mode(raw: float, half_up: float, half_even: float) -> None:
    even = replace(DEFAULT, rounding=Rounding(1, BandOn.ROUNDED, RoundingMode.HALF_EVEN))
    assert make_score(raw, DEFAULT).rounded == half_up
    assert make_score(raw, even).rounded == half_even
    (vector,) = make_scores([raw], even)
    assert vector is not None and vector.rounded == half_even


def test_half_even_changes_the_band_at_a_tie() -> None:
    # 49.95 -> 50.0 either way (B); 74.85 -> 74.8 B under half_even, 74.9 B under half_up;
    # 2 decimals: 74.995 -> 75.00 (A) under half_up, 75.00 under half_even too (0 is even);
    # 74.985 -> 74.99 (half_up) vs 74.98 (half_even), both B.
    two = Rounding(2, BandOn.ROUNDED, RoundingMode.HALF_EVEN)
    assert make_score(74.985, replace(DEFAULT, rounding=two)).rounded == 74.98
    assert make_score(74.985, replace(DEFAULT, rounding=Rounding(2))).rounded == 74.99


# --- Scale conversion ----------------------------------------------------------------------------

LIKERT4 = """
scales:
  s4:
    min: 1
    max: 4
    conversion: {conversion}
"""


def score(
    rubric: Rubric, answers: dict[str, list[str | None]], units: list[str | None]
) -> Scoresheet:
    scorer = SurveyScorer(rubric, group_by=("unit",))
    scorer.add(batch(answers, {"unit": units}))
    return scorer.finish()


@pytest.mark.parametrize(
    ("conversion", "raw", "published", "band"),
    [("min_max", 200 / 3, 66.7, "B"), ("of_max", 75.0, 75.0, "A")],
)
def test_conversion_of_a_mean_of_3_on_1_to_4(
    conversion: str, raw: float, published: float, band: str
) -> None:
    # min_max: (3 - 1) / (4 - 1) * 100 = 66.67 (B); of_max (KEP/25/M.PAN/2/2004): 3 * 25 = 75 (A).
    rubric = small_rubric(ONE_VALUE, scale=LIKERT4.format(conversion=conversion))
    sheet = score(rubric, {"a": ["2", "4", "3"]}, ["U", "U", "U"])
    index = sheet.groups[0].index
    assert index is not None
    assert (index.raw, index.rounded, index.band) == (pytest.approx(raw), published, band)


def test_of_max_reverse_keyed_and_bottom_of_scale() -> None:
    # Reverse-keyed: 4 + 1 - x. Answer 4 -> 1 -> 1 * 25 = 25; answer 1 -> 4 -> 100.
    values = ONE_VALUE.replace("{id: a, text: a}", "{id: a, text: a, reverse: true}")
    rubric = small_rubric(values, scale=LIKERT4.format(conversion="of_max"))
    sheet = score(rubric, {"a": ["4", "1"]}, ["U", "V"])
    got = {g.key[0]: g.index.raw for g in sheet.groups if g.index}
    assert got == {"U": 25.0, "V": 100.0}


def test_of_max_needs_a_non_negative_scale() -> None:
    text = SMALL.format(max=5, band_min=0, extra="").replace(
        "    min: 1\n", "    min: -2\n    conversion: of_max\n"
    )
    assert problems_of(text) == [("scale-range", 10, "scales.s.conversion")]


# --- Interval settings ---------------------------------------------------------------------------


def seventy_eighty(rubric: Rubric, headcount: float) -> Interval:
    # Scores 70 and 80: mean 75, s^2 = 50, SE^2 = 50 / 2 = 25 (times 1 - 2/N with the FPC).
    (got,) = intervals(
        np.array([75.0]),
        np.array([2.0]),
        np.array([150.0]),
        np.array([70.0**2 + 80.0**2]),
        np.array([headcount]),
        rubric,
    )
    assert got is not None
    return got


def test_interval_level_is_its_own_setting() -> None:
    # Default follows change.confidence 0.95: t(0.975, 1) = 12.7062, half 63.53 -> clipped.
    assert seventy_eighty(DEFAULT, np.nan).level == 0.95
    # level 0.90: t(0.95, 1) = 6.3138 -> 75 -/+ 31.569 = [43.431, 100 (clipped)].
    ninety = replace(DEFAULT, intervals=Intervals(level=0.90))
    got = seventy_eighty(ninety, np.nan)
    assert got.level == 0.90 and ninety.change.confidence == 0.95
    assert got.lower == pytest.approx(75.0 - 6.313752 * 5.0, abs=1e-5)


def test_finite_population_correction_on_and_off() -> None:
    # N = 4: FPC 1 - 2/4 = 0.5 -> SE = sqrt(25 * 0.5) = 3.5355; off -> SE = 5.
    on = seventy_eighty(DEFAULT, 4.0)
    off = seventy_eighty(
        replace(DEFAULT, intervals=Intervals(finite_population_correction=False)), 4.0
    )
    assert on.se == pytest.approx(3.535534, abs=1e-6)
    assert "finite-population corrected" in on.method
    assert off.se == pytest.approx(5.0)
    assert "finite-population" not in off.method


def test_interval_level_must_be_below_1() -> None:
    text = SMALL.format(max=5, band_min=0, extra="intervals: {level: 95}\n")
    assert problems_of(text) == [("bad-number", 22, "intervals.level")]


# --- Institution aggregation ---------------------------------------------------------------------

# U1: answers 5, 5 -> 100, 100 (mean 100, s^2 0). U2: 1, 1, 1, 3 -> 0, 0, 0, 50 (mean 12.5,
# s^2 = (3 * 12.5^2 + 37.5^2) / 3 = 625, SE^2 = 625 / 4 = 156.25).
UNITS = ["U1", "U1", "U2", "U2", "U2", "U2"]
ANSWERS: dict[str, list[str | None]] = {"a": ["5", "5", "1", "1", "1", "3"]}


def institution(method: str, headcounts: dict[str, int] | None = None) -> Scoresheet:
    rubric = small_rubric(
        ONE_VALUE, extra=f"aggregation: {{institution: {method}}}\neligibility: {{rule: none}}"
    )
    scorer = SurveyScorer(rubric, group_by=("unit",), headcounts=headcounts)
    scorer.add(batch(ANSWERS, {"unit": UNITS}))
    return scorer.finish()


@pytest.mark.parametrize(
    ("method", "headcounts", "expected"),
    [
        ("pooled", None, 250 / 6),  # (100 + 100 + 0 + 0 + 0 + 50) / 6 = 41.667
        ("mean_of_units", None, 56.25),  # (100 + 12.5) / 2
        ("respondent_weighted", None, 250 / 6),  # (2 * 100 + 4 * 12.5) / 6: equals pooled here
        ("headcount_weighted", {"U1": 10, "U2": 30}, 34.375),  # (10 * 100 + 30 * 12.5) / 40
    ],
)
def test_institution_methods(
    method: str, headcounts: dict[str, int] | None, expected: float
) -> None:
    sheet = institution(method, headcounts)
    assert sheet.institution.index is not None
    assert sheet.institution.index.raw == pytest.approx(expected)
    assert sheet.institution.values["v"] is not None
    assert sheet.institution.values["v"].raw == pytest.approx(expected)


def test_headcount_weighted_without_headcounts_is_not_scored() -> None:
    sheet = institution("headcount_weighted", {"U1": 10})
    assert sheet.institution.index is None
    assert any("headcount_weighted" in i.message for i in sheet.issues)


def test_mean_of_units_has_a_stratified_interval() -> None:
    # W = 1/2 each: SE^2 = 0.25 * 0 + 0.25 * 156.25 = 39.0625, SE = 6.25; Satterthwaite df =
    # 39.0625^2 / ((0.25 * 156.25)^2 / 3 + 0) = 3; t(0.975, 3) = 3.182446 -> half 19.8903:
    # 56.25 -/+ 19.8903 = [36.3597, 76.1403], published 36.4-76.1, band B, may be A or C.
    ci = institution("mean_of_units").institution.index.interval
    assert ci is not None
    assert ci.se == pytest.approx(6.25)
    assert ci.df == pytest.approx(3.0)
    assert (ci.lower, ci.upper) == (
        pytest.approx(36.3597, abs=1e-4),
        pytest.approx(76.1403, abs=1e-4),
    )
    assert ci.rounded == (36.4, 76.1)
    assert ci.may_be == ("A", "C") and ci.n == 6
    assert ci.method == "stratified t-interval of unit scores"


def test_headcount_weighted_interval_uses_headcount_shares() -> None:
    # W = 10/40 and 30/40; FPC for U2: 1 - 4/30; U1 has SE 0. SE^2 = 0.5625 * 156.25 * 26/30
    # = 76.171875, SE = 8.72765; df = 3 (only U2 contributes).
    ci = institution("headcount_weighted", {"U1": 10, "U2": 30}).institution.index.interval
    assert ci is not None
    assert ci.se == pytest.approx(8.727650, abs=1e-6)
    assert ci.df == pytest.approx(3.0)
    assert ci.method.endswith("finite-population corrected")


# --- Minimum respondents -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headcount", "combine", "expected"),
    [
        (200, EligibilityCombine.MAX, 30),  # max(30, ceil(0.1 * 200) = 20)
        (500, EligibilityCombine.MAX, 50),  # max(30, 50)
        (500, EligibilityCombine.MIN, 30),  # min(30, 50)
        (20, EligibilityCombine.MAX, 20),  # never more than the headcount
    ],
)
def test_fixed_and_share_combined(
    headcount: int, combine: EligibilityCombine, expected: int
) -> None:
    rule = Eligibility(
        rule=EligibilityRule.FIXED,
        also=(EligibilityRule.SHARE,),
        combine=combine,
        minimum=30,
        share=0.1,
    )
    assert minimum_respondents(headcount, rule) == expected


def test_rule_list_is_read_from_yaml() -> None:
    rubric = small_rubric(
        ONE_VALUE, extra="eligibility: {rule: [slovin, fixed], minimum: 90, combine: max}"
    )
    # Slovin N = 100, e = 0.05: 100 / 1.25 = 80; fixed 90 -> 90.
    assert rubric.eligibility.rules == (EligibilityRule.SLOVIN, EligibilityRule.FIXED)
    assert minimum_respondents(100, rubric.eligibility) == 90


def test_rule_list_problems() -> None:
    text = SMALL.format(max=5, band_min=0, extra="eligibility: {rule: [fixed, shares, fixed]}\n")
    assert problems_of(text) == [
        ("bad-choice", 22, "eligibility.rule[1]"),
        ("duplicate-id", 22, "eligibility.rule[2]"),
    ]


# --- Not-applicable evidence answers -------------------------------------------------------------

EVIDENCE = """
evaluation:
  weights: {survey: 0.8, evaluation: 0.2}
  answer_scales:
    yt:
      options:
        - {label: Ya, score: 100}
        - {label: Tidak, score: 0}
        - {label: Tidak berlaku, not_applicable: true, aliases: [N/A]}
  criteria:
    - id: K1
      label: K1
      items:
        - {id: i1, requirement: r1, answer_scale: yt}
        - {id: i2, requirement: r2, answer_scale: yt}
    - id: K2
      label: K2
      items:
        - {id: i3, requirement: r3, answer_scale: yt}
examples:
  # i2 not applicable: K1 = 100 (i1 alone), K2 = 0, evidence = (100 + 0) / 2 = 50.
  # Survey 100: combined 0.8 * 100 + 0.2 * 50 = 90.
  - name: n/a
    respondents: [{a: 5}]
    evidence: {i1: Ya, i2: N/A, i3: Tidak}
    expect: {evidence: 50, combined: 90}
  # Scored "Tidak" instead, i2 counts 0: K1 = 50, evidence = 25, combined 85.
  - name: tidak
    respondents: [{a: 5}]
    evidence: {i1: Ya, i2: Tidak, i3: Tidak}
    expect: {evidence: 25, combined: 85}
  # Every criterion of K1 not applicable: K1 leaves the denominator, evidence = K2 = 100.
  - name: whole criterion
    respondents: [{a: 5}]
    evidence: {i1: N/A, i2: Tidak berlaku, i3: Ya}
    expect: {evidence: 100, combined: 100}
"""


def test_not_applicable_leaves_the_denominator() -> None:
    rubric = small_rubric(ONE_VALUE, extra=EVIDENCE)
    for example in rubric.examples:
        assert check_example(rubric, example) == [], example.name


def test_not_applicable_item_shares_for_the_gap_report() -> None:
    rubric = small_rubric(ONE_VALUE, extra=EVIDENCE)
    assert rubric.evaluation is not None
    # With i2 out: K1 and K2 each 1/2; i1 is all of K1.
    assert item_shares(rubric.evaluation, frozenset({"i2"})) == {
        "i1": ("K1", 0.5),
        "i3": ("K2", 0.5),
    }


def test_not_applicable_with_a_score_is_a_problem() -> None:
    extra = """evaluation:
  answer_scales:
    yt:
      options:
        - {label: Ya, score: 100}
        - {label: N/A, not_applicable: true, score: 0}
  criteria:
    - id: K
      label: K
      items:
        - {id: K.1, requirement: r, answer_scale: yt}
"""
    text = SMALL.format(max=5, band_min=0, extra=extra)
    path = "evaluation.answer_scales.yt.options[1].score"
    assert problems_of(text) == [("not-applicable-score", 27, path)]


# --- Straight-lining threshold -------------------------------------------------------------------


def test_straight_lining_threshold() -> None:
    nan = np.nan
    # Items x respondents: r1 4,4,4,2,4 (four 4s); r2 3,3,3,3,3; r3 3,3,-,3,3 (four 3s answered);
    # r4 1,2,3,4,5.
    answers = np.array(
        [
            [4, 3, 3, 1],
            [4, 3, 3, 2],
            [4, 3, nan, 3],
            [2, 3, 3, 4],
            [4, 3, 3, 5],
        ],
        dtype=np.float64,
    )
    assert straight_lined(answers).tolist() == [False, True, False, False]
    assert straight_lined(answers, 4).tolist() == [True, True, True, False]
    assert straight_lined(answers, 5).tolist() == [False, True, False, False]


def test_straight_lining_threshold_in_scoring() -> None:
    three = ONE_VALUE.replace(
        "          - {id: a, text: a}",
        "          - {id: a, text: a}\n          - {id: b, text: b}\n          - {id: c, text: c}",
    )
    rubric = small_rubric(
        three, extra="quality: {straight_lining: exclude, straight_lining_min_same: 2}"
    )
    # r1 5,5,1 (two equal: excluded); r2 5,3,1 (kept): index = (100 + 50 + 0) / 3 = 50.
    sheet = score(rubric, {"a": ["5", "5"], "b": ["5", "3"], "c": ["1", "1"]}, ["U", "U"])
    index = sheet.groups[0].index
    assert sheet.groups[0].respondents == 1
    assert index is not None and index.raw == pytest.approx(50.0)


def test_straight_lining_threshold_problems() -> None:
    for value, line in (("1", 22), ("9", 22)):
        text = SMALL.format(
            max=5, band_min=0, extra=f"quality: {{straight_lining_min_same: {value}}}\n"
        )
        assert problems_of(text) == [("bad-number", line, "quality.straight_lining_min_same")]


# --- Comparability fingerprint -------------------------------------------------------------------


def test_fingerprint_reports_each_new_setting() -> None:
    base = rubric_summary(DEFAULT)
    changed = [
        replace(DEFAULT, rounding=Rounding(1, BandOn.ROUNDED, RoundingMode.HALF_EVEN)),
        replace(DEFAULT, intervals=Intervals(level=0.9)),
        replace(DEFAULT, eligibility=Eligibility(also=(EligibilityRule.FIXED,), minimum=30)),
        replace(
            DEFAULT,
            aggregation=replace(
                DEFAULT.aggregation, institution=InstitutionMethod.HEADCOUNT_WEIGHTED
            ),
        ),
        replace(DEFAULT, quality=replace(DEFAULT.quality, straight_lining_min_same=15)),
    ]
    details = [[d.detail for d in compare_summaries(base, rubric_summary(r))] for r in changed]
    assert details == [
        ["rounding.mode"],
        ["intervals.level"],
        ["eligibility.rule", "eligibility.minimum"],
        ["aggregation.institution"],
        ["quality.straight_lining_min_same"],
    ]


def test_fingerprint_of_an_older_summary_reads_the_defaults() -> None:
    new = rubric_summary(DEFAULT)
    old = {k: v for k, v in new.items() if k not in ("eligibility", "intervals")}
    old["rounding"] = {k: v for k, v in new["rounding"].items() if k != "mode"}
    old["quality"] = {k: v for k, v in new["quality"].items() if k != "straight_lining_min_same"}
    old["scales"] = {
        sid: {k: v for k, v in s.items() if k != "conversion"} for sid, s in new["scales"].items()
    }
    assert compare_summaries(old, new) == []


def test_default_rubric_states_its_conversion() -> None:
    # The two conversions give different bands for the same answers, so the shipped rubric
    # writes its choice out rather than relying on the default.
    data = yaml.safe_load(default_rubric_path().read_text(encoding="utf-8"))
    assert {sid: s["conversion"] for sid, s in data["scales"].items()} == {"likert5": "min_max"}
