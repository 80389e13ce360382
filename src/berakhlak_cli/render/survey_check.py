"""Render ``survey check``: columns understood, answer vocabulary, rows, unit progress.

Headers, masked answer texts and unit names are shown; values of identifying and
respondent-id columns are never part of a ``SurveyCheck``, so they cannot reach this output.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.model.survey_check import ColumnRole, Role, SurveyCheck
from berakhlak_cli.render.language.number import fmt_count, fmt_number
from berakhlak_cli.render.language.words import word

FORMAT_VERSION = 1
SHOWN = 8
BLANK_CODES = ("empty-row", "blank-respondent")


def render_check_table(check: SurveyCheck, lang: Lang) -> RenderableType:
    """The report as rich tables (what the terminal shows)."""
    cols = Table(title=word("check_columns", lang), title_justify="left")
    for name in ("#", "header", "role", "match"):
        cols.add_column(name if name == "#" else word(f"check_{name}", lang), overflow="fold")
    for run in _runs(check):
        first, last = run[0], run[-1]
        how = word(f"check_how_{first.how}", lang) if first.how else ""
        if len(run) == 1:
            role = word(f"check_role_{first.role}", lang) + (f" {first.item}" if first.item else "")
            cols.add_row(str(first.position + 1), Text(first.header), Text(role), how)
            continue
        # NOTE: items read from columns named by their id need no row each; loose matches do.
        where = f"{first.position + 1}–{last.position + 1}"
        role = f"{len(run)} {word(f'check_role_{first.role}', lang)} {first.item}–{last.item}"
        cols.add_row(where, Text(f"{first.header} … {last.header}"), Text(role), how)
    answers = Table(title=word("check_answers", lang), title_justify="left")
    answers.add_column("")
    answers.add_column(word("check_answers", lang), overflow="fold")
    for item, counts in check.vocabulary.items():
        # NOTE: unknown answers are always listed: they are what the check is for.
        known = [lc for lc in counts if lc.known]
        unknown = [lc for lc in counts if not lc.known]
        listed = known[: max(SHOWN - len(unknown), 0)] + unknown[:SHOWN]
        parts = []
        for lc in listed:
            shown = lc.text or word("check_blank", lang)
            flag = "" if lc.known else f" ⚠ {word('check_unknown', lang)}"
            parts.append(f"{shown} ×{fmt_count(lc.count, lang)}{flag}")
        if len(counts) > len(listed):
            parts.append(word("check_more", lang).format(n=len(counts) - len(listed)))
        answers.add_row(item, Text(" · ".join(parts)))
    if check.untallied:
        answers.caption = word("check_untallied", lang).format(n=fmt_count(check.untallied, lang))
        answers.caption_justify = "left"
    units = Table(title=word("check_units", lang), title_justify="left")
    units.add_column(word("check_units", lang))
    for key in ("resp", "headcount", "minimum", "rate", "needed"):
        units.add_column(word(f"check_{key}", lang), justify="right")
    for u in check.units:
        rate = fmt_number(100 * u.rate, 0, lang) + "%" if u.rate is not None else "—"
        units.add_row(
            Text(u.unit),
            fmt_count(u.respondents, lang),
            fmt_count(u.headcount, lang),
            fmt_count(u.minimum, lang),
            rate,
            fmt_count(u.needed, lang),
        )
    verdict = word(f"check_verdict{check.exit_code}", lang)
    lines = [Text(line) for line in rows_lines(check, lang)]
    return Group(cols, answers, units, *lines, Text(verdict))


def _runs(check: SurveyCheck) -> list[list[ColumnRole]]:
    """Columns grouped: a run of adjacent item columns each headed by its own id is one group."""
    runs: list[list[ColumnRole]] = []
    for c in check.columns:
        plain = c.role == Role.ITEM and c.how == "id" and c.header == c.item
        prev = runs[-1][-1] if runs else None
        if (
            plain
            and prev is not None
            and prev.role == Role.ITEM
            and prev.how == "id"
            and prev.header == prev.item
            and prev.position + 1 == c.position
        ):
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def rows_lines(check: SurveyCheck, lang: Lang) -> tuple[str, str]:
    """(rows read / scored / blank / duplicated / other exclusions, issue count by code)."""
    ex = check.rows.excluded
    blank = sum(ex.get(c, 0) for c in BLANK_CODES)
    dup = ex.get("duplicate-respondent", 0)
    rows = word("check_rows", lang).format(
        read=fmt_count(check.rows.read, lang),
        scored=fmt_count(check.rows.scored, lang),
        blank=fmt_count(blank, lang),
        dup=fmt_count(dup, lang),
        other=fmt_count(sum(ex.values()) - blank - dup, lang),
    )
    codes = ", ".join(f"{c} {n}" for c, n in sorted((check.issue_codes or {}).items()))
    issues = word("check_issues", lang).format(issues=fmt_count(check.issues, lang))
    return rows, issues + (f" ({codes})" if codes else "")


def render_check_json(check: SurveyCheck) -> str:
    """The report as JSON (format_version 1), keys in English."""
    doc: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "source": check.source,
        "exit_code": check.exit_code,
        "columns": [
            {
                "position": c.position + 1,
                "header": c.header,
                "role": c.role.value,
                "item": c.item,
                "matched_by": c.how,
            }
            for c in check.columns
        ],
        "answers": {
            item: [{"text": c.text, "count": c.count, "known": c.known} for c in counts]
            for item, counts in check.vocabulary.items()
        },
        "answers_untallied_rows": check.untallied,
        "rows": {
            "read": check.rows.read,
            "scored": check.rows.scored,
            "excluded": dict(check.rows.excluded),
        },
        "units": [
            {
                "unit": u.unit,
                "respondents": u.respondents,
                "headcount": u.headcount,
                "minimum": u.minimum,
                "response_rate": u.rate,
                "needed": u.needed,
            }
            for u in check.units
        ],
        "issues": check.issues,
        "issue_codes": dict(check.issue_codes or {}),
        "unknown_labels": check.unknown_labels,
        "notes": list(check.notes),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
