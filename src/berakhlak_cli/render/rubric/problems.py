"""``rubric validate`` output: problems as text lines, a JSON document, or GitHub annotations.

- text: one ``file:line:col: CODE message (at path)`` line per problem (``Problem.render``),
  the form compilers use, so editors and CI logs link straight to the spot.
- json: ``{"format": "berakhlak-rubric-validation", "format_version": 1, "valid", "files"}``.
- github: workflow commands ``::error file=F,line=L,col=C,title=CODE::message``, which GitHub
  Actions shows as annotations on the pull request's diff (docs/ci.md).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from berakhlak_cli.errors import Problem
from berakhlak_cli.model.rubric_report import RubricReport

FORMAT = "berakhlak-rubric-validation"
FORMAT_VERSION = 1


def render_text(reports: Sequence[RubricReport]) -> str:
    """Every problem of every file, one per line, in file order."""
    return "".join(p.render(r.source) + "\n" for r in reports for p in r.problems)


def _problem(p: Problem) -> dict[str, Any]:
    return {
        "code": p.code,
        "message": p.message,
        "path": p.path,
        "line": p.line,
        "column": p.column,
    }


def validation_document(reports: Sequence[RubricReport]) -> dict[str, Any]:
    """The JSON document as plain data."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "valid": all(r.valid for r in reports),
        "problem_count": sum(len(r.problems) for r in reports),
        "files": [
            {
                "file": r.source,
                "valid": r.valid,
                "examples": r.examples,
                "problems": [_problem(p) for p in r.problems],
            }
            for r in reports
        ],
    }


def render_json(reports: Sequence[RubricReport]) -> str:
    """The JSON document as text."""
    return json.dumps(validation_document(reports), ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: Sequence[RubricReport]) -> str:
    """One ``::error`` workflow command per problem (escaped as GitHub's toolkit does)."""
    lines: list[str] = []
    for report in reports:
        for p in report.problems:
            props = [f"file={_escape_property(report.source)}"]
            if p.line is not None:
                props.append(f"line={p.line}")
                if p.column is not None:
                    props.append(f"col={p.column}")
            props.append(f"title={_escape_property(p.code)}")
            where = f" (at {p.path})" if p.path else ""
            lines.append(f"::error {','.join(props)}::{_escape_data(p.message + where)}\n")
    return "".join(lines)


def summary(reports: Sequence[RubricReport]) -> str:
    """One line for stderr: how many files, how many valid, how many problems."""
    bad = [r for r in reports if not r.valid]
    problems = sum(len(r.problems) for r in reports)
    examples = sum(r.examples for r in reports if r.valid)
    files = f"{len(reports)} rubric file{'s' if len(reports) != 1 else ''}"
    if not bad:
        passed = f"; {examples} example{'s' if examples != 1 else ''} passed" if examples else ""
        return f"{files} checked: all valid{passed}"
    return (
        f"{files} checked: {len(reports) - len(bad)} valid, {len(bad)} with "
        f"{problems} problem{'s' if problems != 1 else ''}"
    )
