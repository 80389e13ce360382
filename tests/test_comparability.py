"""scoring.comparability: the rubric fingerprint and the differences that break comparability."""

from __future__ import annotations

import dataclasses
import json

from berakhlak_cli.loaders.rubric.load import load_rubric
from berakhlak_cli.model.rubric import (
    Aggregation,
    Band,
    InstitutionMethod,
    Scale,
    Text,
)
from berakhlak_cli.scoring.compare.comparability import (
    Difference,
    compare_summaries,
    rubric_summary,
    shares,
    text_hash,
)


def test_shares_normalise_weights() -> None:
    assert shares([1, 1, 2]) == [0.25, 0.25, 0.5]
    assert shares([3, 3, 3]) == [0.333333, 0.333333, 0.333333]


def test_text_hash_ignores_case_and_spacing_only() -> None:
    assert text_hash(Text("Pegawai  ramah.")) == text_hash(Text("pegawai ramah"))
    assert text_hash(Text("Pegawai ramah")) != text_hash(Text("Pegawai sopan"))


def test_summary_of_shipped_rubric() -> None:
    summary = rubric_summary(load_rubric())
    assert summary["summary_version"] == 1
    assert summary["scales"] == {
        "likert5": {
            "min": 1.0,
            "max": 5.0,
            "points": [1.0, 2.0, 3.0, 4.0, 5.0],
            "integer_only": True,
            "conversion": "min_max",
        }
    }
    assert list(summary["values"]) == [
        "berorientasi_pelayanan",
        "akuntabel",
        "kompeten",
        "harmonis",
        "loyal",
        "adaptif",
        "kolaboratif",
    ]
    # 7 equal value weights: 1/7 = 0.142857; 3 behaviours each: 1/3; one item each: 1.
    assert {v["weight"] for v in summary["values"].values()} == {0.142857}
    assert {b["weight"] for b in summary["behaviours"].values()} == {0.333333}
    assert summary["items"]["ak2"]["behaviour"] == "AK.2"
    assert summary["items"]["ak2"]["weight"] == 1.0
    assert summary["bands"][0] == {"code": "A", "min": 75.0, "max": 100.0}
    assert summary["evaluation"]["survey_weight"] == 0.8
    assert summary["evaluation"]["evidence"]["KP.1"]["criterion"] == "KP"
    # JSON round trip compares equal (what ``compare`` does with two results files).
    assert compare_summaries(summary, json.loads(json.dumps(summary))) == []


def test_scaling_every_weight_changes_nothing() -> None:
    rubric = load_rubric()
    doubled = dataclasses.replace(
        rubric, values=tuple(dataclasses.replace(v, weight=2.0) for v in rubric.values)
    )
    assert compare_summaries(rubric_summary(rubric), rubric_summary(doubled)) == []


def test_differences_have_stable_aspects() -> None:
    rubric = load_rubric()
    first = rubric.values[0]
    beh = first.behaviours[0]
    reworded = dataclasses.replace(beh.items[0], text=Text("Pegawai di unit saya sopan."))
    new_values = (
        dataclasses.replace(
            first,
            weight=2.0,
            behaviours=(dataclasses.replace(beh, items=(reworded,)), *first.behaviours[1:]),
        ),
        *rubric.values[1:-1],
    )
    changed = dataclasses.replace(
        rubric,
        instrument="Likert 1-4",
        scales={"likert5": Scale("likert5", 1, 4)},
        values=new_values,
        bands=(Band("A", Text("Sehat"), 80, 100), *rubric.bands[1:]),
        aggregation=Aggregation(institution=InstitutionMethod.MEAN_OF_UNITS),
    )
    diffs = compare_summaries(rubric_summary(rubric), rubric_summary(changed))
    got = {(d.aspect, d.detail) for d in diffs}
    assert ("instrument", "instrument") in got
    assert ("scale", "likert5.max") in got
    assert ("scale", "likert5.points") in got
    assert ("item-reworded", "bp1.text_sha256") in got
    assert ("value-removed", "kolaboratif") in got
    assert ("behaviour-removed", "KL.1") in got
    assert ("item-removed", "kl3") in got
    assert ("band", "A.min") in got
    assert ("aggregation", "aggregation.institution") in got
    # 2 / (2 + 5) = 0.285714 against the old 1/7.
    assert Difference("value-weight", "berorientasi_pelayanan.weight", 0.142857, 0.285714) in diffs
    # The five remaining values weigh 1 / (2 + 5) = 0.142857, as before: no difference.
    assert [d for d in diffs if d.aspect == "value-weight"] == [
        Difference("value-weight", "berorientasi_pelayanan.weight", 0.142857, 0.285714)
    ]


def test_older_summary_without_sections_compares() -> None:
    summary = rubric_summary(load_rubric())
    old = {"instrument": summary["instrument"]}
    diffs = compare_summaries(old, summary)
    assert diffs[0].aspect == "scale"
    assert {d.aspect for d in diffs} >= {"scale", "value-added", "item-added", "band", "evaluation"}
    assert all(json.dumps(d.as_dict()) for d in diffs)
