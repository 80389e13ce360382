"""Fuzzing: any generated input either loads or raises the project's own error type.

Generated files mix valid structure (the real header, labels) with hostile bytes (quotes, NUL,
CR, invalid UTF-8, delimiters), so Hypothesis reaches deep into the loaders, not only the
first check. Examples are kept modest and deadlines off: these guard against crashes, not
against slowness (benchmarks/ does that).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from berakhlak_cli.api.score import score_survey
from berakhlak_cli.errors import BerakhlakError
from berakhlak_cli.loaders.evidence.checklist import load_checklist
from berakhlak_cli.loaders.rubric.load import load_rubric, parse_rubric
from berakhlak_cli.loaders.units.headcounts import load_units

ROOT = Path(__file__).resolve().parents[2]
RUBRIC_PATH = ROOT / "rubrics" / "kemenpanrb-2025.yaml"
RUBRIC = load_rubric(RUBRIC_PATH)
RUBRIC_TEXT = RUBRIC_PATH.read_text(encoding="utf-8")
ITEMS = [f"{v}{i}" for v in ("bp", "ak", "ko", "ha", "lo", "ad", "kl") for i in (1, 2, 3)]
SURVEY_HEADER = ",".join(["nip", "nama", "unit_kerja", "jenis_asn", *ITEMS])
EVIDENCE_HEADER = "unit_kerja,evidence_id,answer,document,note"
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

CELLS = st.sampled_from(
    [
        "Setuju",
        "5",
        "3,5",
        "",
        "-",
        '"',
        '""',
        '"a,b"',
        "\x00",
        "\r",
        "\n",
        "\xff",
        "Biro Hukum",
        "=1+1",
        "1e9",
        "NaN",
        ";",
        "\t",
        "|",
        "KP.1",
        "Ya",
        "../x",
        "\ufeff",
        "é",
        "𝔘",
    ]
)
LINES = st.lists(st.lists(CELLS, max_size=30).map(",".join), max_size=12)


def _bytes(header: str, lines: list[str], noise: bytes, encoding: str) -> bytes:
    text = "\n".join([header, *lines])
    data = text.encode(encoding, errors="replace")
    return data[: len(data) // 2] + noise + data[len(data) // 2 :] if noise else data


NOISE = st.sampled_from([b"", b"", b"\x00", b"\xff\xfe", b'"', b"\r", b"\xe2\x80", b"PK\x03\x04"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])


@FUZZ
@given(
    lines=LINES,
    noise=NOISE,
    encoding=ENCODINGS,
    suffix=st.sampled_from([".csv", ".tsv", ".xlsx", ".parquet"]),
)
def test_survey_loader(
    lines: list[str], noise: bytes, encoding: str, suffix: str, tmp_path: Path
) -> None:
    path = tmp_path / f"survey{suffix}"
    path.write_bytes(_bytes(SURVEY_HEADER, lines, noise, encoding))
    try:
        sheet, _ = score_survey(path, RUBRIC, batch_rows=3)
    except BerakhlakError as exc:
        assert "\n" not in str(exc)
        return
    assert sheet.accounting.reconciles


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx", ".parquet"]))
def test_survey_loader_on_raw_bytes(data: bytes, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"survey{suffix}"
    path.write_bytes(data)
    with contextlib.suppress(BerakhlakError):
        score_survey(path, RUBRIC)


@FUZZ
@given(lines=LINES, noise=NOISE, encoding=ENCODINGS)
def test_evidence_loader(lines: list[str], noise: bytes, encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "bukti.csv"
    path.write_bytes(_bytes(EVIDENCE_HEADER, lines, noise, encoding))
    with contextlib.suppress(BerakhlakError):
        load_checklist(path, RUBRIC)


@FUZZ
@given(lines=LINES, noise=NOISE, encoding=ENCODINGS)
def test_units_loader(lines: list[str], noise: bytes, encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes(_bytes("unit_kerja,headcount", lines, noise, encoding))
    with contextlib.suppress(BerakhlakError):
        load_units(path, RUBRIC)


YAML_BITS = st.sampled_from(
    [
        "\n",
        ": ",
        "- ",
        "  ",
        "&a ",
        "*a",
        "!!python/object:os.system ",
        "[",
        "]",
        "{",
        "}",
        "'",
        '"',
        "yes",
        "no",
        "off",
        "1.10",
        "~",
        "null",
        "0x1F",
        "<<: *a",
        "%TAG ! x\n",
        "---\n",
        "...\n",
        "\t",
        "#",
        "values",
        "scales",
        "min",
        "max",
        "weight",
        "-1e999",
        "\x00",
        "\ufeff",
    ]
)


@FUZZ
@given(
    bits=st.lists(YAML_BITS, max_size=40),
    cut=st.integers(min_value=0, max_value=len(RUBRIC_TEXT)),
)
def test_rubric_loader(bits: list[str], cut: int, tmp_path: Path) -> None:
    """The real rubric with hostile YAML spliced in at a random point."""
    text = RUBRIC_TEXT[:cut] + "".join(bits) + RUBRIC_TEXT[cut:]
    path = tmp_path / "rubric.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    with contextlib.suppress(BerakhlakError):
        load_rubric(path)
    rubric, problems = parse_rubric(text.encode("utf-8", "surrogatepass"), "<fuzz>")
    assert rubric is not None or problems


@FUZZ
@given(data=st.binary(max_size=3000))
def test_rubric_loader_on_raw_bytes(data: bytes) -> None:
    rubric, problems = parse_rubric(data, "<fuzz>")
    assert rubric is not None or problems


def test_a_null_document_is_a_problem_not_a_valid_rubric() -> None:
    """Found by the fuzzer: b"~" parsed to no rubric and no problem ('all valid')."""
    for raw in (b"~", b"null\n", b"--- ~\n"):
        rubric, problems = parse_rubric(raw, "<null>")
        assert rubric is None and [p.code for p in problems] == ["empty"]


def test_a_huge_rubric_is_refused_after_reading_one_megabyte(tmp_path: Path) -> None:
    """A 10 MB rubric (or /dev/zero) is cut off at the size limit, not read whole."""
    path = tmp_path / "rubric.yaml"
    path.write_bytes(b"# padding\n" * 1_048_576)
    try:
        load_rubric(path)
    except BerakhlakError as exc:
        assert "too-large file is larger than 1,000,000 bytes" in str(exc)
    else:
        raise AssertionError("a 10 MB rubric loaded")
