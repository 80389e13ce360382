"""A values-selection run as JSON, CSV, Markdown and a terminal table.

Every output says its figures are a *reconstruction* of an unpublished method (the JSON's
``method`` block, a ``method`` CSV column, a note above the Markdown and terminal tables).
The JSON is a ``berakhlak-results`` document written by ``model.results_codec`` with its
values-selection part (``model.results_codec_selection``: ``kind``, ``method``, ``template``,
a ``selection`` block per group), so a scored 2022 compares against a scored 2024 and
``compare`` warns about the instrument change.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from rich.table import Table

from berakhlak_cli.model.comparison import ValueInfo
from berakhlak_cli.model.document.codec import to_document
from berakhlak_cli.model.document.contents import DocumentHeader, ResultsDocument, header_of
from berakhlak_cli.model.results import (
    GroupLevel,
    GroupResult,
    IssueCount,
    Provenance,
    RowAccount,
    RubricRef,
    Score,
    Scoresheet,
)
from berakhlak_cli.model.results_selection import (
    METHOD,
    SelectionFigures,
    SelectionMethod,
    SelectionPart,
    TemplateInfo,
)
from berakhlak_cli.model.rubric import Lang, Rubric
from berakhlak_cli.model.values_selection_results import SelectionGroup, SelectionSheet
from berakhlak_cli.render.json_out import layout_json
from berakhlak_cli.render.language.number import fmt_count, fmt_number

NOTE = {
    Lang.ID: (
        "Rekonstruksi metode yang tidak dipublikasikan (Survei Indeks BerAKHLAK 2022-2023, "
        "pilihan nilai): bukan angka resmi."
    ),
    Lang.EN: (
        "Reconstruction of an unpublished method (BerAKHLAK Index survey 2022-2023, values "
        "selection): not official figures."
    ),
}
_WORDS = {
    Lang.ID: {
        "institution": "Seluruh instansi",
        "respondents": "Responden",
        "index": "Indeks Implementasi",
        "band": "Kategori",
        "entropy": "Entropi",
        "energy": "Energi positif",
        "withheld": "disembunyikan",
        "personal_current": "Cocok pribadi-saat ini",
        "current_desired": "Cocok saat ini-harapan",
        "personal_desired": "Cocok pribadi-harapan",
        "votes": "Suara per perilaku (seluruh instansi)",
        "behaviour": "Perilaku",
        "value": "Nilai",
        "limiting": "nilai pembatas",
    },
    Lang.EN: {
        "institution": "Whole institution",
        "respondents": "Respondents",
        "index": "Implementation index",
        "band": "Band",
        "entropy": "Entropy",
        "energy": "Positive energy",
        "withheld": "withheld",
        "personal_current": "Match personal-current",
        "current_desired": "Match current-desired",
        "personal_desired": "Match personal-desired",
        "votes": "Votes per behaviour (whole institution)",
        "behaviour": "Behaviour",
        "value": "Value",
        "limiting": "limiting value",
    },
}
_QUESTION_WORDS = {
    Lang.ID: {"personal": "Pribadi", "current": "Saat ini", "desired": "Harapan"},
    Lang.EN: {"personal": "Personal", "current": "Current", "desired": "Desired"},
}


def _document_header(rubric: Rubric) -> DocumentHeader:
    """The rubric facts a values-selection document carries: value and band labels in the
    rubric's locale (no English labels, value bands or behaviours, as first published)."""
    full = header_of(rubric)
    return DocumentHeader(
        values=tuple(ValueInfo(v.id, v.code, v.label) for v in full.values),
        bands=tuple(replace(b, label_en="") for b in full.bands),
        rounding=full.rounding,
        change=full.change,
    )


def _figures(group: SelectionGroup, ids: list[str]) -> SelectionFigures:
    return SelectionFigures(
        votes={q: dict(zip(ids, v, strict=True)) for q, v in group.votes.items()},
        value_votes=group.value_votes,
        value_respondents=group.value_pickers,
        entropy=group.entropy,
        positive_energy=group.positive_energy,
        top=group.top,
        matches=group.matches,
    )


def _group(group: SelectionGroup) -> GroupResult:
    return GroupResult(
        key=group.key,
        level=GroupLevel.UNIT if group.key else GroupLevel.INSTITUTION,
        respondents=group.respondents,
        values=group.values,
        # NOTE: not published (the shares are over all respondents); 0 is what compare has
        # always read back for such a score.
        value_respondents=dict.fromkeys(group.values, 0),
        index=group.index,
        withheld=group.withheld,
        headcount=group.headcount,
        min_respondents=group.min_respondents,
        eligible=group.eligible,
    )


def selection_results(
    sheet: SelectionSheet, rubric: Rubric, provenance: Provenance
) -> ResultsDocument:
    """What the results document publishes of a values-selection run (module docstring)."""
    sel = rubric.selection
    assert sel is not None
    locale = rubric.locale
    ids = [e.id for e in sel.template]
    rows = _rows(sheet)
    return ResultsDocument(
        sheet=Scoresheet(
            rubric=RubricRef(
                rubric.id,
                rubric.version,
                rubric.title.get(locale),
                rubric.instrument,
                rubric.sha256,
                dict(sheet.summary),
            ),
            group_by=sheet.group_by,
            groups=tuple(_group(g) for g in sheet.groups),
            institution=_group(sheet.institution),
            accounting=RowAccount(
                sheet.read, sheet.read - sum(sheet.excluded.values()), sheet.excluded
            ),
            issues=sheet.issues,
            issue_counts=tuple(
                IssueCount(code, "survey", None, n)
                for code, n in sorted(sheet.issue_counts.items())
            ),
        ),
        header=_document_header(rubric),
        provenance=provenance,
        selection=SelectionPart(
            method=SelectionMethod(NOTE[Lang.EN], sel.value_percent.value, sel.picks, sel.top),
            template=tuple(
                TemplateInfo(e.id, e.label.get(locale), e.value, e.limiting) for e in sel.template
            ),
            figures={g.key: _figures(g, ids) for g in rows if not g.withheld},
        ),
    )


def render_selection_json(sheet: SelectionSheet, rubric: Rubric, provenance: Provenance) -> str:
    """The results document as JSON text (the layout of ``render.json_out``)."""
    return layout_json(to_document(selection_results(sheet, rubric, provenance))) + "\n"


def _rows(sheet: SelectionSheet) -> list[SelectionGroup]:
    return [*sheet.groups, sheet.institution]


def _matches(group: SelectionGroup) -> dict[str, int]:
    return {f"{m.first}_{m.second}": len(m.shared) for m in group.matches}


def _num(score: Score | None) -> str:
    return "" if score is None else repr(score.rounded)


def render_selection_csv(sheet: SelectionSheet, rubric: Rubric) -> str:
    """One row per group and the institution: value %, index, entropy, energy, matches."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    values = [v.id for v in rubric.values]
    pairs = ["personal_current", "current_desired", "personal_desired"]
    writer.writerow(
        [
            "level",
            *sheet.group_by,
            "respondents",
            "withheld",
            *values,
            "index",
            "band",
            "entropy",
            "positive_energy",
            *(f"match_{p}" for p in pairs),
            "method",
        ]
    )
    for g in _rows(sheet):
        key = list(g.key) if g.key else [""] * len(sheet.group_by)
        level = (GroupLevel.UNIT if g.key else GroupLevel.INSTITUTION).value
        if g.withheld:
            blanks = [""] * (len(values) + 4 + len(pairs))
            writer.writerow([level, *key, g.respondents, g.withheld, *blanks, METHOD])
            continue
        found = _matches(g)
        writer.writerow(
            [
                level,
                *key,
                g.respondents,
                "",
                *(_num(g.values.get(v)) for v in values),
                _num(g.index),
                g.index.band if g.index else "",
                _num(g.entropy),
                _num(g.positive_energy),
                *(found.get(p, "") for p in pairs),
                METHOD,
            ]
        )
    return out.getvalue()


def _cells(g: SelectionGroup, rubric: Rubric, lang: Lang) -> list[str]:
    w = _WORDS[lang]
    name = " / ".join(g.key) if g.key else w["institution"]
    if g.withheld:
        rest = [w["withheld"]] + [""] * (len(rubric.values) + 6)
        return [name, fmt_count(g.respondents, lang), *rest]
    d = rubric.rounding.decimals
    found = _matches(g)
    return [
        name,
        fmt_count(g.respondents, lang),
        *(fmt_number(g.values[v.id].rounded, d, lang) for v in rubric.values),
        fmt_number(g.index.rounded if g.index else None, d, lang),
        (g.index.band or "") if g.index else "",
        fmt_number(g.entropy.rounded if g.entropy else None, d, lang),
        fmt_number(g.positive_energy.rounded if g.positive_energy else None, d, lang),
        *(
            str(found.get(p, "—"))
            for p in ("personal_current", "current_desired", "personal_desired")
        ),
    ]


def _header(sheet: SelectionSheet, rubric: Rubric, lang: Lang) -> list[str]:
    w = _WORDS[lang]
    return [
        " / ".join(sheet.group_by) or "",
        w["respondents"],
        *(v.code for v in rubric.values),
        w["index"],
        w["band"],
        w["entropy"],
        w["energy"],
        w["personal_current"],
        w["current_desired"],
        w["personal_desired"],
    ]


def _votes_rows(sheet: SelectionSheet, rubric: Rubric, lang: Lang) -> list[list[str]]:
    sel = rubric.selection
    assert sel is not None
    inst = sheet.institution
    if inst.withheld or not inst.votes:
        return []
    names = {v.id: v.label.get(lang) for v in rubric.values}
    rows: list[list[str]] = []
    for i, e in enumerate(sel.template):
        owner = (
            names.get(e.value, "") if e.value else (_WORDS[lang]["limiting"] if e.limiting else "")
        )
        counts = [
            fmt_count(inst.votes[q][i], lang) if q in inst.votes else "—"
            for q in ("personal", "current", "desired")
        ]
        rows.append([e.label.get(lang), owner, *counts])
    return rows


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def render_selection_markdown(sheet: SelectionSheet, rubric: Rubric, lang: Lang) -> str:
    """The score table, then the institution's votes per behaviour, under the method note."""
    header = _header(sheet, rubric, lang)
    lines = [f"> {NOTE[lang]}", "", _md_row(header), "|" + "---|" * len(header)]
    lines += [_md_row(_cells(g, rubric, lang)) for g in _rows(sheet)]
    votes = _votes_rows(sheet, rubric, lang)
    if votes:
        w, q = _WORDS[lang], _QUESTION_WORDS[lang]
        head = [w["behaviour"], w["value"], q["personal"], q["current"], q["desired"]]
        lines += ["", f"### {w['votes']}", "", _md_row(head), "|" + "---|" * len(head)]
        lines += [_md_row(r) for r in votes]
    return "\n".join(lines) + "\n"


def render_selection_table(sheet: SelectionSheet, rubric: Rubric, lang: Lang) -> Table:
    """The score table for the terminal, captioned with the method note."""
    table = Table(title=rubric.title.get(lang), caption=NOTE[lang])
    for i, name in enumerate(_header(sheet, rubric, lang)):
        table.add_column(name, justify="left" if i == 0 else "right")
    for g in _rows(sheet):
        table.add_row(*_cells(g, rubric, lang))
    return table
