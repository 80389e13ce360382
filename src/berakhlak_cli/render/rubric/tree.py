"""``rubric show``: the rubric as a tree (values -> behaviours -> items), evidence, bands, settings.

Weights are shown normalised within their parent (w / sum of the siblings' w, as a percentage),
which is how they act in the person-first formulas (docs/method.md); items also show their
share of the index (value share x behaviour share x item share).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from berakhlak_cli.model.rubric import Evaluation, Lang, Rubric
from berakhlak_cli.render.language.number import fmt_number
from berakhlak_cli.render.language.words import word
from berakhlak_cli.render.rubric.selection import selection_settings, selection_tree

ALIAS_CHARS = 60


def _aliases(names: Sequence[str]) -> str:
    short = [n if len(n) <= ALIAS_CHARS else n[: ALIAS_CHARS - 1] + "…" for n in names]
    return ", ".join(repr(n) for n in short)


def _shares(weights: Sequence[float]) -> list[float]:
    total = sum(weights)
    return [w / total if total > 0 else 0.0 for w in weights]


def _pct(share: float, lang: Lang) -> str:
    return f"{fmt_number(share * 100, 1, lang)} %"


def render_rubric(rubric: Rubric, lang: Lang = Lang.ID, path: str = "") -> RenderableType:
    """The whole ``rubric show`` view as one renderable (``path``: the file shown, if known)."""
    parts: list[RenderableType] = []
    if path:
        parts.append(Text(f"{word('rubric_file', lang)}: {path}"))
    parts.append(_survey_tree(rubric, lang))
    if rubric.selection is not None:
        parts.append(selection_tree(rubric, lang))
    if rubric.evaluation is not None:
        parts.append(_evidence_tree(rubric.evaluation, lang))
    parts += [_bands(rubric, lang), _settings(rubric, lang)]
    return Group(*parts)


def _survey_tree(rubric: Rubric, lang: Lang) -> Tree:
    title = escape(rubric.title.get(lang))
    root = Tree(f"[bold]{title}[/]  [dim]{escape(rubric.id)} {escape(rubric.version)}[/]")
    values = root.add(f"[bold]{word('rubric_values', lang)}[/]")
    for value, v_share in zip(
        rubric.values, _shares([v.weight for v in rubric.values]), strict=True
    ):
        v_node = values.add(
            f"[bold]{escape(value.code)}[/] {escape(value.label.get(lang))} — {_pct(v_share, lang)}"
        )
        b_shares = _shares([b.weight for b in value.behaviours])
        for beh, b_share in zip(value.behaviours, b_shares, strict=True):
            b_node = v_node.add(
                f"{escape(beh.id)} {escape(beh.label.get(lang))} — {_pct(b_share, lang)}"
            )
            for item, i_share in zip(
                beh.items, _shares([i.weight for i in beh.items]), strict=True
            ):
                notes = [escape(item.scale)]
                if item.reverse:
                    notes.append(word("reverse_keyed", lang))
                index_share = _pct(v_share * b_share * i_share, lang)
                i_node = b_node.add(
                    f"[cyan]{escape(item.id)}[/] {escape(item.text.get(lang))} — "
                    f"{_pct(i_share, lang)} ({index_share} {word('of_index', lang)}; "
                    f"{', '.join(notes)})"
                )
                cols = f"{word('item_columns', lang)} {item.column!r}"
                if item.aliases:
                    cols += f"; {word('aliases', lang)} {_aliases(item.aliases)}"
                i_node.add(f"[dim]{escape(cols)}[/]")
    return root


def _evidence_tree(ev: Evaluation, lang: Lang) -> Tree:
    head = (
        f"[bold]{word('evidence', lang)}[/] — {_pct(ev.evaluation_weight, lang)} "
        f"({word('survey', lang)} {_pct(ev.survey_weight, lang)})"
    )
    root = Tree(head)
    for crit, c_share in zip(ev.criteria, _shares([c.weight for c in ev.criteria]), strict=True):
        flag = f" [yellow]({word('provisional', lang)})[/]" if crit.provisional else ""
        c_node = root.add(
            f"[bold]{escape(crit.id)}[/] {escape(crit.label.get(lang))} — "
            f"{_pct(c_share, lang)}{flag}"
        )
        for item, i_share in zip(crit.items, _shares([i.weight for i in crit.items]), strict=True):
            scale = ev.answer_scales.get(item.answer_scale)
            answers = (
                f"{word('numeric', lang)} {scale.min:g}-{scale.max:g}"
                if scale is not None and scale.numeric
                else " / ".join(f"{o.label} {o.score:g}" for o in (scale.options if scale else ()))
            )
            i_node = c_node.add(
                f"[cyan]{escape(item.id)}[/] {escape(item.requirement.get(lang))} — "
                f"{_pct(i_share, lang)} [dim]({escape(answers)})[/]"
            )
            if item.documents:
                docs = "; ".join(item.documents)
                i_node.add(f"[dim]{word('documents', lang)}: {escape(docs)}[/]")
    return root


def _bands(rubric: Rubric, lang: Lang) -> Table:
    table = Table(title=word("bands", lang), title_justify="left")
    for key in ("band_code", "band_label", "band_range"):
        table.add_column(word(key, lang))
    top = max((b.upper for b in rubric.bands), default=100.0)
    for band in sorted(rubric.bands, key=lambda b: -b.lower):
        close = "]" if band.upper == top else ")"
        table.add_row(
            escape(band.code),
            escape(band.label.get(lang)),
            f"[{band.lower:g}, {band.upper:g}{close}",
        )
    return table


def _settings(rubric: Rubric, lang: Lang) -> Table:
    table = Table(title=word("settings", lang), title_justify="left")
    table.add_column(word("setting", lang))
    table.add_column(word("value", lang))
    for sid, scale in rubric.scales.items():
        points = ", ".join(
            f"{p.value:g}={p.labels[0]}" if p.labels else f"{p.value:g}" for p in scale.points
        )
        text = f"{scale.min:g}-{scale.max:g} ({scale.conversion}): {points}"
        table.add_row(f"scales.{escape(sid)}", escape(text))
    cols = rubric.columns
    rows = [
        (
            "columns.unit",
            f"{cols.unit.name!r}; {word('aliases', lang)} {_aliases(cols.unit.aliases)}",
        ),
        ("columns.header_matching", str(cols.header_matching)),
        ("missing", ", ".join(repr(m) for m in rubric.missing)),
        (
            "rounding",
            f"{rubric.rounding.decimals} decimals, band_on {rubric.rounding.band_on}, "
            f"mode {rubric.rounding.mode}",
        ),
        (
            "aggregation",
            f"respondent {rubric.aggregation.respondent}, institution "
            f"{rubric.aggregation.institution}, require_all_values "
            f"{str(rubric.aggregation.require_all_values).lower()}",
        ),
        ("anonymity", f"min_group_size {rubric.anonymity.min_group_size}"),
        (
            "eligibility",
            " + ".join(rubric.eligibility.rules)
            + (f" ({rubric.eligibility.combine})" if rubric.eligibility.also else "")
            + f", margin_of_error {rubric.eligibility.margin_of_error:g}",
        ),
        (
            "quality",
            f"duplicates {rubric.quality.duplicates}, straight_lining "
            f"{rubric.quality.straight_lining} (min_same "
            f"{rubric.quality.straight_lining_min_same or 'all'})",
        ),
        ("change", f"min_meaningful {rubric.change.min_meaningful:g}"),
        (
            "intervals",
            f"level {rubric.interval_level:g}, finite_population_correction "
            f"{str(rubric.intervals.finite_population_correction).lower()}",
        ),
        ("examples", str(len(rubric.examples))),
        *selection_settings(rubric),
    ]
    if rubric.evaluation is not None:
        rows.append(("evaluation.no_evidence", str(rubric.evaluation.no_evidence)))
        rows.append(("evaluation.institution", str(rubric.evaluation.institution)))
    for i, level in enumerate(rubric.levels):
        rule = level.eligibility or rubric.eligibility
        floor = level.min_group_size or rubric.anonymity.min_group_size
        rows.append(
            (
                f"levels[{i}]",
                f"{level.column!r}: aggregation {level.aggregation}, eligibility "
                f"{' + '.join(rule.rules)}, min_group_size {floor}",
            )
        )
    for key, text in rows:
        table.add_row(key, escape(text))
    return table
