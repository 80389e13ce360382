"""scoring.compare and scoring.unit_merge: ordering, deltas, units, merges, comparability."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import pytest

from berakhlak_cli.errors import ResultsError, UnitsError
from berakhlak_cli.loaders.rubric.load import load_rubric
from berakhlak_cli.model.comparison import BandInfo, Headline, Step, UnitRename, ValueInfo
from berakhlak_cli.model.results import Score
from berakhlak_cli.scoring.compare.comparability import rubric_summary
from berakhlak_cli.scoring.compare.years import build_comparison, differences, step
from berakhlak_cli.scoring.groups.unit_merge import apply_units_map, merge_units, unused_renames
from tests.compare.builders import BANDS, VALUES, fig, rubric, unit, year


def test_years_are_ordered_and_kalteng_delta_is_16_8() -> None:
    comparison = build_comparison([year(2024, 76.3), year(2022, 59.5)])
    assert [y.year for y in comparison.years] == [2022, 2024]
    (change,) = comparison.index.steps
    assert change == Step(16.8, "B", "A") and change.band_changed


def test_three_years_give_consecutive_steps() -> None:
    # Barito Utara 60.9 -> 62.5 -> 74.4 (sources.md §4.2): +1.6 then +11.9, all band B.
    comparison = build_comparison([year(2024, 74.4), year(2022, 60.9), year(2023, 62.5)])
    assert [s.delta for s in comparison.index.steps] == [1.6, 11.9]
    assert not any(s.band_changed for s in comparison.index.steps)


def test_delta_is_on_published_figures_without_float_noise() -> None:
    # 70.3 - 60.1 is 10.199999999999996 in binary floating point.
    assert step(fig(60.1), fig(70.3), 1).delta == 10.2
    assert step(Score(60.14, 60.1, "B"), Score(70.26, 70.3, "B"), 1).delta == 10.2
    assert step(fig(70.0), fig(70.0), 1).delta == 0.0
    assert step(fig(74.9), fig(72.0), 1) == Step(-2.9, "B", "B")
    assert step(None, fig(70.0), 1) == Step(None, None, "B")
    assert step(Score(59.5, 59.5, "B"), Score(76.25, 76.25, "A"), 2).delta == 16.75


def test_two_files_for_one_year_is_an_error() -> None:
    with pytest.raises(ResultsError, match=r"hasil-2022\.yaml and b\.yaml are both for 2022"):
        build_comparison([year(2022), year(2022, source="b.yaml")])
    with pytest.raises(ResultsError, match="at least two years"):
        build_comparison([year(2022)])


def test_values_partial_and_in_value_set_order() -> None:
    old = year(2022, 59.5, values={"adaptif": 38.9})
    new = year(2024, 76.3, values={"akuntabel": 80.0, "adaptif": 41.0})
    comparison = build_comparison([new, old])
    assert [v.key for v in comparison.values] == ["akuntabel", "adaptif"]
    akuntabel, adaptif = comparison.values
    assert akuntabel.figures == (None, fig(80.0)) and akuntabel.steps[0].delta is None
    assert adaptif.steps == (Step(2.1, "C", "C"),)


def test_units_compared_only_where_two_years_have_them() -> None:
    old = year(2022, units=(unit("Biro Hukum", 60.0), unit("Biro Lama", 50.0)))
    new = year(2024, units=(unit("biro  hukum", 70.0), unit("Biro Baru", 80.0)))
    comparison = build_comparison([old, new])
    assert [u.label for u in comparison.units] == ["biro  hukum"]
    assert comparison.units[0].steps == (Step(10.0, "B", "B"),)


def test_units_map_renames_per_year() -> None:
    old = year(2022, units=(unit("Biro Organisasi dan Tata Laksana", 61.0),))
    new = year(2024, units=(unit("Biro Organisasi", 64.5),))
    renames = [UnitRename("Biro Organisasi dan Tata Laksana", "Biro Organisasi", 2022)]
    comparison = build_comparison([old, new], renames)
    (line,) = comparison.units
    assert line.label == "Biro Organisasi" and line.steps[0].delta == 3.5
    # A row limited to 2023 does not touch 2022's unit.
    wrong_year = [UnitRename("Biro Organisasi dan Tata Laksana", "Biro Organisasi", 2023)]
    assert build_comparison([old, new], wrong_year).units == ()
    assert unused_renames([old, new], wrong_year) == wrong_year


def test_merge_is_respondent_weighted() -> None:
    # (40 * 70.0 + 10 * 80.0) / 50 = 72.0; value AK: (40 * 60 + 10 * 90) / 50 = 66.0
    parts = [
        unit("Bagian Umum", 70.0, 40, akuntabel=60.0),
        unit("Bagian Perlengkapan", 80.0, 10, akuntabel=90.0),
    ]
    merged = merge_units("Biro Umum", parts, year(2022))
    assert merged.index == Score(72.0, 72.0, "B", 50)
    assert merged.values["akuntabel"] == Score(66.0, 66.0, "B", 50)
    assert merged.respondents == 50 and merged.label == "Biro Umum"


def test_merge_rounds_half_up_and_bands_with_the_year() -> None:
    # (1 * 74.9 + 1 * 75.0) / 2 = 74.95 -> published 75.0 -> A (band on the rounded value)
    merged = merge_units("X", [unit("a", 74.9, 1), unit("b", 75.0, 1)], year(2022))
    assert merged.index is not None and (merged.index.rounded, merged.index.band) == (75.0, "A")


def test_merge_uses_per_value_respondents_when_known() -> None:
    a = replace(unit("a", 70.0, 40), values={"akuntabel": Score(60.0, 60.0, "B", 30)})
    b = unit("b", 80.0, 10, akuntabel=90.0)
    merged = merge_units("X", [a, b], year(2022))
    # (30 * 60 + 10 * 90) / 40 = 67.5
    assert merged.values["akuntabel"].rounded == 67.5


def test_merge_without_respondents_is_refused() -> None:
    parts = [unit("Bagian Umum", 70.0), unit("Bagian Perlengkapan", 80.0, 10)]
    with pytest.raises(UnitsError, match=r"respondent counts of 'Bagian Umum' are not known"):
        merge_units("Biro Umum", parts, year(2022))


def test_merge_with_a_withheld_part_has_no_figure() -> None:
    parts = [unit("a", 70.0, 40, akuntabel=60.0), unit("b", None, 3)]
    merged = merge_units("X", parts, year(2022))
    assert merged.index is None and merged.values == {} and merged.respondents == 43


def test_apply_units_map_merges_within_a_year() -> None:
    y = year(2022, units=(unit("Bagian Umum", 70.0, 40), unit("Bagian Perlengkapan", 80.0, 10)))
    renames = [
        UnitRename("Bagian Umum", "Biro Umum"),
        UnitRename("Bagian Perlengkapan", "Biro Umum"),
    ]
    mapped = apply_units_map(y, renames)
    (merged,) = mapped.units
    assert merged.label == "Biro Umum" and merged.index is not None and merged.index.rounded == 72.0
    assert mapped.merged == {"Biro Umum": ("Bagian Umum", "Bagian Perlengkapan")}


# --- comparability -------------------------------------------------------------------------


def _summary() -> dict[str, Any]:
    return rubric_summary(load_rubric())


def _aspects(old_summary: dict[str, Any], new_summary: dict[str, Any]) -> set[str]:
    old = year(2022, rub=rubric(summary=old_summary), headline=Headline.INDEX)
    new = year(2024, rub=rubric(summary=new_summary), headline=Headline.INDEX)
    return {d.aspect for d in differences(old, new)}


def test_identical_rubrics_are_comparable() -> None:
    comparison = build_comparison(
        [
            year(2022, rub=rubric(summary=_summary()), headline=Headline.INDEX),
            year(2024, rub=rubric(summary=_summary()), headline=Headline.INDEX),
        ]
    )
    assert comparison.comparable and comparison.checks[0].differences == ()


def _changed(path: list[Any], value: Any) -> dict[str, Any]:
    summary = copy.deepcopy(_summary())
    node = summary
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return summary


@pytest.mark.parametrize(
    ("path", "value", "aspect"),
    [
        (["instrument"], "Survei Indeks BerAKHLAK 2022 (ACT)", "instrument"),
        (["scales", "likert5", "max"], 4.0, "scale"),
        (["values", "adaptif", "weight"], 0.3, "value-weight"),
        (["bands", 0, "min"], 80.0, "band"),
        (["rounding", "decimals"], 2, "rounding"),
        (["aggregation", "respondent"], "pooled", "aggregation"),
    ],
)
def test_each_rubric_difference_is_named(path: list[Any], value: Any, aspect: str) -> None:
    assert aspect in _aspects(_summary(), _changed(path, value))


def test_value_set_difference_via_summaries() -> None:
    new = copy.deepcopy(_summary())
    del new["values"]["loyal"]
    assert "value-removed" in _aspects(_summary(), new)


def test_rubric_version_difference() -> None:
    old = year(2022, rub=rubric("2024.1", _summary()), headline=Headline.INDEX)
    new = year(2024, rub=rubric("2025.1", _summary()), headline=Headline.INDEX)
    (diff,) = differences(old, new)
    assert (diff.aspect, diff.old, diff.new) == ("rubric-version", "test 2024.1", "test 2025.1")


def test_published_vs_scored_differs_in_instrument() -> None:
    old = year(2022, instrument="Survei Indeks BerAKHLAK 2022 (ACT Consulting, values-selection)")
    new = year(
        2024,
        instrument="Likert 1-5 + bukti dukung",
        rub=rubric(summary=_summary()),
        headline=Headline.COMBINED,
    )
    (diff,) = differences(old, new)
    assert diff.aspect == "instrument" and "values-selection" in diff.old


def test_same_instrument_text_is_comparable_case_and_space_blind() -> None:
    assert differences(year(2022, instrument="Survei  X"), year(2024, instrument="survei x")) == ()


def test_fallback_without_fingerprint_compares_values_bands_rounding() -> None:
    other_bands = (BandInfo("A", "Sehat", 80.0, 100.0), *BANDS[1:])
    old = year(2022, rub=rubric("1"), declared=True, decimals=1)
    new = year(
        2024,
        rub=rubric("1"),
        declared=True,
        bands=other_bands,
        decimals=2,
        value_set=(*VALUES, ValueInfo("loyal", "LO", "Loyal")),
    )
    aspects = [d.aspect for d in differences(old, new)]
    assert aspects == ["value-added", "band", "rounding"]


def test_undeclared_bands_are_not_compared() -> None:
    other_bands = (BandInfo("A", "Sehat", 80.0, 100.0), *BANDS[1:])
    assert differences(year(2022), year(2024, bands=other_bands)) == ()


def test_headline_survey_only_vs_combined() -> None:
    old = year(2022, rub=rubric(summary=_summary()), headline=Headline.INDEX)
    new = year(2024, rub=rubric(summary=_summary()), headline=Headline.COMBINED)
    (diff,) = differences(old, new)
    assert (diff.aspect, diff.old, diff.new) == ("headline", "index", "combined")


def test_each_pair_is_checked() -> None:
    comparison = build_comparison(
        [year(2022, instrument="ACT"), year(2023, instrument="ACT"), year(2024, instrument="BRIN")]
    )
    assert [c.comparable for c in comparison.checks] == [True, False]
    assert not comparison.comparable
