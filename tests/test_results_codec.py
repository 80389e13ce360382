"""The results document codec: ``from_document(to_document(x)) == x`` for every published field.

The strategies build documents the way the contract publishes them (docs/output.md): a withheld
group has no score fields, value intervals come with an index interval, priorities with gap
tests, gap items largest gain first, and ``Interval.rounded`` (not published) is None.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.errors import ResultsError
from berakhlak_cli.loaders.results.load import load_results
from berakhlak_cli.model.behaviours import BehaviourInfo, BehaviourResult, Distribution, GapTest
from berakhlak_cli.model.comparison import BandInfo, ValueInfo
from berakhlak_cli.model.document.codec import from_document, to_document
from berakhlak_cli.model.document.contents import DocumentHeader, ResultsDocument
from berakhlak_cli.model.evidence import EvidenceGap, UnitGaps
from berakhlak_cli.model.results import (
    GroupLevel,
    GroupResult,
    InputRef,
    Interval,
    Issue,
    IssueCode,
    IssueCount,
    ItemFit,
    Provenance,
    RowAccount,
    RubricRef,
    ScaleReliability,
    Score,
    Scoresheet,
)
from berakhlak_cli.model.results_selection import (
    SelectionFigures,
    SelectionMethod,
    SelectionPart,
    TemplateInfo,
)
from berakhlak_cli.model.rubric import BandOn, Change, Reporting, Rounding, RoundingMode
from berakhlak_cli.model.values_selection_results import PAIRS, Match
from tests.conftest import EXAMPLES, ROOT

WORDS = st.text(alphabet="abcdefgh XYZ", min_size=1, max_size=6)
NUMBERS = st.floats(-1e6, 1e6, allow_nan=False)
COUNTS = st.integers(0, 10_000)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


SCORES = st.builds(Score, NUMBERS, NUMBERS, maybe(WORDS))
INTERVALS = st.builds(
    Interval,
    NUMBERS,
    NUMBERS,
    st.floats(0.5, 0.99),
    WORDS,
    st.booleans(),
    st.lists(WORDS, max_size=2).map(tuple),
    maybe(NUMBERS),
    st.integers(1, 500),
    maybe(NUMBERS),
)
BANDS = st.lists(
    st.builds(BandInfo, WORDS, WORDS, NUMBERS, NUMBERS, st.sampled_from(["", "Healthy"])),
    max_size=3,
).map(tuple)


@st.composite
def headers(draw: st.DrawFn) -> DocumentHeader:
    ids = draw(st.lists(WORDS, min_size=1, max_size=3, unique=True))
    values = tuple(
        ValueInfo(v, draw(WORDS), draw(WORDS), draw(st.sampled_from(["", "Loyal"])), draw(BANDS))
        for v in ids
    )
    reporting = draw(maybe(st.builds(Reporting, COUNTS, COUNTS, st.floats(0.5, 0.99))))
    behaviours: tuple[BehaviourInfo, ...] = ()
    if reporting is not None:
        behaviours = tuple(
            BehaviourInfo(f"{v}.{i}", v, draw(WORDS)) for v in ids for i in range(draw(COUNTS) % 3)
        )
    return DocumentHeader(
        values=values,
        bands=draw(BANDS),
        rounding=Rounding(
            draw(st.integers(0, 3)),
            draw(st.sampled_from(list(BandOn))),
            draw(st.sampled_from(list(RoundingMode))),
        ),
        behaviours=behaviours,
        reporting=reporting,
        change=draw(maybe(st.builds(Change, NUMBERS, st.floats(0.5, 0.99)))),
    )


@st.composite
def behaviour_results(draw: st.DrawFn, info: BehaviourInfo) -> BehaviourResult:
    k = draw(st.integers(1, 5))
    distribution = Distribution(
        tuple(draw(st.lists(NUMBERS, min_size=k, max_size=k))),
        tuple(draw(st.lists(COUNTS, min_size=k, max_size=k))),
        draw(st.integers(0, k)),
    )
    return BehaviourResult(
        info.id, info.value, draw(maybe(SCORES)), draw(COUNTS), distribution, draw(maybe(NUMBERS))
    )


def _level_and_counts(draw: st.DrawFn, key: tuple[str, ...]) -> tuple[GroupLevel, dict[str, Any]]:
    counts = {
        "headcount": draw(maybe(COUNTS)),
        "min_respondents": draw(maybe(COUNTS)),
        "eligible": draw(maybe(st.booleans())),
    }
    return GroupLevel.UNIT if key else GroupLevel.INSTITUTION, counts


def with_interval(draw: st.DrawFn, score: Score | None) -> Score | None:
    """``score`` with an interval drawn for it (or none)."""
    if score is None:
        return None
    return replace(score, interval=draw(maybe(INTERVALS)))


@st.composite
def groups(
    draw: st.DrawFn, key: tuple[str, ...], header: DocumentHeader, withheld: bool
) -> GroupResult:
    level, counts = _level_and_counts(draw, key)
    if withheld:
        return GroupResult(key, level, draw(COUNTS), {}, {}, None, draw(WORDS), **counts)
    ids = [v.id for v in header.values]
    # NOTE: each interval lives on its score; the document carries value intervals only
    # beside an index interval (``value_intervals`` is written with ``index_interval``).
    index = with_interval(draw, draw(maybe(SCORES)))
    scored = index is not None and index.interval is not None
    drawn = {v: draw(maybe(SCORES)) for v in draw(st.lists(st.sampled_from(ids), unique=True))}
    values = {v: with_interval(draw, s) if scored else s for v, s in drawn.items()}
    behaviours = {b.id: draw(behaviour_results(b)) for b in header.behaviours}
    gap_tests = tuple(
        GapTest(b, draw(NUMBERS), draw(maybe(NUMBERS)), None, draw(maybe(NUMBERS)), None, True)
        for b in (
            draw(st.lists(st.sampled_from(list(behaviours)), unique=True)) if behaviours else []
        )
    )
    return GroupResult(
        key=key,
        level=level,
        respondents=draw(COUNTS),
        values=values,
        value_respondents={v: draw(COUNTS) for v, s in values.items() if s is not None},
        index=index,
        evidence=draw(maybe(SCORES)),
        combined=with_interval(draw, draw(maybe(SCORES))),
        flags=tuple(draw(st.lists(WORDS, max_size=2))),
        behaviours=behaviours,
        gap_tests=gap_tests,
        priorities=tuple(t.behaviour for t in gap_tests[:2]),
        **counts,
    )


@st.composite
def unit_gaps(draw: st.DrawFn, group: GroupResult) -> UnitGaps:
    items = draw(
        st.lists(
            st.builds(
                EvidenceGap,
                WORDS,
                WORDS,
                NUMBERS,
                st.booleans(),
                maybe(NUMBERS),
                maybe(WORDS),
                maybe(COUNTS),
            ),  # fmt: skip
            max_size=3,
        )
    )
    return UnitGaps(
        key=group.key,
        evidence=draw(maybe(NUMBERS)),
        criteria={} if group.withheld else draw(st.dictionaries(WORDS, NUMBERS, max_size=2)),
        provided=draw(COUNTS),
        expected=draw(COUNTS),
        no_evidence=draw(st.booleans()),
        combined=draw(maybe(NUMBERS)),
        band=draw(maybe(WORDS)),
        next_band=draw(maybe(WORDS)),
        to_next_band=draw(maybe(NUMBERS)),
        # NOTE: the document lists items largest gain first; rubric order is not published.
        items=tuple(sorted(items, key=lambda g: -(g.points or 0.0))),
    )


ISSUES = st.builds(
    Issue,
    st.sampled_from(list(IssueCode)),
    WORDS,
    maybe(COUNTS),
    maybe(WORDS),
    maybe(WORDS),
    maybe(WORDS),
    st.booleans(),
    st.sampled_from(["survey", "evidence"]),
)
RELIABILITY = st.builds(
    ScaleReliability,
    WORDS,
    COUNTS,
    maybe(NUMBERS),
    maybe(NUMBERS),
    COUNTS,
    st.lists(st.builds(ItemFit, WORDS, maybe(NUMBERS), maybe(NUMBERS)), max_size=2).map(tuple),
    st.sampled_from(["", "too few items"]),
)


@st.composite
def level_keys(draw: st.DrawFn, levels: tuple[str, ...]) -> tuple[str, ...]:
    """A level row's key: its path, padded with "" to the number of levels."""
    path = draw(st.lists(WORDS, min_size=1, max_size=len(levels)))
    return (*path, *[""] * (len(levels) - len(path)))


@st.composite
def documents(draw: st.DrawFn, levelled: bool = False) -> ResultsDocument:
    header = draw(headers())
    group_by = tuple(draw(st.lists(WORDS, min_size=1, max_size=2 + levelled, unique=True)))
    key_strategy = level_keys(group_by) if levelled else st.tuples(*[WORDS] * len(group_by))
    keys = draw(st.lists(key_strategy, max_size=4, unique=True))
    rows = tuple(draw(groups(k, header, draw(st.booleans()))) for k in keys)
    gaps = tuple(draw(unit_gaps(g)) for g in rows if draw(st.booleans()))
    sheet = Scoresheet(
        rubric=RubricRef(
            *draw(st.tuples(WORDS, WORDS, WORDS, WORDS, WORDS)),
            summary=draw(maybe(st.dictionaries(WORDS, st.integers() | WORDS, max_size=2))),
        ),
        group_by=group_by,
        groups=rows,
        institution=draw(groups((), header, draw(st.booleans()))),
        accounting=RowAccount(draw(COUNTS), draw(COUNTS), draw(st.dictionaries(WORDS, COUNTS))),
        issues=tuple(draw(st.lists(ISSUES, max_size=3))),
        issue_counts=tuple(
            draw(st.lists(st.builds(IssueCount, WORDS, WORDS, maybe(WORDS), COUNTS), max_size=2))
        ),
        ignored_columns=tuple(draw(st.lists(WORDS, max_size=2))),
        reliability=tuple(draw(st.lists(RELIABILITY, max_size=2))),
        gaps=gaps,
        levels=group_by if levelled else (),
    )
    provenance = Provenance(
        draw(WORDS),
        draw(WORDS),
        tuple(draw(st.lists(st.builds(InputRef, WORDS, WORDS, WORDS), max_size=2))),
        draw(maybe(st.integers(2000, 2100))),
    )
    return ResultsDocument(sheet, header, provenance, draw(maybe(st.floats(0, 1))))


@settings(max_examples=150, deadline=None)
@given(documents())
def test_from_document_inverts_to_document(doc: ResultsDocument) -> None:
    text = json.dumps(to_document(doc), ensure_ascii=False)
    assert from_document(json.loads(text), "hasil.json") == doc


@settings(max_examples=80, deadline=None)
@given(documents(levelled=True))
def test_from_document_inverts_to_document_with_levels(doc: ResultsDocument) -> None:
    data = json.loads(json.dumps(to_document(doc), ensure_ascii=False))
    assert data["levels"] == list(doc.sheet.levels)
    for group, row in zip(doc.sheet.groups, data["groups"], strict=True):
        depth = len([part for part in group.key if part])
        assert row["path"] == list(group.key[:depth])
        assert row["level"] == doc.sheet.levels[depth - 1]
    assert (data["institution"]["level"], data["institution"]["path"]) == ("institution", [])
    assert from_document(data, "hasil.json") == doc


@st.composite
def selection_figures(draw: st.DrawFn, ids: list[str], values: list[str]) -> SelectionFigures:
    questions = draw(st.lists(st.sampled_from(["personal", "current", "desired"]), unique=True))
    return SelectionFigures(
        votes={q: {i: draw(COUNTS) for i in ids} for q in questions},
        value_votes={v: {q: draw(COUNTS) for q in questions} for v in values},
        value_respondents={v: draw(COUNTS) for v in values},
        entropy=draw(maybe(SCORES)),
        positive_energy=draw(maybe(SCORES)),
        top={q: tuple(draw(st.lists(st.sampled_from(ids), unique=True))) for q in questions},
        matches=tuple(
            Match(a, b, tuple(draw(st.lists(st.sampled_from(ids), unique=True))))
            for a, b in draw(st.lists(st.sampled_from(PAIRS), unique=True))
        ),
    )


@st.composite
def selection_groups(
    draw: st.DrawFn, key: tuple[str, ...], values: list[str], withheld: bool
) -> GroupResult:
    level, counts = _level_and_counts(draw, key)
    if withheld:
        return GroupResult(key, level, draw(COUNTS), {}, {}, None, draw(WORDS), **counts)
    scores = {v: draw(SCORES) for v in values}
    # NOTE: a values-selection score publishes no respondents; it reads back as 0.
    return GroupResult(
        key, level, draw(COUNTS), scores, dict.fromkeys(scores, 0), draw(maybe(SCORES)), **counts
    )


@st.composite
def selection_documents(draw: st.DrawFn) -> ResultsDocument:
    """A values-selection document as published: labels in one language, no behaviours,
    intervals, evidence, reliability or per-column issue counts."""
    values = draw(st.lists(WORDS, min_size=1, max_size=3, unique=True))
    header = DocumentHeader(
        values=tuple(ValueInfo(v, draw(WORDS), draw(WORDS)) for v in values),
        bands=tuple(draw(st.lists(st.builds(BandInfo, WORDS, WORDS, NUMBERS, NUMBERS)))),
        rounding=Rounding(draw(st.integers(0, 3))),
        change=draw(maybe(st.builds(Change, NUMBERS, st.floats(0.5, 0.99)))),
    )
    template = tuple(
        TemplateInfo(i, draw(WORDS), draw(st.sampled_from(["", *values])), draw(st.booleans()))
        for i in draw(st.lists(WORDS, min_size=1, max_size=4, unique=True))
    )
    ids = [e.id for e in template]
    group_by = tuple(draw(st.lists(WORDS, min_size=1, max_size=2, unique=True)))
    keys = draw(st.lists(st.tuples(*[WORDS] * len(group_by)), max_size=3, unique=True))
    rows = tuple(draw(selection_groups(k, values, draw(st.booleans()))) for k in keys)
    institution = draw(selection_groups((), values, draw(st.booleans())))
    codes = draw(st.lists(WORDS, max_size=3, unique=True))
    sheet = Scoresheet(
        rubric=RubricRef(*draw(st.tuples(WORDS, WORDS, WORDS, WORDS, WORDS))),
        group_by=group_by,
        groups=rows,
        institution=institution,
        accounting=RowAccount(draw(COUNTS), draw(COUNTS), draw(st.dictionaries(WORDS, COUNTS))),
        issues=tuple(draw(st.lists(ISSUES, max_size=3))),
        issue_counts=tuple(IssueCount(c, "survey", None, draw(COUNTS)) for c in sorted(codes)),
    )
    part = SelectionPart(
        method=SelectionMethod(draw(WORDS), draw(WORDS), draw(COUNTS), draw(COUNTS), draw(WORDS)),
        template=template,
        figures={
            g.key: draw(selection_figures(ids, values))
            for g in (*rows, institution)
            if not g.withheld
        },
    )
    provenance = Provenance(draw(WORDS), draw(WORDS), (), draw(maybe(st.integers(2000, 2100))))
    return ResultsDocument(sheet, header, provenance, selection=part)


@settings(max_examples=100, deadline=None)
@given(selection_documents())
def test_from_document_inverts_to_document_for_values_selection(doc: ResultsDocument) -> None:
    data = json.loads(json.dumps(to_document(doc), ensure_ascii=False))
    assert data["kind"] == "values_selection"
    assert doc.selection is not None
    method = doc.selection.method.status
    for row in (*data["groups"], data["institution"]):
        assert ("selection" in row) is (row["withheld"] is None)
        scored = [*(row.get("values") or {}).values(), row.get("index")]
        assert all(s["method"] == method for s in scored if s is not None)
    assert from_document(data, "hasil.json") == doc


def test_a_document_is_read_without_the_rubric(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    doc = ResultsDocument(
        Scoresheet(
            RubricRef("r", "1", "t", "i", "0" * 64),
            ("unit",),
            (),
            GroupResult(
                (), GroupLevel.INSTITUTION, 12, {"bp": Score(76.25, 76.3, "A")}, {"bp": 12}, None
            ),
            RowAccount(12, 12),
        ),
        DocumentHeader(
            (ValueInfo("bp", "BP", "Berorientasi Pelayanan", "Service Orientation"),),
            (BandInfo("A", "Sehat", 75.0, 100.0, "Healthy"),),
        ),
        Provenance("1.0", "2024-05-01T00:00:00Z", survey_year=2024),
    )
    path = tmp_path / "hasil.json"
    path.write_text(json.dumps(to_document(doc)), encoding="utf-8")

    def no_rubric(*_: object, **__: object) -> None:
        raise AssertionError("the shipped rubric was loaded")

    monkeypatch.setattr("berakhlak_cli.loaders.results.published.load_rubric", no_rubric)
    year = load_results(path)
    assert year.year == 2024
    assert year.values[0].name("en") == "Service Orientation"
    assert year.band_label("A", "en") == "Healthy"
    assert year.value_scores["bp"].rounded == 76.3
    assert year.value_scores["bp"].respondents == 12


def test_a_bad_field_names_its_key_path() -> None:
    doc = ResultsDocument(
        Scoresheet(
            RubricRef("r", "1", "t", "i", "0" * 64),
            ("unit",),
            (GroupResult(("Biro Hukum",), GroupLevel.UNIT, 3, {}, {}, Score(70.0, 70.0, "B")),),
            GroupResult((), GroupLevel.INSTITUTION, 3, {}, {}, None),
            RowAccount(3, 3),
        ),
        DocumentHeader((), ()),
        Provenance("1.0", "2024-05-01T00:00:00Z"),
    )
    data = to_document(doc)
    data["groups"][0]["index"]["rounded"] = "x"
    with pytest.raises(ResultsError, match=r"hasil\.json: key 'groups\[0\]\.index\.rounded': "):
        from_document(data, "hasil.json")


def test_the_example_document_reads_back_to_itself(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "hasil-2024.json"
    args = [
        "score", str(EXAMPLES / "survei-2024.csv"), "--units", str(EXAMPLES / "units.csv"),
        "--evidence", str(EXAMPLES / "bukti-dukung-2024.csv"), "--detail", "behaviours",
        "--generated-at", "2026-01-01T00:00:00+00:00", "-f", "json", "-o", str(out), "-q",
    ]  # fmt: skip
    assert runner.invoke(app, args).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["gaps"] and data["groups"][0]["behaviours"]
    assert data["values"][0]["label_en"] == "Service Orientation"
    again = json.loads(json.dumps(to_document(from_document(data, str(out)))))
    # NOTE: gap items are published largest gain first, so a unit's ``missing`` ids come back
    # in that order rather than rubric order; everything else is a fixed point.
    for doc in (again, data):
        for group in doc["groups"]:
            if group.get("evidence") and "missing" in group["evidence"]:
                group["evidence"]["missing"].sort()
    assert again == data


def test_a_scored_sheet_reads_back_with_each_interval_on_its_score(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Each interval lives on its score: the document carries it beside the score
    (``index_interval``, ``value_intervals``, ``combined_interval``) and reading puts it back
    there, a fixed point of write and read."""
    out = tmp_path / "hasil-2024.json"
    args = [
        "score", str(EXAMPLES / "survei-2024.csv"), "--units", str(EXAMPLES / "units.csv"),
        "--evidence", str(EXAMPLES / "bukti-dukung-2024.csv"), "-f", "json", "-o", str(out), "-q",
    ]  # fmt: skip
    assert runner.invoke(app, args).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    doc = from_document(data, str(out))
    sheet = doc.sheet
    rows = zip(
        (*data["groups"], data["institution"]), (*sheet.groups, sheet.institution), strict=True
    )
    scored = [(row, g) for row, g in rows if g.index is not None]
    assert scored
    for row, g in scored:
        assert g.index is not None and g.index.interval is not None
        assert g.index.interval.lower == row["index_interval"]["lower"]
        values = {k: s.interval for k, s in g.values.items() if s is not None}
        assert all(values.values()) and set(values) == set(row["value_intervals"])
        assert g.combined is not None and g.combined.interval is not None
        assert g.combined.interval.upper == row["combined_interval"]["upper"]
    again = json.loads(json.dumps(to_document(doc), ensure_ascii=False))
    assert from_document(again, str(out)) == doc


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("institution", "level"), "unit-ish", "expected 'unit' or 'institution', got 'unit-ish'"),
        (("rounding", "mode"), "up", "expected one of half_up, half_even, got 'up'"),
        (("issues", "items", 0, "code"), "odd", "unknown issue code 'odd'"),
    ],
)
def test_a_value_outside_the_contract_is_refused_in_both_languages(
    path: tuple[Any, ...], value: str, message: str
) -> None:
    from berakhlak_cli.render.language.catalogue import has_entry

    doc = ResultsDocument(
        Scoresheet(
            RubricRef("r", "1", "t", "i", "0" * 64),
            ("unit",),
            (),
            GroupResult((), GroupLevel.INSTITUTION, 3, {}, {}, None),
            RowAccount(3, 3),
            issues=(Issue(IssueCode.EMPTY_ROW, "row is empty", row=4),),
        ),
        DocumentHeader((), ()),
        Provenance("1.0", "2024-05-01T00:00:00Z"),
    )
    data = to_document(doc)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(ResultsError) as caught:
        from_document(data, "hasil.json")
    where = ".".join(str(k) for k in path).replace(".0.", "[0].")
    assert str(caught.value) == f"hasil.json: key '{where}': {message}"
    assert has_entry(str(caught.value))


def test_the_values_selection_example_reads_back_to_itself(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "hasil-2022.json"
    args = [
        "score", str(EXAMPLES / "survei-2022.csv"),
        "--rubric", str(ROOT / "rubrics" / "act-2022.yaml"),
        "--units", str(EXAMPLES / "units.csv"), "--generated-at", "2026-01-01T00:00:00+00:00",
        "-f", "json", "-o", str(out), "-q",
    ]  # fmt: skip
    assert runner.invoke(app, args).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    doc = from_document(data, str(out))
    assert doc.selection is not None
    # 561 rows read, one blank respondent and one with too many picks excluded.
    assert (doc.sheet.accounting.read, doc.sheet.accounting.scored) == (561, 559)
    assert json.loads(json.dumps(to_document(doc))) == data
