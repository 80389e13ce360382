"""``rubric show`` for a values-selection rubric: the template by value, and its settings."""

from __future__ import annotations

from rich.markup import escape
from rich.tree import Tree

from berakhlak_cli.model.rubric import Lang, Rubric

_WORDS = {
    "template": (
        "Templat pilihan (kind: values_selection, rekonstruksi)",
        "Pick template (kind: values_selection, reconstruction)",
    ),
    "other": ("Nilai positif lain", "Other positive values"),
    "limiting": ("Nilai pembatas (entropi)", "Limiting values (entropy)"),
    "questions": ("Pertanyaan", "Questions"),
}


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key][0 if lang == Lang.ID else 1]


def selection_tree(rubric: Rubric, lang: Lang) -> Tree:
    """The template grouped by value, then other positive and limiting entries; the questions."""
    sel = rubric.selection
    assert sel is not None
    root = Tree(f"[bold]{_w('template', lang)}[/]")
    groups = [(v.code + " " + v.label.get(lang), v.id) for v in rubric.values]
    for title, vid in [*groups, (_w("other", lang), ""), (_w("limiting", lang), None)]:
        if vid is None:
            entries = [e for e in sel.template if e.limiting]
        else:
            entries = [e for e in sel.template if e.value == vid and not e.limiting]
        if not entries:
            continue
        node = root.add(f"[bold]{escape(title)}[/]")
        for e in entries:
            node.add(f"[cyan]{escape(e.id)}[/] {escape(e.label.get(lang))}")
    questions = root.add(f"[bold]{_w('questions', lang)}[/]")
    for q in sel.questions:
        where = repr(q.column) if q.column else ", ".join(repr(c) for c in q.columns)
        label = q.label.get(lang) if q.label else q.id
        questions.add(f"{escape(q.id)} {escape(label)}: [dim]{escape(where)}[/]")
    return root


def selection_settings(rubric: Rubric) -> list[tuple[str, str]]:
    """The ``selection`` settings as (key, text) rows of the settings table."""
    sel = rubric.selection
    if sel is None:
        return []
    return [
        ("kind", rubric.kind.value),
        ("selection.picks", str(sel.picks)),
        ("selection.separator", repr(sel.separator)),
        ("selection.value_percent", sel.value_percent.value),
        ("selection.over_picks", sel.over_picks.value),
        ("selection.top", str(sel.top)),
    ]
