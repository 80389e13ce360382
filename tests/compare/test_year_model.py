"""One results model (issue #12): a year ``compare``/``report`` read is the scored rows, as scored.

A scored year's units are the document's ``GroupResult`` rows themselves, and its figures are
the rows' ``Score`` values with the interval and respondents the row records attached; a
published unit is a ``GroupResult`` too, with what the report did not print left as None.
"""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given, settings

from berakhlak_cli.model.comparison import YearSource, published_row
from berakhlak_cli.model.document.codec import from_document, to_document
from berakhlak_cli.model.document.contents import ResultsDocument
from berakhlak_cli.model.document.year import scored_year
from berakhlak_cli.model.results import GroupLevel, Score
from berakhlak_cli.scoring.groups.unit_merge import merge_units
from tests.compare.builders import year
from tests.test_results_codec import documents


@settings(max_examples=80, deadline=None)
@given(documents())
def test_a_scored_year_is_the_documents_rows(doc: ResultsDocument) -> None:
    read = from_document(json.loads(json.dumps(to_document(doc))), "hasil.json")
    got = scored_year(read, 2024, YearSource.FILE, "hasil.json", "0" * 64, "hasil")
    inst = doc.sheet.institution
    assert got.units == doc.sheet.groups and got.respondents == inst.respondents
    headline = inst.headline
    if headline is None:
        assert got.index is None
    else:
        assert got.index is not None
        assert (got.index.raw, got.index.rounded, got.index.band) == (
            headline.raw,
            headline.rounded,
            headline.band,
        )
        assert got.index.interval == headline.interval and got.index.respondents is None
    assert set(got.value_scores) == {v for v, s in inst.values.items() if s is not None}
    for vid, shown in got.value_scores.items():
        score = inst.values[vid]
        assert score is not None and (shown.raw, shown.rounded, shown.band) == (
            score.raw,
            score.rounded,
            score.band,
        )
        assert shown.interval == score.interval
        assert shown.respondents == inst.value_respondents.get(vid)


def test_a_published_unit_is_a_group_row_with_the_unknown_left_none() -> None:
    unit = published_row("Biro Hukum", Score(61.2, 61.2, "B", 40), {"harmonis": Score(70, 70, "B")})
    assert (unit.key, unit.level, unit.label) == (("Biro Hukum",), GroupLevel.UNIT, "Biro Hukum")
    assert unit.respondents is None and unit.headcount is None and unit.response_rate is None
    assert unit.headline == Score(61.2, 61.2, "B", 40)  # what the report printed, only
    figure = unit.value_figure("harmonis")
    assert figure is not None and figure.interval is None and figure.respondents is None
    assert published_row("", None, {}).level is GroupLevel.INSTITUTION


def test_merging_combined_headlines_keeps_them_combined() -> None:
    # Two scored units with evidence: survey 70/80, combined 72/84, 40 and 10 respondents.
    parts = [
        published_row("a", Score(70.0, 70.0, "B"), {}, 40),
        published_row("b", Score(80.0, 80.0, "A"), {}, 10),
    ]
    parts[0] = replace(parts[0], combined=Score(72.0, 72.0, "B"))
    parts[1] = replace(parts[1], combined=Score(84.0, 84.0, "A"))
    merged = merge_units("X", parts, year(2022))
    # survey (40*70 + 10*80)/50 = 72.0; combined (40*72 + 10*84)/50 = 74.4 (the headline)
    assert merged.index == Score(72.0, 72.0, "B", 50)
    assert merged.headline == Score(74.4, 74.4, "B", 50) == merged.combined
