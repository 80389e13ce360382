"""A values-selection run as JSON, CSV, Markdown and a terminal table.

Every output says its figures are a *reconstruction* of an unpublished method (the JSON's
``method`` block, a ``method`` CSV column, a note above the Markdown and terminal tables).
The JSON is a ``berakhlak-results`` document (docs/output.md) with the keys ``compare`` reads
(values, bands, rounding, groups, institution with ``index`` and ``values``) plus a
``selection`` block per group (votes, entropy, energi positif, matches), so a scored 2022
compares against a scored 2024 and ``compare`` warns about the instrument change.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from rich.table import Table

from berakhlak_cli.model.results import GroupLevel, Provenance, Score
from berakhlak_cli.model.results_codec import FORMAT, FORMAT_VERSION
from berakhlak_cli.model.results_document import header_of
from berakhlak_cli.model.rubric import Lang, Rubric
from berakhlak_cli.model.values_selection_results import SelectionGroup, SelectionSheet
from berakhlak_cli.render.json_out import layout_json
from berakhlak_cli.render.number import fmt_count, fmt_number

METHOD = "reconstruction"
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


def _score(score: Score | None, labels: Mapping[str, str | None]) -> dict[str, Any] | None:
    if score is None:
        return None
    return {
        "raw": score.raw,
        "rounded": score.rounded,
        "band": score.band,
        "band_label": labels.get(score.band) if score.band else None,
        "method": METHOD,
    }


def _selection_block(group: SelectionGroup, rubric: Rubric) -> dict[str, Any]:
    sel = rubric.selection
    assert sel is not None
    ids = [e.id for e in sel.template]
    return {
        "votes": {q: dict(zip(ids, v, strict=True)) for q, v in group.votes.items()},
        "value_votes": group.value_votes,
        "value_respondents": group.value_pickers,
        "entropy": _score(group.entropy, {}),
        "positive_energy": _score(group.positive_energy, header_of(rubric).band_labels()),
        "top": {q: list(t) for q, t in group.top.items()},
        "matches": [
            {"first": m.first, "second": m.second, "count": len(m.shared), "shared": list(m.shared)}
            for m in group.matches
        ],
    }


def _group(group: SelectionGroup, sheet: SelectionSheet, rubric: Rubric) -> dict[str, Any]:
    labels = header_of(rubric).band_labels()
    doc: dict[str, Any] = {
        "key": dict(zip(sheet.group_by, group.key, strict=True)) if group.key else {},
        "level": (GroupLevel.UNIT if group.key else GroupLevel.INSTITUTION).value,
        "respondents": group.respondents,
        "withheld": group.withheld,
    }
    for name in ("headcount", "min_respondents", "eligible"):
        if getattr(group, name) is not None:
            doc[name] = getattr(group, name)
    if group.withheld:
        return doc
    doc["values"] = {vid: _score(s, labels) for vid, s in group.values.items()}
    doc["index"] = _score(group.index, labels)
    doc["selection"] = _selection_block(group, rubric)
    return doc


def selection_document(
    sheet: SelectionSheet, rubric: Rubric, provenance: Provenance
) -> dict[str, Any]:
    """The results document as plain data (module docstring)."""
    sel = rubric.selection
    assert sel is not None
    locale = rubric.locale
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": rubric.kind.value,
        "tool": {"name": "berakhlak-cli", "version": provenance.tool_version},
        "generated_at": provenance.generated_at,
        **({"year": provenance.survey_year} if provenance.survey_year is not None else {}),
        "method": {
            "status": METHOD,
            "note": NOTE[Lang.EN],
            "value_percent": sel.value_percent.value,
            "picks": sel.picks,
            "top": sel.top,
        },
        "rubric": {
            "id": rubric.id,
            "version": rubric.version,
            "title": rubric.title.get(locale),
            "instrument": rubric.instrument,
            "sha256": rubric.sha256,
            "summary": dict(sheet.summary),
            "change": {
                "min_meaningful": rubric.change.min_meaningful,
                "confidence": rubric.change.confidence,
            },
        },
        "inputs": [{"role": i.role, "name": i.name, "sha256": i.sha256} for i in provenance.inputs],
        "group_by": list(sheet.group_by),
        "values": [
            {"id": v.id, "code": v.code, "label": v.label.get(locale)} for v in rubric.values
        ],
        "template": [
            {
                "id": e.id,
                "label": e.label.get(locale),
                "value": e.value or None,
                "limiting": e.limiting,
            }
            for e in sel.template
        ],
        "bands": [
            {"code": b.code, "label": b.label.get(locale), "min": b.lower, "max": b.upper}
            for b in rubric.bands
        ],
        "rounding": {
            "decimals": rubric.rounding.decimals,
            "band_on": rubric.rounding.band_on.value,
            "mode": rubric.rounding.mode.value,
        },
        "groups": [_group(g, sheet, rubric) for g in sheet.groups],
        "institution": _group(sheet.institution, sheet, rubric),
        "rows": {
            "read": sheet.read,
            "scored": sheet.read - sum(sheet.excluded.values()),
            "excluded": dict(sorted(sheet.excluded.items())),
        },
        "issues": {
            "count": sheet.issue_total,
            "by_code": dict(sorted(sheet.issue_counts.items())),
            "listed": len(sheet.issues),
            "items": [
                {
                    "code": i.code.value,
                    "source": i.source,
                    "row": i.row,
                    "column": i.column,
                    "value": i.value,
                    "group": i.group,
                    "excluded": i.excluded,
                    "message": i.message,
                }
                for i in sheet.issues
            ],
        },
    }


def render_selection_json(sheet: SelectionSheet, rubric: Rubric, provenance: Provenance) -> str:
    """The results document as JSON text (the layout of ``render.json_out``)."""
    return layout_json(selection_document(sheet, rubric, provenance)) + "\n"


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
