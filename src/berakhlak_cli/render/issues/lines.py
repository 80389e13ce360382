"""One line per data issue for the terminal, in Bahasa Indonesia or English.

The row-level survey codes are described from the issue's own fields; other codes carry
details only their English message has, so it is shown after the stable code, in Bahasa
Indonesia through ``render.catalogue`` (English when it has no entry). JSON and the
``--issues`` CSV always keep the English message (part of the output contract).
"""

from __future__ import annotations

from berakhlak_cli.model.results import Issue, IssueCode
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.cell_text import visible
from berakhlak_cli.render.language.catalogue import translate

_ID: dict[IssueCode, str] = {
    IssueCode.UNKNOWN_LABEL: "jawaban {value} bukan label/angka skala; dihitung tidak menjawab",
    IssueCode.OUT_OF_RANGE: "jawaban {value} di luar rentang skala; dihitung tidak menjawab",
    IssueCode.NOT_INTEGER: "jawaban {value} bukan bilangan bulat skala; dihitung tidak menjawab",
    IssueCode.BLANK_RESPONDENT: "baris dikecualikan: tidak ada butir yang dijawab",
    IssueCode.MISSING_GROUP: "baris dikecualikan: kolom pengelompokan kosong",
    IssueCode.NO_GROUP: "kolom pengelompokan kosong: dihitung di baris instansi, tanpa kelompok",
    IssueCode.EMPTY_ROW: "baris dikecualikan: baris kosong (tanpa jawaban, kelompok, atau ID)",
    IssueCode.DUPLICATE_RESPONDENT: "baris dikecualikan: ID responden berulang",
    IssueCode.STRAIGHT_LINING: "{verb}: jawaban sama untuk semua butir",
    IssueCode.PERSONAL_DATA_LABEL: (
        "baris dikecualikan: sel pengelompokan {value} tampak berisi data pribadi; "
        "tidak diterbitkan sebagai label kelompok"
    ),
}


def described(code: IssueCode) -> bool:
    """True when ``code`` has its own Indonesian sentence here (others use the catalogue)."""
    return code in _ID


def where(issue: Issue, lang: Lang) -> str:
    """``baris 472, kolom 'ak2'`` (or ``row 472, column 'ak2'``; a group when there is no row)."""
    row, column, group = (
        ("baris", "kolom", "kelompok") if lang == Lang.ID else ("row", "column", "group")
    )
    parts = []
    if issue.row is not None:
        parts.append(f"{row} {issue.row}")
    if issue.column:
        parts.append(f"{column} {issue.column!r}")
    if issue.group and issue.row is None:
        parts.append(f"{group} {issue.group!r}")
    return ", ".join(parts)


def issue_line(issue: Issue, lang: Lang) -> str:
    """``code where: description`` as plain text (callers escape it for rich)."""
    template = _ID.get(issue.code) if lang == Lang.ID else None
    if template is None:
        text = translate(issue.message, lang)
    else:
        verb = "baris dikecualikan" if issue.excluded else "ditandai"
        text = template.format(value=repr(issue.value or ""), verb=verb)
    place = where(issue, lang)
    line = f"{issue.code.value} {place}: {text}" if place else f"{issue.code.value}: {text}"
    return visible(line)


def more_line(count: int, written: bool, lang: Lang) -> str:
    """The line after the first few issues."""
    if lang == Lang.ID:
        hint = "" if written else " (pakai --issues FILE untuk daftar lengkap)"
        return f"... dan {count} masalah data lain{hint}"
    hint = "" if written else " (use --issues FILE to list them all)"
    return f"... and {count} more data issues{hint}"
