"""Loading a year's results: published YAML/CSV, the score JSON, year detection, units map."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from berakhlak_cli.errors import ResultsError, UnitsError
from berakhlak_cli.loaders.results.load import load_results, year_from_name
from berakhlak_cli.loaders.units.mapping import load_units_map
from berakhlak_cli.model.comparison import Headline, ResultKind, UnitRename, YearSource
from tests.compare.kalteng import PUBLISHED_2022, PUBLISHED_2024, WHEN

Write = Callable[[str, str], Path]


def test_published_2022_example() -> None:
    year = load_results(PUBLISHED_2022)
    assert (year.year, year.year_source, year.kind) == (2022, YearSource.FILE, ResultKind.PUBLISHED)
    assert year.index is not None and (year.index.rounded, year.index.band) == (59.5, "B")
    assert {k: v.rounded for k, v in year.value_scores.items()} == {"harmonis": 72.5}
    assert year.other_indices["kesehatan_budaya_total"].rounded == 75.3
    assert year.other_indices["energi_positif"].band == "A"
    assert year.rubric is None and not year.has_respondent_stats and year.respondents is None
    assert year.label == "Pemerintah Provinsi Kalimantan Tengah"
    assert "values-selection" in year.instrument
    assert len(year.citations) == 3 and [v.code for v in year.values][:2] == ["BP", "AK"]


def test_published_2024_example() -> None:
    year = load_results(PUBLISHED_2024)
    assert year.year == 2024 and year.index is not None
    assert (year.index.rounded, year.index.band) == (76.3, "A")
    assert year.value_scores == {} and year.units == ()


def test_published_yaml_units_codes_and_band_from_score(write: Write) -> None:
    path = write(
        "laporan.yaml",
        """
format: berakhlak-published
format_version: 1
year: 2023
instrument: Survei Indeks BerAKHLAK 2023
rubric: null
index: {score: 61.1}
values: {AD: 43.5, Harmonis: {score: 53.7, category: B}}
respondents: 7819
units:
  - {name: "  Biro   Hukum ", index: 74.95, respondents: 40, headcount: 48, values: {kl: 80.97}}
""",
    )
    year = load_results(path, year=2021)
    assert (year.year, year.year_source) == (2021, YearSource.OVERRIDE)
    assert year.index is not None and year.index.band == "B"
    assert {k: (v.rounded, v.band) for k, v in year.value_scores.items()} == {
        "adaptif": (43.5, "C"),
        "harmonis": (53.7, "B"),
    }
    assert year.respondents == 7819 and year.index.respondents == 7819
    (biro,) = year.units
    assert (biro.label, biro.respondents, biro.headcount) == ("Biro Hukum", 40, 48)
    assert biro.index is not None and biro.index.band == "B"  # 74.95 as published: below 75
    assert biro.values["kolaboratif"].rounded == 80.97
    assert year.decimals == 2  # as precise as the most precise figure typed


BASE_YAML = "format: berakhlak-published\nformat_version: 1\nyear: 2022\ninstrument: x\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "values: {harmonsi: 72.5}",
            r"unknown-value unknown value 'harmonsi' \(did you mean 'harmonis'\?\)",
        ),
        ("index: 107", r"out-of-range score 107.0 is outside 0-100 \(at index\)"),
        ("category: E", r"unknown-category category 'E' is not one of A, B, C, D"),
        ("rubric: kemenpanrb-2025", r"bad-rubric .*use null"),
        (
            "respondent: 10",
            r"unknown-key unknown key 'respondent' \(did you mean 'respondents'\?\)",
        ),
        ("units: [{index: 70}]", r"missing-key required key 'name' is missing"),
        ("index: [1, 2]", r"wrong-type 'index' must be a number"),
        (
            "units: [{name: A}, {name: ' a'}]",
            r"duplicate-unit unit 'a' is listed twice \(at units\[1\]\)",
        ),
    ],
)
def test_published_yaml_problems_name_file_line_and_key(
    write: Write, body: str, message: str
) -> None:
    path = write("bad.yaml", BASE_YAML + body + "\n")
    with pytest.raises(ResultsError, match=message) as info:
        load_results(path)
    assert str(info.value).startswith(f"{path}:5:")


def test_published_yaml_wrong_format_and_syntax(write: Write) -> None:
    with pytest.raises(ResultsError, match=r"'format' must be 'berakhlak-published'"):
        load_results(
            write("a.yaml", "format: other\nformat_version: 1\nyear: 2022\ninstrument: x\n")
        )
    with pytest.raises(ResultsError, match=r"b\.yaml:2:\d+: yaml-syntax"):
        load_results(write("b.yaml", "year: 2022\n  bad: [\n"))
    with pytest.raises(ResultsError, match=r"required key 'year' is missing"):
        load_results(
            write("c.yaml", "format: berakhlak-published\nformat_version: 1\ninstrument: x\n")
        )


PUBLISHED_CSV = """\
year;instrument;institution;unit;respondents;headcount;index;category;HA;adaptif;source
2022;Survei Indeks BerAKHLAK 2022;Pemprov X;;;;59,5;B;72,5;;https://example.org/a
2022;;;Biro Hukum;40;48;61,2;;70;38,9;
2022;;;Biro Umum;;;;;;;https://example.org/b
"""


def test_published_csv(write: Write) -> None:
    year = load_results(write("angka.csv", PUBLISHED_CSV))
    assert (year.year, year.instrument, year.label) == (
        2022,
        "Survei Indeks BerAKHLAK 2022",
        "Pemprov X",
    )
    assert year.index is not None and (year.index.rounded, year.index.band) == (59.5, "B")
    assert {k: v.rounded for k, v in year.value_scores.items()} == {"harmonis": 72.5}
    hukum, umum = year.units
    assert hukum.index is not None and (hukum.index.rounded, hukum.index.band) == (61.2, "B")
    assert (hukum.respondents, hukum.headcount) == (40, 48)
    assert {k: (v.rounded, v.band) for k, v in hukum.values.items()} == {
        "harmonis": (70.0, "B"),
        "adaptif": (38.9, "C"),
    }
    assert umum.index is None and umum.values == {}
    assert year.citations == ("https://example.org/a", "https://example.org/b")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "year,unit,indeks\n2022,,59.5\n",
            r"row 1: column 'indeks' is neither .*did you mean 'index'",
        ),
        ("unit,index\n,59.5\n", r"required column 'year' is missing"),
        ("year,unit,index\n2022,,59.5\n", r"column 'instrument': missing"),
        (
            "year,instrument,unit,index\n2022,x,,5x\n",
            r"row 2: column 'index': '5x' is not a number",
        ),
        (
            "year,instrument,unit,index\n2022,x,,59.5\n2023,x,A,60\n",
            r"row 3: column 'year': '2023' differs from '2022' on row 2",
        ),
        (
            "year,instrument,unit,index\n2022,x,,59.5\n2022,x,,60\n",
            r"row 3: column 'unit': a second institution row",
        ),
        (
            "year,instrument,unit,index\n2022,x,A,59.5\n2022,x, a ,60\n",
            r"row 3: column 'unit': unit 'a' is listed twice",
        ),
        (
            "year,instrument,unit,index,category\n2022,x,,59.5,Z\n",
            r"row 2: column 'category': category 'Z'",
        ),
        ("year,instrument,unit,index\n2022,x,,101\n", r"score 101 is outside 0-100"),
        (
            "year,instrument,unit,index,respondents\n2022,x,,59,ten\n",
            r"'ten' is not a whole number",
        ),
    ],
)
def test_published_csv_errors_name_row_and_column(write: Write, text: str, message: str) -> None:
    path = write("angka.csv", text)
    with pytest.raises(ResultsError, match=message) as info:
        load_results(path)
    assert str(info.value).startswith(f"{path}: ")


def test_json_year_from_file_name(hasil_2024: Path) -> None:
    year = load_results(hasil_2024)
    assert (year.year, year.year_source, year.kind) == (
        2024,
        YearSource.FILE_NAME,
        ResultKind.SCORED,
    )
    doc = json.loads(hasil_2024.read_text(encoding="utf-8"))
    inst = doc["institution"]
    assert year.headline == Headline.COMBINED
    assert year.index is not None and year.index.rounded == inst["combined"]["rounded"]
    assert year.survey_index is not None and year.survey_index.rounded == inst["index"]["rounded"]
    assert year.respondents == inst["respondents"] and year.has_respondent_stats
    assert year.rubric is not None and year.rubric.summary is not None
    assert year.rubric.sha256 == doc["rubric"]["sha256"]
    assert [u.label for u in year.units] == [g["key"]["unit_kerja"] for g in doc["groups"]]
    withheld = [u for u in year.units if u.withheld]
    assert [u.label for u in withheld] == ["Biro Pengadaan Barang dan Jasa"]
    assert withheld[0].index is None and withheld[0].values == {}
    assert year.gaps and {g.unit for g in year.gaps} == {
        g["key"]["unit_kerja"] for g in doc["gaps"]
    }
    assert year.values[0].label_en == "Service Orientation"
    assert year.bands[0].name("en") == "Healthy" and year.bands[0].name("id") == "Sehat"


def test_json_year_override_and_generated_at_fallback(hasil_2024: Path, tmp_path: Path) -> None:
    assert load_results(hasil_2024, year=2023).year_source == YearSource.OVERRIDE
    unnamed = tmp_path / "hasil-terbaru.json"
    unnamed.write_bytes(hasil_2024.read_bytes())
    year = load_results(unnamed)
    assert (year.year, year.year_source) == (int(WHEN[:4]), YearSource.GENERATED_AT)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("hasil-2024.json", 2024),
        ("2022_hasil.yaml", 2022),
        ("hasil-2022-2024.json", None),
        ("hasil.json", None),
        ("x12024.json", None),
        ("survei-2024-v2024.json", 2024),
    ],
)
def test_year_from_name(name: str, expected: int | None) -> None:
    assert year_from_name(Path(name)) == expected


def _doc(hasil_2024: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(hasil_2024.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), r"key 'format': expected 'berakhlak-results'"),
        (lambda d: d.update(format_version=3), r"key 'format_version': version 3 is not supported"),
        (lambda d: d.pop("institution"), r"key 'institution': missing"),
        (
            lambda d: d["groups"][1]["index"].update(rounded="x"),
            r"key 'groups\[1\]\.index\.rounded': expected a number, got 'x'",
        ),
        (
            lambda d: d["groups"][0]["values"].update(zz=None),
            r"key 'groups\[0\]\.values\.zz': value 'zz' is not in",
        ),
        (lambda d: d["rubric"].pop("id"), r"key 'rubric\.id': missing"),
        (lambda d: d.update(values={}), r"key 'values': expected a list, got an object"),
    ],
)
def test_json_errors_name_file_and_key(
    hasil_2024: Path, tmp_path: Path, change, message: str
) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(hasil_2024)
    change(doc)
    path = tmp_path / "hasil-2024.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ResultsError, match=message) as info:
        load_results(path)
    assert str(info.value).startswith(f"{path}: ")


def test_unreadable_files(tmp_path: Path, write: Write) -> None:
    with pytest.raises(ResultsError, match=r"nope\.json: file not found"):
        load_results(tmp_path / "nope.json")
    with pytest.raises(ResultsError, match=r"line 1 column 2: not valid JSON"):
        load_results(write("hasil-2024.json", "{x"))
    with pytest.raises(ResultsError, match=r"unknown results file type '\.txt'"):
        load_results(write("hasil-2024.txt", "x"))
    bad = tmp_path / "hasil-2024.yaml"
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(ResultsError, match=r"not UTF-8 text \(byte 0\)"):
        load_results(bad)


def test_units_map(write: Write) -> None:
    path = write(
        "map.csv",
        "from,to,year\nBiro Organisasi dan Tata Laksana,Biro Organisasi,2022\n"
        "Bagian Umum,Biro Umum,\n\nBagian  Perlengkapan,Biro Umum,\n",
    )
    assert load_units_map(path) == (
        UnitRename("Biro Organisasi dan Tata Laksana", "Biro Organisasi", 2022, 2),
        UnitRename("Bagian Umum", "Biro Umum", None, 3),
        UnitRename("Bagian Perlengkapan", "Biro Umum", None, 5),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("old_name,new_name\nA,B\n", r"row 1: need columns 'from' and 'to'"),
        ("from,to\nA,\n", r"row 2: column 'to': empty unit name"),
        ("from,to,year\nA,B,dua ribu\n", r"row 2: column 'year': 'dua ribu' is not a year"),
        ("from,to\nA,B\na,C\n", r"row 3: unit 'a' is already mapped on row 2"),
        ("", r"the file is empty"),
    ],
)
def test_units_map_errors(write: Write, text: str, message: str) -> None:
    with pytest.raises(UnitsError, match=message):
        load_units_map(write("map.csv", text))
