"""Personal data in unusual spellings, typed into any cell, header or sheet name, never leaves.

Each planted value is looked for in every output as written and "in any spelling": outputs
and the value are both reduced to letters, digits and ``@`` (NFKC, format characters and all
separators dropped), so ``0812/3456/7893`` shown as ``081234567893`` would be found too.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.cli.options import OutputFormat
from berakhlak_cli.loaders.survey.header_match import header_row_is_data
from berakhlak_cli.model.personal_data import looks_personal, mask_header, mask_personal

ROOT = Path(__file__).resolve().parents[2]
SURVEY = ROOT / "examples" / "kalteng" / "survei-2024.csv"

UNIT_CELLS = [
    "Biro Hukum (0812)3456-7890",
    "Biro Hukum 1980010/1200501/1003",
    "budi\u200b@bkd.kalteng.go.id",
    "Biro Umum cp 0812,3456,7891",
    "Biro Umum 0812    3456    7899",
    "siti @ kaltengprov.go.id",
    "Biro Umum \uff10\uff18\uff11\uff12\uff0d\uff13\uff14\uff15\uff16\uff0d"
    "\uff17\uff11\uff11\uff16",
    "Biro Umum 0812\uff0e3456\uff0e7126",
    "Biro Umum 0812:3456:7119",
    "Biro Umum 0812~3456~7118",
    "Biro Umum 0812\u00ad3456\u00ad7113",
    "Biro Umum 0812\u20223456\u20227114",
    "Biro Umum 0812\u30fc3456\u30fc7117",
    "Kepala (0536)322-1234",
    "rina\ufe6bkaltengprov.go.id",
]
ATTRIBUTE_CELLS = ["PPPK 3271/0101/0180/0001", "PNS 0812/3456/7892"]
ANSWER_CELLS = [
    "0812    3456    7120",
    "0812/3456/7893",
    "(0812)3456-7894",
    "eko\u200b@kaltengprov.go.id",
    "3271,0101,0180,0002",
    "Setuju 0813/1111/2222",
    "Sangat Setuju joko @ kaltengprov.go.id",
]
HEADER_CELLS = [
    "HP 0812/9999/0000",
    "Catatan admin\u200b@bkd.kalteng.go.id",
    "NIP operator 1985,0101,2010,011111",
]
BY_HEADER = "Tim (0812)3456-7001"
PLANTED = [*UNIT_CELLS, *ATTRIBUTE_CELLS, *ANSWER_CELLS, *HEADER_CELLS, BY_HEADER]


def _squeeze(text: str) -> str:
    folded = "".join(
        c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf"
    )
    return re.sub(r"[^\w@]|_", "", folded.replace("\u30fc", "")).casefold()


def _secret(planted: str) -> str:
    """What must never show: the e-mail, or the long digit run, of a planted value."""
    squeezed = _squeeze(planted)
    if "@" in squeezed:
        return squeezed[squeezed.index("@") - 3 :]
    return max(re.findall(r"\d+", squeezed), key=len)


def _assert_clean(text: str, planted: list[str] = PLANTED) -> None:
    squeezed = _squeeze(text)
    leaked = [p for p in planted if p in text or _secret(p) in squeezed]
    assert not leaked, f"planted personal data in output: {leaked}"


def _text_of(path: Path) -> str:
    if not path.exists():
        return ""
    data = path.read_bytes()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return "\n".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return data.decode("utf-8", "replace")


def _rows() -> tuple[list[str], list[list[str]]]:
    with SURVEY.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def _planted_survey(tmp_path: Path) -> Path:
    header, rows = _rows()
    unit, jenis, answer = header.index("unit_kerja"), header.index("jenis_asn"), header.index("bp1")
    for i, cell in enumerate(UNIT_CELLS):
        rows[i][unit] = cell
    for i, cell in enumerate(ATTRIBUTE_CELLS):
        rows[40 + i][jenis] = cell
    for i, cell in enumerate(ANSWER_CELLS):
        rows[60 + i][answer] = cell
    header = [*header, *HEADER_CELLS, BY_HEADER]
    rows = [[*r, "x", "y", "z", "A" if i % 2 else "B"] for i, r in enumerate(rows)]
    path = tmp_path / "survey.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    return path


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat])
def test_planted_spellings_reach_no_format(fmt: str, runner: CliRunner, tmp_path: Path) -> None:
    survey = _planted_survey(tmp_path)
    out, issues = tmp_path / f"out.{fmt}", tmp_path / "issues.csv"
    args = ["score", str(survey), "-f", fmt, "-o", str(out), "--issues", str(issues)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    issues_text = _text_of(issues)
    _assert_clean(result.stdout + result.stderr + _text_of(out) + issues_text)
    # every planted unit cell was recognised: its row is excluded, not published
    assert issues_text.count("personal-data-label") >= len(UNIT_CELLS)
    by = ["score", str(survey), "--by", BY_HEADER, "--by", "jenis_asn", "-f", fmt]
    result = runner.invoke(app, [*by, "-o", str(out), "--issues", str(issues)])
    assert result.exit_code == 0, result.stderr
    _assert_clean(result.stdout + result.stderr + _text_of(out) + _text_of(issues))


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_survey_check_masks_headers(fmt: str, runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["survey", "check", str(_planted_survey(tmp_path)), "-f", fmt])
    assert result.exit_code == 1, result.stderr  # 1: data issues (the planted cells) found
    _assert_clean(result.stdout + result.stderr)
    if fmt == "json":
        headers = [c["header"] for c in json.loads(result.stdout)["columns"]]
        assert "HP [phone number]" in headers and BY_HEADER not in headers


def _unmatched(tmp_path: Path) -> Path:
    """The planted survey with one item header renamed (so the headers are listed) and two
    item headers that hold personal data (matched loosely)."""
    path = _planted_survey(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace(",kl3,", ",Pertanyaan 21 (hubungi 0812/3456/7130),", 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_item_message_masks_headers(runner: CliRunner, tmp_path: Path) -> None:
    path = _unmatched(tmp_path)
    for command in (["score"], ["survey", "check"]):
        # NOTE: BERAKHLAK_LANG, not --lang: survey check's errors ignore --lang (a known gap).
        result = runner.invoke(app, [*command, str(path)], env={"BERAKHLAK_LANG": "en"})
        assert result.exit_code == 2
        assert "Headers not matched:" in result.stderr
        assert "'HP [phone number]'" in result.stderr
        _assert_clean(result.stderr, [*PLANTED, "0812/3456/7130"])


def test_rubric_init_from_survey_masks_headers(runner: CliRunner, tmp_path: Path) -> None:
    path = _planted_survey(tmp_path)
    text = path.read_text(encoding="utf-8")
    loose = (
        "Pegawai di unit kerja saya: memberi kesempatan kepada berbagai pihak untuk "
        "berkontribusi (tanya admin2\u200b@bkd.go.id)"
    )
    path.write_text(text.replace(",kl1,", f",{loose},", 1), encoding="utf-8")
    out = tmp_path / "rubrik.yaml"
    result = runner.invoke(app, ["rubric", "init", "--from-survey", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    written = out.read_text(encoding="utf-8")
    _assert_clean(written + result.stderr, [*PLANTED, loose])
    assert "'HP [phone number]'" in written
    # a header with personal data is not added as an alias (masked, it would match nothing)
    assert "not added to aliases" in written
    assert (
        "- kl1: 'Pegawai di unit kerja saya: memberi" in written and "(tanya [e-mail])'" in written
    )


def test_a_file_without_header_row_lists_no_cell(runner: CliRunner, tmp_path: Path) -> None:
    """The first respondent's NIP and name would be 'the headers': none is quoted."""
    lines = SURVEY.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "noheader.csv"
    path.write_text("".join(lines[1:]), encoding="utf-8")
    first = next(csv.reader(io.StringIO(lines[1])))
    secrets = [first[1], first[2], first[3]]  # NIP, name, unit
    for command in (["score"], ["survey", "check"]):
        # NOTE: BERAKHLAK_LANG, not --lang: survey check's errors ignore --lang (a known gap).
        result = runner.invoke(app, [*command, str(path)], env={"BERAKHLAK_LANG": "en"})
        assert result.exit_code == 2
        assert "The first row looks like data, not a header row" in result.stderr
        assert not [s for s in secrets if s in result.stderr]
    out = tmp_path / "rubrik.yaml"
    args = ["rubric", "init", "--from-survey", str(path), "-o", str(out)]
    result = runner.invoke(app, args, env={"BERAKHLAK_LANG": "en"})
    assert result.exit_code == 2 and not out.exists()
    assert "not a header row" in result.stderr
    assert not [s for s in secrets if s in result.stderr]


def test_header_row_is_data() -> None:
    header, rows = _rows()
    assert header_row_is_data(header) is None
    assert header_row_is_data(rows[0]) is not None
    assert header_row_is_data(["nip", "unit", "1", "2", "3"]) is None
    assert header_row_is_data(["Unit", "Setuju", "Setuju", "Netral", "Netral"]) is not None


def test_sheet_names_are_masked(runner: CliRunner, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    header, rows = _rows()
    book = openpyxl.Workbook()
    intro = book.active
    intro.title = "Petunjuk 0812,3456,7009"
    intro.append(["Isilah survei ini"])
    data = book.create_sheet("Jawaban 19800101 200501 1 010")
    for row in [header, *rows[:60]]:
        data.append(row)
    path = tmp_path / "survey.xlsx"
    book.save(path)
    planted = [intro.title, data.title]
    result = runner.invoke(app, ["score", str(path), "-f", "json", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert "'Petunjuk [phone number]'" in result.stderr
    _assert_clean(result.stdout + result.stderr, planted)
    result = runner.invoke(app, ["score", str(path), "--sheet", "Data 0812~3456~7010"])
    assert result.exit_code == 2
    _assert_clean(result.stderr, [*planted, "Data 0812~3456~7010"])


@pytest.mark.parametrize(
    ("text", "masked", "kind"),
    [
        ("(0812)3456-7890", "[phone number]", "phone number"),
        ("Kepala (0536)322-1234", "Kepala [phone number]", "phone number"),
        ("HP (0812 3456 7890).", "HP [phone number].", "phone number"),
        (
            "\uff10\uff18\uff11\uff12\uff0d\uff13\uff14\uff15\uff16\uff0d\uff17\uff11\uff11\uff16",
            "[phone number]",
            "phone number",
        ),
        ("Biro 0812\uff0e3456\uff0e7126", "Biro [phone number]", "phone number"),
        ("1980010/1200501/1003", "[18 digits]", "NIP"),
        ("3271/0101/0180/0001", "[16 digits]", "NIK"),
        ("0812,3456,7891", "[phone number]", "phone number"),
        ("0812:3456:7119", "[phone number]", "phone number"),
        ("0812~3456~7118", "[phone number]", "phone number"),
        ("0812\u20223456\u20227114", "[phone number]", "phone number"),
        ("0812\u30fc3456\u30fc7117", "[phone number]", "phone number"),
        ("a 0812\u00ad3456\u00ad7113 b", "a [phone number] b", "phone number"),
        ("Biro Umum 0812    3456    7899", "Biro Umum [phone number]", "phone number"),
        ("\u202e0812\u200b34567890", "\u202e[phone number]", "phone number"),
        ("budi\u200b@bkd.kalteng.go.id", "[e-mail]", "e-mail"),
        ("siti @ kaltengprov.go.id", "[e-mail]", "e-mail"),
        ("rina\ufe6bkaltengprov.go.id", "[e-mail]", "e-mail"),
        ("budi@bkd\u3002go\u3002id", "[e-mail]", "e-mail"),
        ("Biro Hukum \uff08Bagian\uff09", "Biro Hukum \uff08Bagian\uff09", None),
        # must not count (docs/privacy.md, "What is over-recognised")
        ("Renstra 2020-2024", "Renstra 2020-2024", None),
        ("Periode 2020/2021", "Periode 2020/2021", None),
        ("08-07-2024", "08-07-2024", None),
        ("08/07/2024", "08/07/2024", None),
        ("Jam 08:00-16:00", "Jam 08:00-16:00", None),
        ("Bidang 1, 2, 3", "Bidang 1, 2, 3", None),
        ("RT 05 / RW 06, No. 12", "RT 05 / RW 06, No. 12", None),
        ("Lantai 2 @ Gedung A.1", "Lantai 2 @ Gedung A.1", None),
        ("budi(at)bkd.go.id", "budi(at)bkd.go.id", None),
        ("322-1234", "322-1234", None),
    ],
)
def test_the_detector_reads_every_spelling(text: str, masked: str, kind: str | None) -> None:
    assert looks_personal(text) == kind
    assert mask_personal(text) == masked
    assert mask_header(text) == masked
    assert mask_personal(masked) == masked


def test_masking_masks_whatever_is_detected() -> None:
    """Detection and masking read a cell the same way: nothing detected survives masking."""
    for cell in [*PLANTED, "0812 \t 3456 \n 7890", "N\u00adI\u00adP 1980 0101 2005 0110 01"]:
        if looks_personal(cell):
            assert looks_personal(mask_personal(cell)) is None, cell


@pytest.mark.parametrize("header", ["Nama Pegawai", "Nama Responden", "No. WA", "WhatsApp"])
def test_common_identifying_spellings_are_refused_as_groups(
    header: str, runner: CliRunner, tmp_path: Path
) -> None:
    """The default rubric lists the usual spellings of name, phone and e-mail columns."""
    lines = SURVEY.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "survey.csv"
    path.write_text(lines[0].replace(",nama,", f",{header},", 1) + "".join(lines[1:]), "utf-8")
    result = runner.invoke(app, ["score", str(path), "--by", header, "--lang", "en"])
    assert result.exit_code == 2
    assert "the rubric lists it as personal data" in result.stderr
    _, rows = _rows()
    assert not [r[2] for r in rows[:50] if r[2] in result.stdout + result.stderr]
    check = runner.invoke(app, ["survey", "check", str(path), "-f", "json"])
    roles = {c["header"]: c["role"] for c in json.loads(check.stdout)["columns"]}
    assert roles[header] == "identifying"
