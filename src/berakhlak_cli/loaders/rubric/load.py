"""Load a rubric YAML file (format 1) into a ``Rubric``, reporting every problem with file:line:col.

The format is documented key by key in docs/rubric.md. Structural problems (types, unknown
keys) are found while building; semantic checks (bands, ids, scales) live in ``rubric_checks``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from berakhlak_cli.errors import Problem, RubricError
from berakhlak_cli.loaders.rubric.bands import read_bands, with_label_set
from berakhlak_cli.loaders.rubric.bounds import check_bounds
from berakhlak_cli.loaders.rubric.checks import check_rubric
from berakhlak_cli.loaders.rubric.evaluation import read_evaluation
from berakhlak_cli.loaders.rubric.examples import check_examples, read_examples
from berakhlak_cli.loaders.rubric.fields import Collector, Fields
from berakhlak_cli.loaders.rubric.levels import read_levels
from berakhlak_cli.loaders.rubric.selection import (
    read_selection,
    read_selection_values,
    read_value,
)
from berakhlak_cli.loaders.rubric.setting_checks import check_settings
from berakhlak_cli.loaders.rubric.settings import (
    read_aggregation,
    read_anonymity,
    read_change,
    read_columns,
    read_eligibility,
    read_intervals,
    read_quality,
    read_reporting,
    read_rounding,
    read_text,
)
from berakhlak_cli.loaders.rubric.yaml_source import MAX_BYTES, Document, parse_yaml
from berakhlak_cli.model.rubric import (
    Behaviour,
    Conversion,
    Item,
    Lang,
    Rubric,
    RubricKind,
    Scale,
    ScaleLabel,
    Value,
)

FORMAT = 1
DEFAULT_RUBRIC = "kemenpanrb-2025.yaml"


def default_rubric_path() -> Path:
    """The shipped KemenPANRB default rubric (inside the wheel, or ``rubrics/`` in a checkout)."""
    packaged = resources.files("berakhlak_cli").joinpath("rubrics", DEFAULT_RUBRIC)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[4] / "rubrics" / DEFAULT_RUBRIC


def load_rubric(path: Path | None = None) -> Rubric:
    """Read and validate a rubric file; raise ``RubricError`` with all problems if invalid."""
    path = path or default_rubric_path()
    source = str(path)
    try:
        # NOTE: never more than the size limit + 1 bytes: a huge file or /dev/zero cannot
        # exhaust memory before the size check.
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise RubricError(source, (Problem("no-file", "file not found"),)) from None
    except OSError as exc:
        raise RubricError(source, (Problem("no-file", exc.strerror or str(exc)),)) from None
    if len(raw) > MAX_BYTES:
        too_large = Problem("too-large", f"file is larger than {MAX_BYTES:,} bytes", "", 1)
        raise RubricError(source, (too_large,))
    rubric, problems = parse_rubric(raw, source)
    if problems or rubric is None:
        raise RubricError(source, tuple(problems))
    return rubric


def parse_rubric(raw: bytes, source: str = "<rubric>") -> tuple[Rubric | None, list[Problem]]:
    """Parse rubric bytes; return the rubric (None when unusable) and every problem found."""
    parsed = read_rubric(raw)
    return parsed.rubric, list(parsed.problems)


@dataclass(frozen=True)
class ParsedRubric:
    """A parsed rubric file: the rubric (None unless problem-free), its problems, and the YAML
    document (positions of every key, for locating later findings such as example mismatches)."""

    rubric: Rubric | None
    problems: tuple[Problem, ...]
    document: Document | None


def read_rubric_file(path: Path) -> ParsedRubric:
    """Read and parse the rubric at ``path``; an unreadable file is one ``no-file`` problem."""
    try:
        # NOTE: at most one byte over the limit, so /dev/zero is reported as too-large (by
        # ``parse_yaml``) instead of exhausting memory.
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        return ParsedRubric(None, (Problem("no-file", exc.strerror or str(exc)),), None)
    return read_rubric(raw)


def read_rubric(raw: bytes) -> ParsedRubric:
    """Parse rubric bytes, keeping the source positions; problems sorted by position."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        message = f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}; save as UTF-8"
        return ParsedRubric(None, (Problem("encoding", message, "", line, column),), None)
    doc, problems = parse_yaml(text)
    if problems and doc.data is None:
        return ParsedRubric(None, tuple(problems), None)
    if doc.data is None:
        # NOTE: "~" or "null" parses to None without a syntax problem; it is no rubric either.
        null = Problem("empty", "the document is null; a rubric is a mapping of settings", "", 1, 1)
        return ParsedRubric(None, (null,), None)
    col = Collector(doc, reject_null=True)
    col.problems.extend(problems)
    rubric = _build(Fields(col, doc.data, "", "the rubric"), hashlib.sha256(raw).hexdigest())
    if rubric is not None:
        check_rubric(rubric, col)
        check_settings(rubric, col)
        check_bounds(rubric, col)
        check_examples(rubric, col)
    ordered = tuple(sorted(col.problems, key=lambda p: (p.line or 0, p.column or 0, p.code)))
    return ParsedRubric(rubric if not ordered else None, ordered, doc)


def _build(top: Fields, digest: str) -> Rubric | None:
    if not top.ok:
        return None
    fmt = top.raw("format", required=True)
    if isinstance(fmt, bool):
        # NOTE: YAML reads `format: yes` as True, and True == 1 in Python: refused as the
        # integer getter refuses it (``Fields.integer``), never taken for format 1.
        top.col.add("wrong-type", "'format' must be a whole number", top.at("format"))
    elif fmt is not None and (type(fmt) is not int or fmt != FORMAT):
        top.col.add(
            "bad-format", f"format {fmt!r} is not supported (this tool reads {FORMAT})", "format"
        )
    kind = top.choice("kind", RubricKind, RubricKind.LIKERT)
    # NOTE: a values-selection rubric has a template instead of scales and items.
    selecting = kind == RubricKind.VALUES_SELECTION
    scales = {} if selecting else _scales(top)
    chosen = top.text("band_labels")
    values = tuple(
        replace(v, bands=with_label_set(top, v.bands, chosen, f"values[{i}].bands"))
        for i, v in enumerate(read_selection_values(top) if selecting else _values(top, scales))
    )
    selection = read_selection(top, values) if selecting else None
    rubric = Rubric(
        id=top.text("id", required=True),
        version=top.text("version", required=True),
        title=read_text(top, "title", required=True),
        instrument=top.text("instrument", required=True),
        locale=top.choice("locale", Lang, Lang.ID),
        source=top.text("source"),
        scales=scales,
        values=values,
        bands=with_label_set(top, read_bands(top), chosen, "bands"),
        columns=read_columns(top),
        missing=top.texts("missing") if top.has("missing") else ("",),
        rounding=read_rounding(top.sub("rounding", "rounding")),
        aggregation=read_aggregation(top.sub("aggregation", "aggregation")),
        anonymity=read_anonymity(top.sub("anonymity", "anonymity")),
        eligibility=read_eligibility(top.sub("eligibility", "eligibility")),
        quality=read_quality(top.sub("quality", "quality")),
        evaluation=read_evaluation(top.sub("evaluation", "evaluation"), read_text)
        if not selecting and top.raw("evaluation", nullable=True) is not None
        else None,
        change=read_change(top.sub("change", "change")),
        intervals=read_intervals(top.sub("intervals", "intervals")),
        reporting=read_reporting(top.sub("reporting", "reporting")),
        levels=read_levels(top),
        examples=() if selecting else read_examples(top),
        sha256=digest,
        kind=kind,
        selection=selection,
    )
    top.finish()
    return rubric


def _scales(top: Fields) -> dict[str, Scale]:
    scales: dict[str, Scale] = {}
    for sid, path, data in top.entries("scales"):
        f = Fields(top.col, data, path, "a scale")
        points: list[ScaleLabel] = []
        for ppath, pdata in f.items("points"):
            p = Fields(top.col, pdata, ppath, "a scale point")
            points.append(ScaleLabel(p.number("value", 0.0, required=True), p.texts("labels")))
            p.finish()
        scales[sid] = Scale(
            id=sid,
            min=f.number("min", 0.0, required=True),
            max=f.number("max", 1.0, required=True),
            points=tuple(points),
            integer_only=f.flag("integer_only", True),
            conversion=f.choice("conversion", Conversion, Conversion.MIN_MAX),
        )
        f.finish()
    if not scales and top.ok:
        top.col.add("missing-key", "at least one scale is required under 'scales'", "scales")
    return scales


def _values(top: Fields, scales: dict[str, Scale]) -> tuple[Value, ...]:
    only_scale = next(iter(scales)) if len(scales) == 1 else ""
    values: list[Value] = []
    for vpath, vdata in top.items("values", required=True):
        v = Fields(top.col, vdata, vpath, "a value")
        behaviours: list[Behaviour] = []
        for bpath, bdata in v.items("behaviours", required=True):
            b = Fields(top.col, bdata, bpath, "a behaviour")
            items: list[Item] = []
            for ipath, idata in b.items("items", required=True):
                i = Fields(top.col, idata, ipath, "an item")
                item_id = i.text("id", required=True)
                items.append(
                    Item(
                        id=item_id,
                        text=read_text(i, "text", required=True),
                        column=i.text("column") or item_id,
                        aliases=i.texts("aliases"),
                        scale=i.text("scale") or only_scale,
                        reverse=i.flag("reverse", False),
                        weight=i.number("weight", 1.0, positive=True),
                    )
                )
                i.finish()
            behaviours.append(
                Behaviour(
                    id=b.text("id", required=True),
                    label=read_text(b, "label", required=True),
                    items=tuple(items),
                    weight=b.number("weight", 1.0, positive=True),
                )
            )
            b.finish()
        values.append(read_value(v, tuple(behaviours), weighted=True))
        v.finish()
    return tuple(values)
