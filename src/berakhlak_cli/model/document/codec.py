"""The ``berakhlak-results`` document (docs/output.md): ``to_document`` and ``from_document``.

This is a contract: ``compare`` and ``report`` read it back, and other tools may too. Fields
are only ever added within a format version; a reader ignores keys it does not know and treats
an absent optional key as its documented default. Version 2: ``issues.items`` is a bounded
sample (the first issues of each code); ``count``, ``by_code`` and ``by_column`` count every
issue. The document carries the English labels of values and bands (``label_en``), so reading
it back never needs the rubric. Plain data only: ``json`` text is made in ``render`` and parsed
in ``loaders``.
"""

from __future__ import annotations

from typing import Any

from berakhlak_cli.errors import ResultsError
from berakhlak_cli.model.behaviours import BehaviourInfo
from berakhlak_cli.model.comparison import BandInfo, ValueInfo
from berakhlak_cli.model.document.codec_groups import gaps_in, gaps_out, group_in, group_out
from berakhlak_cli.model.document.codec_issues import issues_in, issues_out
from berakhlak_cli.model.document.codec_selection import (
    figures_out,
    kind_out,
    method_out,
    selection_in,
    template_out,
)
from berakhlak_cli.model.document.contents import DocumentHeader, ResultsDocument
from berakhlak_cli.model.document.node import DocNode
from berakhlak_cli.model.document.rows import Rows, plain
from berakhlak_cli.model.results import (
    GroupResult,
    InputRef,
    ItemFit,
    Provenance,
    RowAccount,
    RubricRef,
    ScaleReliability,
    Scoresheet,
)
from berakhlak_cli.model.rubric import BandOn, Change, Reporting, Rounding, RoundingMode

FORMAT = "berakhlak-results"
FORMAT_VERSION = 2
SUPPORTED_VERSIONS = (1, 2)
"""Version 2 (issue 18) lists a bounded sample of issues; nothing a reader needs changed."""
TOOL = "berakhlak-cli"


def _bands_out(bands: tuple[BandInfo, ...]) -> list[dict[str, Any]]:
    return [
        {"code": b.code, "label": b.label, **_english(b.label_en), "min": b.lower, "max": b.upper}
        for b in bands
    ]


def _english(label: str) -> dict[str, str]:
    """``{"label_en": ...}`` when the rubric has an English label (absent: none is known)."""
    return {"label_en": label} if label else {}


def _bands_in(node: DocNode) -> tuple[BandInfo, ...]:
    return tuple(
        BandInfo(
            b.get("code").text(),
            b.get("label").text(),
            b.get("min").number(),
            b.get("max").number(),
            b.optional_str("label_en") or "",
        )
        for b in node.items()
    )


def _value_out(value: ValueInfo) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": value.id,
        "code": value.code,
        "label": value.label,
        **_english(value.label_en),
    }
    if value.bands:
        entry["bands"] = _bands_out(value.bands)
    return entry


def _value_in(node: DocNode) -> ValueInfo:
    return ValueInfo(
        node.get("id").text(),
        node.get("code").text(),
        node.get("label").text(),
        node.optional_str("label_en") or "",
        bands=_bands_in(node.get("bands")) if node.has("bands") else (),
    )


def _rubric_out(ref: RubricRef, change: Change | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": ref.id,
        "version": ref.version,
        "title": ref.title,
        "instrument": ref.instrument,
        "sha256": ref.sha256,
        "summary": dict(ref.summary) if ref.summary is not None else None,
    }
    if change is not None:
        out["change"] = {"min_meaningful": change.min_meaningful, "confidence": change.confidence}
    return out


def _rubric_in(node: DocNode) -> RubricRef:
    summary = node.optional("summary")
    return RubricRef(
        id=node.get("id").text(),
        version=node.get("version").text(),
        title=node.get("title").optional_text() or "",
        instrument=node.get("instrument").optional_text() or "",
        sha256=node.get("sha256").optional_text() or "",
        summary=dict(summary.mapping()) if summary is not None else None,
    )


def _change_in(rubric: DocNode) -> Change | None:
    node = rubric.optional("change")
    if node is None:
        return None
    default = Change()
    minimum = node.optional_number("min_meaningful")
    confidence = node.optional_number("confidence")
    if confidence is not None and not 0.0 < confidence < 1.0:
        raise node.get("confidence").fail(f"expected a number between 0 and 1, got {confidence}")
    return Change(
        min_meaningful=default.min_meaningful if minimum is None else minimum,
        confidence=default.confidence if confidence is None else confidence,
    )


def _rounding_in(node: DocNode) -> Rounding:
    band_on, mode = node.optional_str("band_on"), node.optional_str("mode")
    for key, text, kind in (("band_on", band_on, BandOn), ("mode", mode, RoundingMode)):
        if text is not None and text not in {k.value for k in kind}:
            allowed = ", ".join(k.value for k in kind)
            raise node.get(key).fail(f"expected one of {allowed}, got {text!r}")
    return Rounding(
        decimals=node.get("decimals").integer(),
        band_on=BandOn(band_on) if band_on else BandOn.ROUNDED,
        mode=RoundingMode(mode) if mode else RoundingMode.HALF_UP,
    )


def _header_out(h: DocumentHeader, after_values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "values": [_value_out(v) for v in h.values],
        **after_values,
        "bands": _bands_out(h.bands),
        "rounding": {
            "decimals": h.rounding.decimals,
            "band_on": h.rounding.band_on.value,
            "mode": h.rounding.mode.value,
        },
    }
    if h.reporting is not None:
        r = h.reporting
        out["behaviours"] = [{"id": b.id, "value": b.value, "label": b.label} for b in h.behaviours]
        out["reporting"] = {
            "favourable_points": r.favourable_points,
            "priorities": r.priorities,
            "priority_confidence": r.priority_confidence,
        }
    return out


def _reporting_in(node: DocNode) -> Reporting:
    default = Reporting()
    points, priorities = node.optional_int("favourable_points"), node.optional_int("priorities")
    level = node.optional_number("priority_confidence")
    return Reporting(
        favourable_points=default.favourable_points if points is None else points,
        priorities=default.priorities if priorities is None else priorities,
        priority_confidence=default.priority_confidence if level is None else level,
    )


def _header_in(doc: DocNode) -> DocumentHeader:
    reporting = doc.optional("reporting")
    behaviours = doc.optional("behaviours")
    return DocumentHeader(
        values=tuple(_value_in(v) for v in doc.get("values").items()),
        bands=_bands_in(doc.get("bands")),
        rounding=_rounding_in(doc.get("rounding")),
        behaviours=tuple(
            BehaviourInfo(b.get("id").text(), b.get("value").text(), b.get("label").text())
            for b in (behaviours.items() if behaviours is not None else ())
        ),
        reporting=None if reporting is None else _reporting_in(reporting),
        change=_change_in(doc.get("rubric")),
    )


def _reliability_out(sheet: Scoresheet) -> list[dict[str, Any]]:
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


def _reliability_in(node: DocNode | None) -> tuple[ScaleReliability, ...]:
    return tuple(
        ScaleReliability(
            scale=r.get("scale").text(),
            items=r.get("items").integer(),
            alpha=r.optional_number("alpha"),
            alpha_pairwise=r.optional_number("alpha_pairwise"),
            complete=r.get("complete").integer(),
            fits=tuple(
                ItemFit(
                    f.get("item").text(),
                    f.optional_number("rest_correlation"),
                    f.optional_number("alpha_if_deleted"),
                )
                for f in r.get("item_rest").items()
            ),
            reason=r.optional_str("reason") or "",
        )
        for r in (node.items() if node is not None else ())
    )


def to_document(doc: ResultsDocument) -> dict[str, Any]:
    """The whole results document as plain data (key order is part of the published layout).

    A values-selection document (``doc.selection``) adds its part (``results_codec_selection``)
    and, as it was first published, tags every score with its ``method`` and leaves out value
    respondents, response rates, ``ignored_columns``, ``reliability`` and ``by_column``."""
    return {key: plain(value) for key, value in document_parts(doc).items()}


def document_parts(doc: ResultsDocument) -> dict[str, Any]:
    """``to_document`` with the groups and the gap report left as ``Rows``, made one row at a
    time, so the JSON writer can stream them (``render.json_out.json_chunks``)."""
    sheet, prov, header, part = doc.sheet, doc.provenance, doc.header, doc.selection
    labels = header.band_labels()
    gaps = {g.key: g for g in sheet.gaps}
    method = part.method.status if part is not None else None

    def row(group: GroupResult, **extra: Any) -> dict[str, Any]:
        out = group_out(group, sheet.group_by, labels, levels=sheet.levels, method=method, **extra)
        return out if part is None else {**out, **figures_out(part, group.key, labels)}

    def unit_row(group: GroupResult) -> dict[str, Any]:
        return row(group, unit_gaps=gaps.get(group.key) if group.key else None)

    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        **kind_out(part),
        "tool": {"name": TOOL, "version": prov.tool_version},
        "generated_at": prov.generated_at,
        **({"year": prov.survey_year} if prov.survey_year is not None else {}),
        **method_out(part),
        "rubric": _rubric_out(sheet.rubric, header.change),
        "inputs": [{"role": i.role, "name": i.name, "sha256": i.sha256} for i in prov.inputs],
        "group_by": list(sheet.group_by),
        # NOTE: only in a run with levels, so every other document is unchanged.
        **({"levels": list(sheet.levels)} if sheet.levels else {}),
        **_header_out(header, template_out(part)),
        "groups": Rows(unit_row, sheet.groups),
        "institution": row(sheet.institution, response_rate=doc.institution_response_rate),
        "rows": {
            "read": sheet.accounting.read,
            "scored": sheet.accounting.scored,
            "excluded": dict(sorted(sheet.accounting.excluded.items())),
        },
        **(
            {
                "ignored_columns": list(sheet.ignored_columns),
                "reliability": _reliability_out(sheet),
            }
            if part is None
            else {}
        ),
        **gaps_out(sheet.gaps, sheet.group_by),
        "issues": issues_out(sheet, by_column=part is None),
    }


def from_document(data: Any, source: str) -> ResultsDocument:
    """A parsed document read back; a malformed one raises ``ResultsError`` naming ``source``
    and the key path. Absent optional parts (older versions) read as empty."""
    doc = DocNode(data, "", source)
    fmt = doc.get("format").text()
    if fmt != FORMAT:
        raise ResultsError(
            f"{source}: key 'format': expected {FORMAT!r}, got {fmt!r} (is this the "
            "JSON of 'berakhlak score -f json'?)"
        )
    version = doc.get("format_version").integer()
    if version not in SUPPORTED_VERSIONS:
        raise ResultsError(
            f"{source}: key 'format_version': version {version} is not supported (this "
            "berakhlak-cli reads versions 1 and 2); upgrade berakhlak-cli"
        )
    header = _header_in(doc)
    group_by = tuple(g.text() for g in doc.get("group_by").items())
    levels = doc.texts("levels")
    value_ids = [v.id for v in header.values]
    institution_node = doc.get("institution")
    group_nodes = list(doc.get("groups").items())
    rows = doc.optional("rows")
    part = selection_in(doc, group_by, group_nodes, institution_node)
    issues, counts = issues_in(doc.optional("issues"), by_column=part is None)
    tool = doc.optional("tool")
    sheet = Scoresheet(
        rubric=_rubric_in(doc.get("rubric")),
        group_by=group_by,
        groups=tuple(
            group_in(g, group_by, value_ids, header.behaviours, levels) for g in group_nodes
        ),
        institution=group_in(institution_node, group_by, value_ids, header.behaviours, levels),
        accounting=RowAccount(
            read=rows.get("read").integer(),
            scored=rows.get("scored").integer(),
            excluded={k: v.integer() for k, v in rows.get("excluded").entries()},
        )
        if rows is not None
        else RowAccount(0, 0),
        issues=issues,
        issue_counts=counts,
        ignored_columns=doc.texts("ignored_columns"),
        reliability=_reliability_in(doc.optional("reliability")),
        gaps=gaps_in(doc, group_by, group_nodes),
        levels=levels,
    )
    return ResultsDocument(
        sheet=sheet,
        header=header,
        provenance=Provenance(
            tool_version=(tool.optional_str("version") if tool is not None else None) or "",
            generated_at=doc.optional_str("generated_at") or "",
            inputs=tuple(
                InputRef(i.get("role").text(), i.get("name").text(), i.get("sha256").text())
                for i in doc.get("inputs").items()
            ),
            survey_year=doc.optional_int("year"),
        ),
        institution_response_rate=institution_node.optional_number("response_rate"),
        selection=part,
    )
