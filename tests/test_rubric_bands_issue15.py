"""Issue #15: bands per value, label sets per programme, every new setting in the JSON Schema,
and compare's unit merges under a year's rounding, pinned to hand-computed numbers."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import yaml
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.cli.rubric import schema_text
from berakhlak_cli.loaders.rubric.load import parse_rubric
from berakhlak_cli.scoring.compare.comparability import compare_summaries, rubric_summary
from berakhlak_cli.scoring.groups.unit_merge import merge_units
from tests.compare.builders import unit, year
from tests.conftest import BANDS_YAML, small_rubric
from tests.test_rubric_settings_issue15 import SMALL, problems_of, score

# --- Bands per value -----------------------------------------------------------------------------


def small_rubric_text(values_yaml: str) -> str:
    """``small_rubric``'s YAML (1-5 scale, default bands, groups of 1 shown), as a file."""
    return (
        'format: 1\nid: t\nversion: "1"\ntitle: T\ninstrument: t\ncolumns: {unit: unit}\n'
        "anonymity: {min_group_size: 1}\nscales:\n  likert5: {min: 1, max: 5}\n"
        f"values:\n{values_yaml}{BANDS_YAML}"
    )


OWN_BANDS = """
  - id: v
    code: V
    label: Satu
    bands:
      - {code: T, label: Tinggi, min: 60, max: 100}
      - {code: R, label: Rendah, min: 0, max: 60}
    behaviours:
      - id: B1
        label: B1
        items:
          - {id: a, text: a}
  - id: w
    code: W
    label: Dua
    behaviours:
      - id: B2
        label: B2
        items:
          - {id: b, text: b}
"""


def test_a_value_is_banded_by_its_own_bands() -> None:
    rubric = small_rubric(OWN_BANDS)
    # Answers a = 3, 4 -> 50, 75: v = 62.5 -> T (its own bands; the index bands would say B).
    # b = 4, 4 -> 75: w = 75.0 -> A (index bands). Index (62.5 + 75) / 2 = 68.75 -> B.
    sheet = score(rubric, {"a": ["3", "4"], "b": ["4", "4"]}, ["U", "U"])
    (unit,) = sheet.groups
    v, w = unit.values["v"], unit.values["w"]
    assert v is not None and (v.rounded, v.band) == (62.5, "T")
    assert w is not None and (w.rounded, w.band) == (75.0, "A")
    assert unit.index is not None and (unit.index.rounded, unit.index.band) == (68.8, "B")
    # v's interval: s^2 = 312.5, SE 12.5, t(0.975, 1) 12.706: clipped to 0-100, so it reaches
    # R (its other band), not the index bands A, C, D.
    ci = v.interval
    assert ci is not None
    assert (ci.rounded, ci.may_be) == ((0.0, 100.0), ("R",))
    assert rubric.band_for("T") is not None and rubric.bands_of("w") == rubric.bands


def test_value_bands_are_checked_like_index_bands() -> None:
    text = SMALL.format(max=5, band_min=0, extra="").replace(
        "    label: V\n",
        "    label: V\n    bands:\n      - {code: T, label: T, min: 60, max: 100}\n"
        "      - {code: R, label: R, min: 0, max: 50}\n",
    )
    assert problems_of(text) == [("band-gap", 16, "values[0].bands[0].min")]


def test_value_band_reusing_an_index_code_keeps_its_label() -> None:
    text = SMALL.format(max=5, band_min=0, extra="").replace(
        "    label: V\n",
        "    label: V\n    bands:\n      - {code: A, label: Tinggi, min: 0, max: 100}\n",
    )
    assert problems_of(text) == [("label-conflict", 16, "values[0].bands[0].label")]


def test_fingerprint_reports_value_bands() -> None:
    plain = small_rubric(
        OWN_BANDS.replace(
            "    bands:\n      - {code: T, label: Tinggi, min: 60, max: 100}\n"
            "      - {code: R, label: Rendah, min: 0, max: 60}\n",
            "",
        )
    )
    own = small_rubric(OWN_BANDS)
    diffs = compare_summaries(rubric_summary(plain), rubric_summary(own))
    assert [(d.aspect, d.detail) for d in diffs] == [("value-bands", "v.bands")]


# --- Label sets per programme --------------------------------------------------------------------

LABELLED = SMALL.format(max=5, band_min=0, extra="").replace(
    "  - {code: A, label: A, min: 0, max: 100}",
    "  - {code: B, label: Cukup Sehat, min: 50, max: 100, labels: {act: Cukup}}\n"
    "  - {code: C, label: Tidak Sehat, min: 0, max: 50, labels: {act: {id: Rendah, en: Low}}}",
)


def test_label_set_chosen_by_band_labels() -> None:
    rubric, problems = parse_rubric(("band_labels: act\n" + LABELLED).encode("utf-8"))
    assert problems == [] and rubric is not None
    assert [(b.code, b.label.get("id"), b.label.get("en")) for b in rubric.bands] == [
        ("B", "Cukup", "Cukup"),
        ("C", "Rendah", "Low"),
    ]
    default, _ = parse_rubric(LABELLED.encode("utf-8"))
    assert default is not None
    assert [b.label.id for b in default.bands] == ["Cukup Sehat", "Tidak Sehat"]


def test_label_set_missing_on_a_band() -> None:
    text = "band_labels: act\n" + LABELLED.replace(", labels: {act: Cukup}", "")
    assert problems_of(text) == [("missing-key", 22, "bands[0]")]


# --- Every new setting in the JSON Schema --------------------------------------------------------

EVERY_SETTING = """band_labels: act
rounding: {decimals: 1, band_on: raw, mode: half_even}
aggregation: {institution: headcount_weighted}
eligibility: {rule: [fixed, share], combine: max, minimum: 30, share: 0.1}
quality: {straight_lining: flag, straight_lining_min_same: all}
intervals: {level: 0.9, finite_population_correction: false}
evaluation:
  answer_scales:
    yt:
      options:
        - {label: Ya, score: 100}
        - {label: Tidak berlaku, not_applicable: true}
  criteria:
    - id: K
      label: K
      items:
        - {id: K.1, requirement: r, answer_scale: yt}
"""


def test_every_new_setting_validates_and_conforms_to_the_schema() -> None:
    text = (
        SMALL.format(max=5, band_min=0, extra=EVERY_SETTING)
        .replace("    max: 5\n", "    max: 5\n    conversion: of_max\n")
        .replace(
            "  - {code: A, label: A, min: 0, max: 100}",
            "  - {code: A, label: A, min: 0, max: 100, labels: {act: Semua}}",
        )
        .replace(
            "    label: V\n",
            "    label: V\n    bands:\n"
            "      - {code: Z, label: Z, min: 0, max: 100, labels: {act: Z}}\n",
        )
    )
    assert problems_of(text) == []
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    assert [e.message for e in validator.iter_errors(yaml.safe_load(text))] == []
    bad = yaml.safe_load(text)
    bad["evaluation"]["answer_scales"]["yt"]["options"][1]["score"] = 0
    assert list(validator.iter_errors(bad))


# --- compare --units-map merges a year's units with that year's rounding ------------------------


def test_merge_follows_the_years_rounding_mode_and_band_footing() -> None:
    # (74.8 + 74.9) / 2 = 74.85: half-up 74.9, half-even 74.8; both B. (74.9 + 75.0) / 2 =
    # 74.95 publishes 75.0 (A) on rounded values but is B on the raw value.
    tie = [unit("a", 74.8, 1), unit("b", 74.9, 1)]
    even = replace(year(2024), rounding_mode="half_even")
    assert merge_units("X", tie, year(2024)).index.rounded == 74.9  # type: ignore[union-attr]
    assert merge_units("X", tie, even).index.rounded == 74.8  # type: ignore[union-attr]
    edge = [unit("a", 74.9, 1), unit("b", 75.0, 1)]
    raw = merge_units("X", edge, replace(year(2024), rounding_band_on="raw")).index
    assert raw is not None and (raw.rounded, raw.band) == (75.0, "B")


def test_value_bands_travel_through_results_json_to_compare(tmp_path: Path) -> None:
    from berakhlak_cli.loaders.results.load import load_results

    text = small_rubric_text(OWN_BANDS)
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "hasil.csv").write_text("unit,a,b\nU,3,4\nU,4,4\n", encoding="utf-8")
    out = tmp_path / "hasil-2024.json"
    args = ["score", str(tmp_path / "hasil.csv"), "--rubric", str(tmp_path / "r.yaml")]
    result = CliRunner().invoke(app, [*args, "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["values"][0]["bands"][0] == {
        "code": "T",
        "label": "Tinggi",
        "min": 60.0,
        "max": 100.0,
    }
    assert "bands" not in doc["values"][1]
    # v = (50 + 75) / 2 = 62.5 -> T, labelled from the value's bands.
    (group,) = doc["groups"]
    assert (group["values"]["v"]["band"], group["values"]["v"]["band_label"]) == ("T", "Tinggi")
    loaded = load_results(out)
    assert [b.code for b in loaded.values[0].bands] == ["T", "R"]
    assert loaded.band_label("T") == "Tinggi"


def test_merged_value_is_banded_by_the_values_own_bands() -> None:
    from berakhlak_cli.model.comparison import BandInfo

    own = (BandInfo("T", "Tinggi", 60.0, 100.0), BandInfo("R", "Rendah", 0.0, 60.0))
    base = year(2024)
    values = tuple(replace(v, bands=own) if v.id == "akuntabel" else v for v in base.values)
    y = replace(base, values=values)
    # akuntabel (1 * 55 + 1 * 66) / 2 = 60.5 -> T (its own bands; the index bands say B).
    merged = merge_units(
        "X", [unit("a", 70.0, 1, akuntabel=55.0), unit("b", 70.0, 1, akuntabel=66.0)], y
    )
    assert merged.values["akuntabel"].band == "T"
    assert y.band_label("T") == "Tinggi" and y.band_label("B") == "Cukup Sehat"
