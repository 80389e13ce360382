"""Header matching rules (``loaders.header_match``) and numbered answer labels (issue 11)."""

from __future__ import annotations

import math

import pytest

from berakhlak_cli.loaders.rubric.load import load_rubric
from berakhlak_cli.loaders.survey.header_match import How, closest_header, header_key, match_items
from berakhlak_cli.scoring.answers import AnswerCoder

RUBRIC = load_rubric()
ITEMS = [i.id for i in RUBRIC.items]
LABEL = {i.id: b.label.id for v in RUBRIC.values for b in v.behaviours for i in b.items}


def _headers(replace: dict[str, str]) -> list[str]:
    return ["unit_kerja", *(replace.get(i, i) for i in ITEMS)]


@pytest.mark.parametrize(
    "header",
    [
        "1. Bertindak proaktif",
        "1) Bertindak proaktif",
        "Q1 Bertindak proaktif",
        "Q1. Bertindak proaktif",
        "No. 1 Bertindak proaktif",
        "  BERTINDAK   PROAKTIF!! ",
        "Pegawai di unit saya: Bertindak proaktif",
        "21. Nilai Adaptif [Bertindak proaktif]",
        "Adaptif [3. Bertindak proaktif]",
    ],
)
def test_loose_headers_match_their_item(header: str) -> None:
    matching = match_items(_headers({"ad3": header}), RUBRIC)
    assert matching.complete
    assert matching.matches["ad3"].position == ITEMS.index("ad3") + 1
    assert matching.matches["ad3"].how in (How.CONTAINS, How.GRID)
    assert matching.matches["bp1"].how == How.ID


def test_exact_names_ignore_case_punctuation_and_numbering() -> None:
    assert header_key("  BP.1 ") == header_key("bp 1") == "bp 1"
    matching = match_items(_headers({"bp1": "1. BP.1", "bp2": "Q2 BP.2"}), RUBRIC)
    assert (matching.matches["bp1"].how, matching.matches["bp2"].how) == (How.ALIAS, How.ALIAS)
    text = "PEGAWAI di unit kerja saya melakukan perbaikan tiada henti"
    assert match_items(_headers({"bp3": text}), RUBRIC).matches["bp3"].how == How.ALIAS


def test_an_exact_header_wins_over_a_loose_one() -> None:
    headers = [*_headers({}), "Pegawai di unit saya: Bertindak proaktif"]
    matching = match_items(headers, RUBRIC)
    assert matching.complete and matching.matches["ad3"].how == How.ID


def test_the_longer_phrase_decides() -> None:
    # "Melaksanakan tugas dengan kualitas terbaik" (ko3) does not also match ak1's label.
    headers = _headers({"ko3": "Saya: Melaksanakan tugas dengan kualitas terbaik"})
    assert match_items(headers, RUBRIC).matches["ko3"].how == How.CONTAINS


def test_ambiguity_names_the_candidates() -> None:
    headers = _headers({"ad3": "A: Bertindak proaktif"}) + ["B: Bertindak proaktif"]
    matching = match_items(headers, RUBRIC)
    assert not matching.complete and "ad3" not in matching.missing
    assert [a.message for a in matching.ambiguities] == [
        "item 'ad3' matches more than one column loosely: 'A: Bertindak proaktif' (column 19), "
        "'B: Bertindak proaktif' (column 23)"
    ]


def test_exact_setting_turns_loose_rules_off() -> None:
    from dataclasses import replace

    from berakhlak_cli.model.rubric import HeaderMatching

    strict = replace(RUBRIC, columns=replace(RUBRIC.columns, header_matching=HeaderMatching.EXACT))
    headers = _headers({"ad3": "Pegawai di unit saya: Bertindak proaktif"})
    assert match_items(headers, strict).missing == ["ad3"]
    assert match_items(headers, RUBRIC).complete


def test_closest_header_scores_similarity() -> None:
    item = next(i for i in RUBRIC.items if i.id == "ad3")
    best = closest_header(item, LABEL["ad3"], ["Timestamp", "Bertindak proatif"])
    assert best is not None and best[0] == "Bertindak proatif"
    # difflib ratio: 2 x 17 matching characters / (18 + 17) = 0.971...
    assert best[1] == pytest.approx(34 / 35)


CODER = AnswerCoder(RUBRIC.scales["likert5"], RUBRIC.missing)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Sangat setuju ", 5),
        ("  sangat   SETUJU", 5),
        ("SS", 5),
        ("5 - Sangat Setuju", 5),
        ("5 (Sangat Setuju)", 5),
        ("5. Sangat Setuju", 5),
        ("Sangat Setuju (5)", 5),
        ("1 – Sangat Tidak Setuju", 1),
        ("4 = Setuju", 4),
        ("3 - N", 3),
    ],
)
def test_unambiguous_answer_variants_score(text: str, value: int) -> None:
    assert CODER.code_text(text) == (value, 0)


@pytest.mark.parametrize(
    "text", ["2 - Sangat Setuju", "5 (Setuju)", "6 - Sangat Setuju", "Setju", "S S"]
)
def test_other_variants_stay_unknown_labels(text: str) -> None:
    number, problem = CODER.code_text(text)
    assert math.isnan(number) and problem == 1


def test_two_items_of_one_behaviour_are_told_apart_by_their_text() -> None:
    from dataclasses import replace

    from berakhlak_cli.model.rubric import Item, Text

    value = RUBRIC.values[5]  # Adaptif
    ad3 = value.behaviours[2].items[0]
    extra = Item(
        "ad3b", Text("Pegawai di unit kerja saya bertindak proaktif saat ada masalah."), "ad3b"
    )
    behaviour = replace(value.behaviours[2], items=(ad3, extra))
    values = list(RUBRIC.values)
    values[5] = replace(value, behaviours=(*value.behaviours[:2], behaviour))
    rubric = replace(RUBRIC, values=tuple(values))
    headers = [
        *_headers({"ad3": "Pegawai di unit saya: Bertindak proaktif"}),
        "Q: Pegawai di unit kerja saya bertindak proaktif saat ada masalah",
    ]
    matching = match_items(headers, rubric)
    assert matching.complete, [a.message for a in matching.ambiguities]
    assert matching.matches["ad3b"].position == len(headers) - 1
    assert matching.matches["ad3"].position == ITEMS.index("ad3") + 1


def test_rubric_copy_adds_aliases_in_every_layout(asset) -> None:  # type: ignore[no-untyped-def]
    from berakhlak_cli.loaders.rubric.load import parse_rubric
    from berakhlak_cli.loaders.rubric.own_copy import rubric_copy

    raw = asset("rubrics/rubric.valid.yaml").read_text(encoding="utf-8")
    block = raw.replace('aliases: ["AD.1"]', 'aliases:\n              - "AD.1"')
    assert block != raw
    for text in (raw, block):
        copy = rubric_copy(
            text.encode(), "r.yaml", additions={"ak1": ["Saya: Jujur"], "ad1": ['Kata "x"']}
        )
        rubric, problems = parse_rubric(copy.encode())
        assert not problems and rubric is not None
        assert {i.id: i.aliases for i in rubric.items} == {
            "ak1": ("Saya: Jujur",),
            "ad1": ("AD.1", 'Kata "x"'),
        }
        assert copy.startswith("# yaml-language-server: $schema=rubric.schema.json\n")
