"""What the CLI itself says on stderr, in Bahasa Indonesia (default) and English (``--lang en``).

The tags that open a line (``error:``, ``warning:``, ``internal error:``) stay English in both
languages, so scripts and CI logs can search for them; the text after the tag is translated.
Messages that loaders raise about a file's content are English; the CLI shows them through
``render.catalogue`` (Indonesian text keyed by the English template).
"""

from __future__ import annotations

import os

from berakhlak_cli.model.rubric import Lang

MESSAGES: dict[str, tuple[str, str]] = {
    "interrupted": ("dihentikan", "interrupted"),
    "internal": (
        "(galat program; jalankan ulang dengan --debug untuk melihat traceback dan laporkan)",
        "(a bug; rerun with --debug for the traceback and report it)",
    ),
    "needs": ("{option} memerlukan {companion}", "{option} needs {companion}"),
    "selection_refuses": (
        "{option} tidak berlaku untuk rubrik pilihan nilai (kind: values_selection)",
        "{option} does not apply to a values-selection rubric (kind: values_selection)",
    ),
    "level_with_by": (
        "--level dan --by tidak dapat dipakai bersama: --level menilai setiap tingkat hierarki, "
        "--by satu rincian",
        "--level and --by cannot be combined: --level scores every level of a hierarchy, --by "
        "one breakdown",
    ),
    "level_with_evidence": (
        "--evidence belum dapat dipakai dengan tingkat (--level atau levels di rubrik); "
        "nilai bukti dukung per instansi dalam run terpisah",
        "--evidence cannot be used with levels yet (--level or the rubric's levels); score "
        "evidence per instansi in a separate run",
    ),
    "level_with_behaviours": (
        "--detail behaviours belum tersedia untuk penilaian bertingkat; nilai satu instansi "
        "dengan --by untuk rincian perilakunya",
        "--detail behaviours is not available with levels yet; score one instansi with --by "
        "for its behaviour detail",
    ),
    "level_units": (
        "{units}: penilaian bertingkat memerlukan berkas unit dengan kolom level (docs/output.md)",
        "{units}: a run with levels needs a units file with a level column (docs/output.md)",
    ),
    "xlsx_needs_output": (
        "--format xlsx menulis buku kerja: berikan --output FILE.xlsx",
        "--format xlsx writes a workbook: give --output FILE.xlsx",
    ),
    "format_mismatch": (
        "{output}: nama berakhiran {suffix} tetapi --format {fmt}; samakan keduanya "
        "(atau hilangkan --format agar format diambil dari nama berkas)",
        "{output}: the name ends in {suffix} but --format is {fmt}; make them agree "
        "(or leave out --format to take the format from the file name)",
    ),
    "format_unavailable": (
        "{output}: perintah ini tidak menulis format {suffix}; pilih nama atau --format lain",
        "{output}: this command writes no {suffix} format; choose another name or --format",
    ),
    "template_exists": (
        "{output}: berkas sudah ada (mungkin sudah diisi); berikan --force untuk menimpanya",
        "{output}: the file already exists (it may be filled in); give --force to overwrite it",
    ),
    "template_suffix": (
        "{output}: beri nama daftar periksa berakhiran .xlsx atau .csv",
        "{output}: name the checklist .xlsx or .csv",
    ),
    "template_written": (
        "{output}: {rows} baris ({units} unit x {n} butir bukti dukung)",
        "{output}: {rows} rows ({units} units x {n} evidence items)",
    ),
    "year_guessed": (
        "{source}: tidak ada tahun pada nama berkas; memakai {year} dari generated_at. "
        "Berikan --year {name}=TAHUN bila itu keliru.",
        "{source}: no year in the file name; using {year} from its generated_at. "
        "Pass --year {name}=YEAR if that is wrong.",
    ),
    "rename_unused": (
        "{source}: baris {row}: unit {unit!r} tidak ada di berkas hasil mana pun",
        "{source}: row {row}: unit {unit!r} is not in any results file",
    ),
    "not_comparable": (
        "{old} -> {new} tidak sebanding: {what}",
        "{old} -> {new} not comparable: {what}",
    ),
    "one_year_units": (
        "unit yang hanya ada pada satu tahun (tidak dibandingkan): {names}",
        "units present in one year only (not compared): {names}",
    ),
}


def say(key: str, lang: Lang | str | None, **fields: object) -> str:
    """Message ``key`` in ``lang`` (Indonesian unless English is asked for, by ``--lang en`` or
    else by BERAKHLAK_LANG=en)."""
    ind, eng = MESSAGES[key]
    chosen = lang or os.environ.get("BERAKHLAK_LANG", "").strip().lower()
    text = eng if chosen in (Lang.EN, "en") else ind
    return text.format(**fields) if fields else text
