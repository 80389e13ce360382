"""The JSON results document (format ``berakhlak-results`` version 2, docs/output.md).

This is a contract: ``compare`` and ``report`` read it back, and other tools may too. Fields
are only ever added within a format version. Version 2: ``issues.items`` is a bounded sample
(the first issues of each code); ``count``, ``by_code`` and ``by_column`` count every issue.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from berakhlak_cli.model.results import (
    ISSUE_SAMPLE_PER_CODE,
    GroupResult,
    Interval,
    Provenance,
    Score,
    Scoresheet,
)
from berakhlak_cli.model.rubric import Rubric, Value
from berakhlak_cli.render.json_behaviours import behaviours_header, with_behaviours
from berakhlak_cli.render.json_evidence import gaps_by_key, gaps_document, with_evidence

FORMAT = "berakhlak-results"
FORMAT_VERSION = 2


def band_labels(rubric: Rubric) -> dict[str, str | None]:
    """Band code -> label in the rubric's locale (the first band with a code, as ``band_for``)."""
    labels: dict[str, str | None] = {}
    for band in (*rubric.bands, *(b for v in rubric.values for b in v.bands)):
        labels.setdefault(band.code, band.label.get(rubric.locale))
    return labels


def _value_entry(value: Value, rubric: Rubric) -> dict[str, Any]:
    """A value in the document's value list, with its own ``bands`` when it has any."""
    entry: dict[str, Any] = {
        "id": value.id,
        "code": value.code,
        "label": value.label.get(rubric.locale),
    }
    if value.bands:
        entry["bands"] = [
            {"code": b.code, "label": b.label.get(rubric.locale), "min": b.lower, "max": b.upper}
            for b in value.bands
        ]
    return entry


def _score(score: Score | None, labels: dict[str, str | None]) -> dict[str, Any] | None:
    if score is None:
        return None
    code = score.band
    return {
        "raw": score.raw,
        "rounded": score.rounded,
        "band": code,
        "band_label": labels.get(code) if code else None,
    }


def _value_scores(
    group: GroupResult, labels: dict[str, str | None]
) -> dict[str, dict[str, Any] | None]:
    counts = group.value_respondents
    out: dict[str, dict[str, Any] | None] = {}
    for vid, score in group.values.items():
        if score is None:
            out[vid] = None
            continue
        code = score.band
        out[vid] = {
            "raw": score.raw,
            "rounded": score.rounded,
            "band": code,
            "band_label": labels.get(code) if code else None,
            "respondents": counts.get(vid, 0),
        }
    return out


def _interval(interval: Interval | None) -> dict[str, Any] | None:
    if interval is None:
        return None
    return {
        "lower": interval.lower,
        "upper": interval.upper,
        "level": interval.level,
        "method": interval.method,
        "crosses_band": interval.crosses_band,
        "may_be": list(interval.may_be),
        "se": interval.se,
        "n": interval.n,
        "df": interval.df,
    }


def _reliability(sheet: Scoresheet) -> list[dict[str, Any]]:
    return [
        {
            "scale": r.scale,
            "items": r.items,
            "alpha": r.alpha,
            "alpha_pairwise": r.alpha_pairwise,
            "complete": r.complete,
            "reason": r.reason or None,
            "item_rest": [
                {
                    "item": f.item,
                    "rest_correlation": f.rest_correlation,
                    "alpha_if_deleted": f.alpha_if_deleted,
                }
                for f in r.fits
            ],
        }
        for r in sheet.reliability
    ]


def group_document(
    group: GroupResult,
    group_by: tuple[str, ...],
    rubric: Rubric,
    labels: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    """One group (or the institution) as a JSON-ready mapping (``labels``: ``band_labels``
    of ``rubric``, computed once by a caller rendering many groups)."""
    if labels is None:
        labels = band_labels(rubric)
    doc: dict[str, Any] = {
        "key": dict(zip(group_by, group.key, strict=True)) if group.key else {},
        "level": group.level.value,
        "respondents": group.respondents,
        "withheld": group.withheld,
    }
    for name in ("headcount", "min_respondents", "eligible"):
        if getattr(group, name) is not None:
            doc[name] = getattr(group, name)
    if group.key and group.response_rate is not None:
        doc["response_rate"] = group.response_rate
    if group.withheld:
        return doc
    doc["values"] = _value_scores(group, labels)
    doc["index"] = _score(group.index, labels)
    if group.evidence is not None or group.combined is not None:
        doc["evidence"] = _score(group.evidence, labels)
        doc["combined"] = _score(group.combined, labels)
    if group.index_interval is not None:
        doc["index_interval"] = _interval(group.index_interval)
        doc["value_intervals"] = {k: _interval(v) for k, v in group.value_intervals.items()}
    if group.combined_interval is not None:
        doc["combined_interval"] = _interval(group.combined_interval)
    if group.flags:
        doc["flags"] = list(group.flags)
    return with_behaviours(doc, group, labels)


def _institution(sheet: Scoresheet, rubric: Rubric) -> dict[str, Any]:
    doc = group_document(sheet.institution, sheet.group_by, rubric)
    rate = sheet.institution.response_rate
    if rate is not None:
        doc["response_rate"] = rate
    return doc


def results_document(sheet: Scoresheet, rubric: Rubric, provenance: Provenance) -> dict[str, Any]:
    """The whole results document as plain data."""
    tally = sheet.tally
    by_code: Counter[str] = Counter()
    for c in tally:
        by_code[c.code] += c.count
    labels = band_labels(rubric)
    gaps = gaps_by_key(sheet)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "tool": {"name": "berakhlak-cli", "version": provenance.tool_version},
        "generated_at": provenance.generated_at,
        **({"year": provenance.survey_year} if provenance.survey_year is not None else {}),
        "rubric": {
            "id": sheet.rubric.id,
            "version": sheet.rubric.version,
            "title": sheet.rubric.title,
            "instrument": sheet.rubric.instrument,
            "sha256": sheet.rubric.sha256,
            "summary": dict(sheet.rubric.summary),
            "change": {
                "min_meaningful": rubric.change.min_meaningful,
                "confidence": rubric.change.confidence,
            },
        },
        "inputs": [{"role": i.role, "name": i.name, "sha256": i.sha256} for i in provenance.inputs],
        "group_by": list(sheet.group_by),
        "values": [_value_entry(v, rubric) for v in rubric.values],
        "bands": [
            {"code": b.code, "label": b.label.get(rubric.locale), "min": b.lower, "max": b.upper}
            for b in rubric.bands
        ],
        "rounding": {
            "decimals": rubric.rounding.decimals,
            "band_on": rubric.rounding.band_on.value,
            "mode": rubric.rounding.mode.value,
        },
        **behaviours_header(rubric),
        "groups": [
            with_evidence(group_document(g, sheet.group_by, rubric, labels), g, sheet, gaps)
            for g in sheet.groups
        ],
        "institution": _institution(sheet, rubric),
        "rows": {
            "read": sheet.accounting.read,
            "scored": sheet.accounting.scored,
            "excluded": dict(sorted(sheet.accounting.excluded.items())),
        },
        "ignored_columns": list(sheet.ignored_columns),
        "reliability": _reliability(sheet),
        **gaps_document(sheet),
        "issues": {
            "count": sheet.issue_total,
            "by_code": dict(sorted(by_code.items())),
            "by_column": [
                {"code": c.code, "source": c.source, "column": c.column, "count": c.count}
                for c in tally
            ],
            "listed": len(sheet.issues),
            "listed_per_code": ISSUE_SAMPLE_PER_CODE,
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


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def layout_json(value: Any, depth: int = 0) -> str:
    """JSON with the top two levels indented and each list element (a group, an issue) on one
    line: readable and diff-friendly, and fast, because every line is written by json's C
    encoder (``indent=`` would switch the whole document to the pure-Python encoder)."""
    pad = "  " * (depth + 1)
    close = "  " * depth
    if isinstance(value, dict) and value and depth < 2:
        body = ",\n".join(
            f"{pad}{_compact(k)}: {layout_json(v, depth + 1)}" for k, v in value.items()
        )
        return "{\n" + body + "\n" + close + "}"
    if isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
        return "[\n" + ",\n".join(pad + _compact(x) for x in value) + "\n" + close + "]"
    return _compact(value)


def render_json(sheet: Scoresheet, rubric: Rubric, provenance: Provenance) -> str:
    """The results document as JSON text (UTF-8, stable key order, see ``layout_json``)."""
    return layout_json(results_document(sheet, rubric, provenance)) + "\n"
