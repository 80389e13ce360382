"""``rubric validate`` as a library call: every problem of one rubric file, examples included.

Structural and semantic problems come from ``read_rubric``; when there are none, the rubric's
``examples`` are scored (``scoring.rubric_examples``) and each unmet expectation becomes an
``example-mismatch`` (or ``example-answer``) problem located at the expectation's line.
"""

from __future__ import annotations

from pathlib import Path

from berakhlak_cli.errors import Problem
from berakhlak_cli.loaders.rubric import read_rubric
from berakhlak_cli.loaders.yaml_source import MAX_BYTES, Document
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.model.rubric_report import RubricReport


def validate_rubric(path: Path, source: str | None = None) -> RubricReport:
    """Validate the rubric at ``path`` (``source`` is how to name it in messages)."""
    name = source or str(path)
    try:
        # NOTE: at most one byte over the limit, so /dev/zero is reported as too-large (by
        # ``parse_yaml``) instead of exhausting memory.
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        return RubricReport(name, (Problem("no-file", exc.strerror or str(exc)),))
    parsed = read_rubric(raw)
    rubric = parsed.rubric
    if rubric is None or parsed.document is None or not rubric.examples:
        return RubricReport(name, parsed.problems, rubric)
    problems = run_examples(rubric, parsed.document)
    return RubricReport(name, problems, None if problems else rubric, len(rubric.examples))


def run_examples(rubric: Rubric, doc: Document) -> tuple[Problem, ...]:
    """Score every example; one problem per unmet expectation, located in ``doc``."""
    # NOTE: imported here so that loading a rubric never pulls in the scorer (numpy).
    from berakhlak_cli.scoring.rubric_examples import check_example

    problems: list[Problem] = []
    for i, example in enumerate(rubric.examples):
        for finding in check_example(rubric, example):
            path = f"examples[{i}].{finding.key}"
            line, col = doc.mark(path)
            message = f"example {example.name!r}: {finding.message}"
            problems.append(Problem(finding.code, message, path, line, col))
    return tuple(problems)
