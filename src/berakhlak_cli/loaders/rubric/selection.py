"""Read the ``selection`` section and the values of a ``kind: values_selection`` rubric.

The format is documented in docs/rubric.md ("Values-selection rubrics"). Problems use the
rubric codes every other section uses (``missing-key``, ``duplicate-id``,
``undefined-reference``, ``bad-number``) and one of its own, ``selection-label``: a label that
holds the list separator, or two entries whose labels read the same once normalised.
"""

from __future__ import annotations

from berakhlak_cli.loaders.rubric.bands import read_bands
from berakhlak_cli.loaders.rubric.fields import Fields
from berakhlak_cli.loaders.rubric.settings import read_optional_text, read_text
from berakhlak_cli.loaders.survey.header_match import header_key
from berakhlak_cli.model.rubric import Behaviour, Value
from berakhlak_cli.model.values_selection import (
    QUESTIONS,
    OverPicks,
    Question,
    TemplateEntry,
    ValuePercent,
    ValuesSelection,
)


def read_selection_values(top: Fields) -> tuple[Value, ...]:
    """The values (id, code, label, optional definition and bands): no behaviours or items,
    the template says which labels belong to each."""
    values: list[Value] = []
    for vpath, vdata in top.items("values", required=True):
        v = Fields(top.col, vdata, vpath, "a value")
        values.append(read_value(v))
        v.finish()
    return tuple(values)


def read_value(v: Fields, behaviours: tuple[Behaviour, ...] = (), weighted: bool = False) -> Value:
    """A value's own keys (id, code, label, definition, its weight when ``weighted``, bands),
    read in that order for a likert rubric (``weighted``, its behaviours read) and here."""
    return Value(
        id=v.text("id", required=True),
        code=v.text("code", required=True),
        label=read_text(v, "label", required=True),
        definition=read_optional_text(v, "definition"),
        behaviours=behaviours,
        weight=v.number("weight", 1.0, positive=True) if weighted else 1.0,
        bands=read_bands(v, required=False),
    )


def read_selection(top: Fields, values: tuple[Value, ...]) -> ValuesSelection:
    """The ``selection`` section, checked against the values."""
    for key in ("scales", "evaluation", "examples"):
        if top.has(key):
            top.raw(key, nullable=True)
            top.col.add(
                "kind-mismatch",
                f"{key!r} belongs to a Likert rubric; a values-selection rubric "
                "(kind: values_selection) has a template instead",
                top.at(key),
            )
    f = top.sub("selection", "the selection section", required=True)
    picks = f.integer("picks", 10, minimum=1)
    separator = f.text("separator", ", ")
    if f.has("separator") and not separator.strip(" "):
        f.col.add(
            "bad-choice", "'separator' must hold a character other than a space", f.at("separator")
        )
        separator = ", "
    selection = ValuesSelection(
        template=_template(f, values, separator),
        questions=_questions(f),
        picks=picks,
        separator=separator,
        value_percent=f.choice("value_percent", ValuePercent, ValuePercent.RESPONDENTS),
        over_picks=f.choice("over_picks", OverPicks, OverPicks.EXCLUDE),
        top=f.integer("top", 10, minimum=1),
    )
    f.finish()
    return selection


def _template(f: Fields, values: tuple[Value, ...], separator: str) -> tuple[TemplateEntry, ...]:
    known = {v.id for v in values}
    entries: list[TemplateEntry] = []
    seen_ids: set[str] = set()
    seen_labels: dict[str, str] = {}
    for path, data in f.items("template", required=True):
        e = Fields(f.col, data, path, "a template entry")
        entry = TemplateEntry(
            id=e.text("id", required=True),
            label=read_text(e, "label", required=True),
            value=e.text("value"),
            limiting=e.flag("limiting", False),
            aliases=e.texts("aliases"),
        )
        e.finish()
        if entry.id in seen_ids:
            f.col.add("duplicate-id", f"template id {entry.id!r} is used twice", f"{path}.id")
        seen_ids.add(entry.id)
        if entry.value and entry.value not in known:
            f.col.add(
                "undefined-reference",
                f"template entry {entry.id!r} names value {entry.value!r}, which is not in "
                f"'values' ({', '.join(sorted(known)) or 'none'})",
                f"{path}.value",
            )
        if entry.value and entry.limiting:
            f.col.add(
                "selection-label",
                f"template entry {entry.id!r} is both a behaviour of {entry.value!r} and "
                "limiting; a limiting value belongs to no BerAKHLAK value",
                f"{path}.limiting",
            )
        for name in (
            entry.label.id,
            *((entry.label.en,) if entry.label.en else ()),
            *entry.aliases,
        ):
            if separator.strip() and separator.strip() in name:
                f.col.add(
                    "selection-label",
                    f"label {name!r} holds the separator {separator!r}; a one-cell list could "
                    "not be split",
                    f"{path}.label",
                )
            key = header_key(name)
            other = seen_labels.get(key)
            if other is not None and other != entry.id:
                f.col.add(
                    "selection-label",
                    f"label {name!r} of {entry.id!r} reads the same as one of {other!r}",
                    f"{path}.label",
                )
            seen_labels.setdefault(key, entry.id)
        entries.append(entry)
    for i, value in enumerate(values):
        if f.ok and entries and not any(e.value == value.id for e in entries):
            f.col.add(
                "missing-key",
                f"value {value.id!r} has no behaviour in the template; its % could not be computed",
                f"values[{i}]",
            )
    return tuple(entries)


def _questions(f: Fields) -> tuple[Question, ...]:
    q = f.sub("questions", "the questions", required=True)
    out: list[Question] = []
    for qid in QUESTIONS:
        data = q.raw(qid, required=qid == "current")
        if data is None:
            continue
        e = Fields(f.col, data, q.at(qid), "a question")
        question = Question(
            id=qid,
            column=e.text("column"),
            aliases=e.texts("aliases"),
            columns=e.texts("columns"),
            label=read_optional_text(e, "label"),
        )
        if bool(question.column) == bool(question.columns):
            f.col.add(
                "missing-key",
                f"question {qid!r} needs either 'column' (one cell with a list) or 'columns' "
                "(one column per pick), not both",
                q.at(qid),
            )
        e.finish()
        out.append(question)
    q.finish()
    return tuple(out)
