"""``rubric validate`` as a library call: every problem of one rubric file, examples included.

Structural and semantic problems come from the loader (``loaders.rubric.read_rubric_file``);
when there are none, the rubric's ``examples`` are scored (``scoring.rubric_examples``) and each
unmet expectation becomes an ``example-mismatch`` (or ``example-answer``) problem located at the
expectation's line. Wiring the two layers together is why this lives at the entry-point level.
"""

from __future__ import annotations

from pathlib import Path

from berakhlak_cli.errors import Problem
from berakhlak_cli.loaders.rubric.load import read_rubric_file
from berakhlak_cli.loaders.rubric.yaml_source import Document
from berakhlak_cli.model.rubric import Rubric
from berakhlak_cli.model.rubric_report import RubricReport


def validate_rubric(path: Path, source: str | None = None) -> RubricReport:
    """Validate the rubric at ``path`` (``source`` is how to name it in messages)."""
    name = source or str(path)
    parsed = read_rubric_file(path)
    rubric = parsed.rubric
    if rubric is None or parsed.document is None or not rubric.examples:
        return RubricReport(name, parsed.problems, rubric)
    problems = run_examples(rubric, parsed.document)
    return RubricReport(name, problems, None if problems else rubric, len(rubric.examples))


def run_examples(rubric: Rubric, doc: Document) -> tuple[Problem, ...]:
    """Score every example; one problem per unmet expectation, located in ``doc``."""
    # NOTE: imported here so that validating a rubric without examples never pulls in the
    # scorer (numpy).
    from berakhlak_cli.scoring.rubric_examples import check_example

    problems: list[Problem] = []
    for i, example in enumerate(rubric.examples):
        for finding in check_example(rubric, example):
            path = f"examples[{i}].{finding.key}"
            line, col = doc.mark(path)
            message = f"example {example.name!r}: {finding.message}"
            problems.append(Problem(finding.code, message, path, line, col))
    return tuple(problems)
