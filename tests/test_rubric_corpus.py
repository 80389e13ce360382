"""The bad-rubric corpus: one file per problem in tests/assets/rubrics/, each mapped to the code
and line ``rubric validate`` must report (pip-audit style). Every code is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from berakhlak_cli.api.rubric import validate_rubric

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "assets" / "rubrics"

# file -> (code, line). The files are variants of rubric.valid.yaml with one change each.
CASES: dict[str, tuple[str, int]] = {
    "rubric.yaml-syntax.yaml": ("yaml-syntax", 15),
    "rubric.duplicate-key.yaml": ("duplicate-key", 28),
    "rubric.unquoted-no.yaml": ("unquoted-scalar", 14),
    "rubric.unquoted-yes.yaml": ("unquoted-scalar", 54),
    "rubric.unquoted-version.yaml": ("unquoted-scalar", 4),
    "rubric.unquoted-key.yaml": ("unquoted-scalar", 10),
    "rubric.missing-key.yaml": ("missing-key", 26),
    "rubric.unknown-key.yaml": ("unknown-key", 31),
    "rubric.wrong-type.yaml": ("wrong-type", 21),
    "rubric.not-a-mapping.yaml": ("wrong-type", 1),
    "rubric.empty-list.yaml": ("empty-list", 25),
    "rubric.empty.yaml": ("empty", 1),
    "rubric.bad-format.yaml": ("bad-format", 2),
    "rubric.bad-choice.yaml": ("bad-choice", 45),
    "rubric.bad-number.yaml": ("bad-number", 48),
    "rubric.duplicate-id.yaml": ("duplicate-id", 36),
    "rubric.duplicate-code.yaml": ("duplicate-id", 29),
    "rubric.duplicate-column.yaml": ("duplicate-id", 38),
    "rubric.weight-zero.yaml": ("bad-weight", 31),
    "rubric.weight-infinite.yaml": ("bad-weight", 21),
    "rubric.band-gap.yaml": ("band-gap", 40),
    "rubric.band-overlap.yaml": ("band-overlap", 40),
    "rubric.band-coverage.yaml": ("band-coverage", 42),
    "rubric.band-out-of-range.yaml": ("band-coverage", 40),
    "rubric.band-empty.yaml": ("band-empty", 43),
    "rubric.scale-range.yaml": ("scale-range", 10),
    "rubric.label-out-of-range.yaml": ("label-out-of-range", 16),
    "rubric.label-not-integer.yaml": ("label-out-of-range", 15),
    "rubric.duplicate-label.yaml": ("duplicate-label", 16),
    "rubric.label-conflict.yaml": ("label-conflict", 15),
    "rubric.undefined-scale.yaml": ("undefined-reference", 28),
    "rubric.undefined-answer-scale.yaml": ("undefined-reference", 62),
    "rubric.answer-out-of-range.yaml": ("answer-out-of-range", 54),
    "rubric.weights-sum.yaml": ("weights-sum", 50),
    "rubric.example-mismatch.yaml": ("example-mismatch", 68),
    "rubric.example-answer.yaml": ("example-answer", 66),
    "rubric.example-undefined-item.yaml": ("undefined-reference", 66),
    "rubric.yaml-alias.yaml": ("yaml-alias", 30),
    "rubric.alias-bomb.yaml": ("yaml-alias", 3),
    "rubric.yaml-tag.yaml": ("yaml-tag", 3),
    "rubric.yaml-key.yaml": ("yaml-key", 7),
    "rubric.too-deep.yaml": ("too-deep", 42),
    "rubric.encoding.yaml": ("encoding", 5),
    # issue #15: an explicit null is never silently the default; a not-applicable answer
    # has no score.
    "rubric.null-value.yaml": ("null-value", 55),
    "rubric.not-applicable-score.yaml": ("not-applicable-score", 56),
    # Issue 18: rubrics that validated but overflowed, were silently wrong or took hours.
    "rubric.decimals-huge.yaml": ("out-of-bounds", 44),
    "rubric.weight-overflow.yaml": ("out-of-bounds", 21),
    "rubric.weight-subnormal.yaml": ("out-of-bounds", 21),
    "rubric.scale-huge.yaml": ("out-of-bounds", 12),
    "rubric.too-many-items.yaml": ("too-many-items", 17),
    "rubric.confidence-percent.yaml": ("bad-number", 63),
    "rubric.label-is-missing.yaml": ("missing-conflict", 15),
    "rubric.huge-integer.yaml": ("bad-number", 44),
}
# Files whose one change also causes follow-on problems (they are not variants of the base,
# or a bad answer also leaves the expected index unmet); all others must report exactly one.
FOLLOW_ON = {"rubric.alias-bomb.yaml", "rubric.example-answer.yaml"}


@pytest.mark.parametrize(("name", "code", "line"), [(n, c, ln) for n, (c, ln) in CASES.items()])
def test_bad_rubric_reports_code_and_line(name: str, code: str, line: int) -> None:
    report = validate_rubric(CORPUS / name)
    found = [(p.code, p.line) for p in report.problems]
    assert not report.valid
    assert (code, line) in found
    if name not in FOLLOW_ON:
        assert found == [(code, line)]


def test_corpus_is_complete() -> None:
    files = {p.name for p in CORPUS.glob("*.yaml")}
    assert files == set(CASES) | {"rubric.valid.yaml"}
    assert len(CASES) >= 25


def test_base_of_the_corpus_is_valid() -> None:
    report = validate_rubric(CORPUS / "rubric.valid.yaml")
    assert report.problems == ()
    assert report.rubric is not None


def test_alias_bomb_is_defused_and_counted() -> None:
    report = validate_rubric(CORPUS / "rubric.alias-bomb.yaml")
    aliases = [p for p in report.problems if p.code == "yaml-alias"]
    # 54 aliases in the file: the first 10 are listed, the last of them counts the other 44.
    assert len(aliases) == 10
    assert aliases[-1].message.endswith("(and 44 more aliases)")


def test_too_large_file(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * 1_000_001 + "\n", encoding="utf-8")
    assert [p.code for p in validate_rubric(big).problems] == ["too-large"]


def test_deep_nesting_does_not_overflow_the_stack(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    # Our event-level check stops at depth 41; libyaml >= 0.2.5 may stop first, at 1001.
    problems = [(p.code, p.line, p.column) for p in validate_rubric(deep).problems]
    assert problems in ([("too-deep", 1, 41)], [("too-deep", 1, 1001)])


def test_every_code_is_documented() -> None:
    doc = (ROOT / "docs" / "rubric.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", doc, flags=re.MULTILINE))
    used = {code for code, _ in CASES.values()} | {"too-large", "no-file"}
    assert used <= documented, sorted(used - documented)


def test_ten_thousand_items_are_refused_before_any_scoring(tmp_path: Path) -> None:
    """Issue 18: 10 000 items validated, then reliability needed O(items³) time and memory."""
    base = (CORPUS / "rubric.valid.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    extra = "".join(f"          - id: x{n}\n            text: Butir {n}.\n" for n in range(10_000))
    big = tmp_path / "rubric.10000-items.yaml"
    big.write_text("".join(base[:27] + [extra] + base[27:]), encoding="utf-8")
    problems = [(p.code, p.line, p.message) for p in validate_rubric(big).problems]
    assert problems == [
        ("too-many-items", 17, "the rubric has 10002 survey items; at most 500 are supported")
    ]


def test_validate_reads_dev_zero_with_a_bound() -> None:
    """Issue 18: ``rubric validate /dev/zero`` read without end (MemoryError, exit 3)."""
    assert [p.code for p in validate_rubric(Path("/dev/zero")).problems] == ["too-large"]


def test_every_corpus_problem_has_indonesian_text() -> None:
    """Issue 13 item 7: ``rubric validate`` in Indonesian; a message with no entry is listed."""
    from berakhlak_cli.render.language.catalogue import has_entry

    messages = [p.message for name in CASES for p in validate_rubric(CORPUS / name).problems]
    missing = [m for m in dict.fromkeys(messages) if not has_entry(m)]
    assert not missing, (
        "add these problems to render/language/catalogue_rubric.py "
        "(English template -> Indonesian):\n" + "\n".join(missing)
    )
