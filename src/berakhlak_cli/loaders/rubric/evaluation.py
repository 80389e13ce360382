"""Read the rubric's ``evaluation`` section: evidence criteria, answer scales, 80/20 weights."""

from __future__ import annotations

from collections.abc import Callable

from berakhlak_cli.loaders.rubric.fields import Fields
from berakhlak_cli.model.rubric import (
    AnswerOption,
    AnswerScale,
    Criterion,
    Evaluation,
    EvidenceInstitution,
    EvidenceItem,
    NoEvidencePolicy,
    Text,
)

TextReader = Callable[[Fields, str, bool], Text]


def read_evaluation(f: Fields, read_text: TextReader) -> Evaluation:
    """Build ``Evaluation`` from its mapping; problems go to the shared collector."""
    scales: dict[str, AnswerScale] = {}
    for sid, path, data in f.entries("answer_scales"):
        s = Fields(f.col, data, path, "an answer scale")
        options: list[AnswerOption] = []
        for opath, odata in s.items("options"):
            o = Fields(f.col, odata, opath, "an answer option")
            not_applicable = o.flag("not_applicable", False)
            if not_applicable and o.has("score"):
                o.raw("score", nullable=True)
                o.col.add(
                    "not-applicable-score",
                    "a 'not_applicable' answer has no score (the item leaves the denominator); "
                    "remove 'score'",
                    o.at("score"),
                )
            options.append(
                AnswerOption(
                    label=o.text("label", required=True),
                    score=0.0 if not_applicable else o.number("score", 0.0, required=True),
                    aliases=o.texts("aliases"),
                    not_applicable=not_applicable,
                )
            )
            o.finish()
        numeric = s.flag("numeric", False)
        if not numeric and not options:
            f.col.add("empty-list", "an answer scale needs 'options' or 'numeric: true'", path)
        scales[sid] = AnswerScale(
            id=sid,
            options=tuple(options),
            numeric=numeric,
            min=s.number("min", 0.0),
            max=s.number("max", 100.0),
        )
        s.finish()
    criteria: list[Criterion] = []
    for cpath, cdata in f.items("criteria", required=True):
        c = Fields(f.col, cdata, cpath, "a criterion")
        items: list[EvidenceItem] = []
        for ipath, idata in c.items("items", required=True):
            i = Fields(f.col, idata, ipath, "an evidence item")
            items.append(
                EvidenceItem(
                    id=i.text("id", required=True),
                    requirement=read_text(i, "requirement", True),
                    answer_scale=i.text("answer_scale", required=True),
                    documents=i.texts("documents"),
                    weight=i.number("weight", 1.0, positive=True),
                )
            )
            i.finish()
        criteria.append(
            Criterion(
                id=c.text("id", required=True),
                label=read_text(c, "label", True),
                items=tuple(items),
                weight=c.number("weight", 1.0, positive=True),
                provisional=c.flag("provisional", True),
            )
        )
        c.finish()
    w = f.sub("weights", "weights")
    evaluation = Evaluation(
        criteria=tuple(criteria),
        answer_scales=scales,
        survey_weight=w.number("survey", 0.8),
        evaluation_weight=w.number("evaluation", 0.2),
        no_evidence=f.choice("no_evidence", NoEvidencePolicy, NoEvidencePolicy.ZERO),
        institution=f.choice("institution", EvidenceInstitution, EvidenceInstitution.MEAN_OF_UNITS),
    )
    w.finish()
    f.finish()
    return evaluation
