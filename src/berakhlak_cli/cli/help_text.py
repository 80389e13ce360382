"""``--help`` in Bahasa Indonesia (default) or English (``--lang en --help``, BERAKHLAK_LANG=en).

Option help is written in English where each option is defined; ``HELP_ID`` gives its
Indonesian text, keyed by the English one, and ``localise`` swaps it in across the whole command
tree before click parses the arguments. Help with no entry stays English (tests/test_help.py
lists any). Command descriptions are already bilingual; click's own words (``Usage``,
``Options``, ``[default: ...]``) stay English.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any, NamedTuple

import typer
from typer.core import TyperCommand, TyperGroup

from berakhlak_cli.cli import plain_values

HELP_ID: dict[str, str] = {
    "Install completion for the current shell.": "Pasang pelengkapan perintah untuk shell ini.",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "Tampilkan skrip pelengkapan untuk shell ini, untuk disalin atau disesuaikan."
    ),
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Survey file: .csv, .xlsx or .parquet.": "Berkas survei: .csv, .xlsx atau .parquet.",
    "Survey file: .csv (, ; or tab), .xlsx or .parquet.": (
        "Berkas survei: .csv (pemisah , ; atau tab), .xlsx atau .parquet."
    ),
    "Rubric YAML file (default: the shipped KemenPANRB rubric).": (
        "Berkas rubrik YAML (bawaan: rubrik KemenPANRB yang disertakan)."
    ),
    "Rubric YAML files (default: the shipped KemenPANRB rubric).": (
        "Berkas-berkas rubrik YAML (bawaan: rubrik KemenPANRB yang disertakan)."
    ),
    "Rubric YAML file (default: the shipped one).": (
        "Berkas rubrik YAML (bawaan: rubrik yang disertakan)."
    ),
    "Rubric to copy (default: the shipped KemenPANRB rubric).": (
        "Rubrik yang disalin (bawaan: rubrik KemenPANRB yang disertakan)."
    ),
    "units.csv with each unit's headcount (response rate, minimum).": (
        "units.csv berisi jumlah pegawai tiap unit (tingkat respons, minimum responden)."
    ),
    "units.csv with each unit's headcount (minimum respondents).": (
        "units.csv berisi jumlah pegawai tiap unit (minimum responden)."
    ),
    "units.csv listing the units (unit_kerja, headcount).": (
        "units.csv berisi daftar unit (unit_kerja, headcount)."
    ),
    "Worksheet to read from an .xlsx file.": "Lembar kerja yang dibaca dari berkas .xlsx.",
    "Worksheet of an .xlsx survey.": "Lembar kerja survei .xlsx.",
    "Text encoding of a CSV.": "Pengodean teks CSV.",
    "Text encoding of a CSV (default: UTF-8, cp1252 fallback).": (
        "Pengodean teks CSV (bawaan: UTF-8, cadangan cp1252)."
    ),
    "table or json.": "table atau json.",
    "text or json.": "text atau json.",
    "text, json, or github (PR annotations).": "text, json, atau github (anotasi PR).",
    "Language of labels and messages: id (default) or en.": (
        "Bahasa label dan pesan: id (bawaan) atau en."
    ),
    "Also show the traceback on errors (the exit code stays the same).": (
        "Tampilkan juga traceback saat galat (kode keluar tetap sama)."
    ),
    "The rubric copy to write (.yaml).": "Salinan rubrik yang ditulis (.yaml).",
    "Add this survey's headers to the matching items' aliases.": (
        "Tambahkan judul kolom survei ini ke alias butir yang cocok."
    ),
    "Overwrite OUTPUT if it exists.": "Timpa OUTPUT bila sudah ada.",
    "The older rubric.": "Rubrik yang lebih lama.",
    "The newer rubric.": "Rubrik yang lebih baru.",
    "No summary line on stderr (the problems still go to stdout).": (
        "Tanpa baris ringkasan di stderr (masalah tetap ditulis ke stdout)."
    ),
    "Checklist to write: .xlsx (with drop-downs) or .csv.": (
        "Daftar periksa yang ditulis: .xlsx (dengan pilihan drop-down) atau .csv."
    ),
    "Overwrite an existing checklist (it may already be filled in).": (
        "Timpa daftar periksa yang sudah ada (mungkin sudah diisi)."
    ),
    "Print no warnings or issues on stderr.": "Jangan cetak peringatan atau masalah di stderr.",
    "Results of two or more years: JSON from 'score -f json', or published figures (.yaml/.csv).": (
        "Hasil dua tahun atau lebih: JSON dari 'score -f json', atau angka yang dipublikasikan "
        "(.yaml/.csv)."
    ),
    "Write the HTML here (atomically) instead of stdout; '-' is stdout.": (
        "Tulis HTML ke sini (secara atomik), bukan ke stdout; '-' berarti stdout."
    ),
    "CSV mapping renamed or merged units between years (columns from,to[,year]).": (
        "CSV pemetaan unit yang berganti nama atau digabung antartahun (kolom from,to[,year])."
    ),
    "Set the year of a results file (default: the year 'score --year' recorded, else a year in "
    "the file name, else its generated_at). Repeat per file.": (
        "Tetapkan tahun sebuah berkas hasil (bawaan: tahun yang dicatat 'score --year', lalu "
        "tahun pada nama berkas, lalu generated_at-nya). Ulangi untuk tiap berkas."
    ),
    "Report title (default: a standard title).": "Judul laporan (bawaan: judul baku).",
    "ISO 8601 timestamp to record (default: SOURCE_DATE_EPOCH, else now).": (
        "Cap waktu ISO 8601 yang dicatat (bawaan: SOURCE_DATE_EPOCH, atau saat ini)."
    ),
    "Output format (default: from the --output name, else table).": (
        "Format keluaran (bawaan: dari nama --output, atau table)."
    ),
    "Write to this file (atomically) instead of stdout; '-' is stdout. Without --format the "
    "format follows the name (.json, .csv, .md, .xlsx, .html).": (
        "Tulis ke berkas ini (secara atomik), bukan ke stdout; '-' berarti stdout. Tanpa "
        "--format, format mengikuti nama berkas (.json, .csv, .md, .xlsx, .html)."
    ),
    "Group by this column instead of the unit (repeat for a cross-breakdown).": (
        "Kelompokkan menurut kolom ini, bukan unit (ulangi untuk rincian silang)."
    ),
    "Score a hierarchy in one run, outermost level first (repeat: --level instansi --level "
    "unit_kerja): one row per group at every level, with the top row above.": (
        "Nilai hierarki dalam satu kali jalan, tingkat terluar dahulu (ulangi: --level instansi "
        "--level unit_kerja): satu baris per kelompok di setiap tingkat, dengan baris teratas "
        "di atasnya."
    ),
    "Write every data issue (row, column, reason) to this CSV file.": (
        "Tulis setiap masalah data (baris, kolom, alasan) ke berkas CSV ini."
    ),
    "Evidence checklist (bukti dukung, .csv or .xlsx): adds each unit's evidence score and the "
    "combined index.": (
        "Daftar periksa bukti dukung (.csv atau .xlsx): menambahkan skor bukti dukung tiap unit "
        "dan indeks gabungan."
    ),
    "Folder holding the checklist's documents: every reference must exist inside it (nothing is "
    "ever written inside it).": (
        "Folder dokumen daftar periksa: setiap rujukan harus ada di dalamnya (tidak ada yang "
        "pernah ditulis ke dalamnya)."
    ),
    "Show each unit's unmet evidence items and the points they would add (with --format csv, "
    "write that list instead of the results; with xlsx, add a sheet).": (
        "Tampilkan butir bukti dukung yang belum terpenuhi di tiap unit dan poin yang akan "
        "ditambahkannya (dengan --format csv, tulis daftar itu sebagai ganti hasil; dengan xlsx, "
        "tambahkan satu lembar)."
    ),
    "The survey year, recorded in the results (compare and report then need no --year for the "
    "file).": (
        "Tahun survei, dicatat dalam hasil (compare dan report lalu tidak perlu --year untuk "
        "berkas itu)."
    ),
    "Exit 1 when any data issue was found.": "Keluar dengan kode 1 bila ada masalah data.",
    "No progress bar and no issue listing on stderr.": (
        "Tanpa bilah kemajuan dan tanpa daftar masalah di stderr."
    ),
    # Options added with the report and behaviours commands
    "Results of one year or more: JSON from 'score -f json', or published figures "
    "(.yaml/.csv). One file gives a one-year report; two or more add the changes.": (
        "Hasil satu tahun atau lebih: JSON dari 'score -f json', atau angka yang dipublikasikan "
        "(.yaml/.csv). Satu berkas menghasilkan laporan satu tahun; dua berkas atau lebih "
        "menambahkan perubahannya."
    ),
    "The institution's name, when the results do not carry it.": (
        "Nama instansi, bila berkas hasil tidak memuatnya."
    ),
    "The period shown under the title (default: the years).": (
        "Periode yang ditampilkan di bawah judul (bawaan: tahun-tahunnya)."
    ),
    "Write the report here (atomically) instead of stdout; '-' is stdout.": (
        "Tulis laporan ke sini (secara atomik), bukan ke stdout; '-' berarti stdout."
    ),
    "html (self-contained page) or pdf (A4, printed by headless Chromium; needs -o); default: "
    "from the -o name, else html.": (
        "html (halaman mandiri) atau pdf (A4, dicetak oleh Chromium tanpa tampilan; memerlukan "
        "-o); bawaan: dari nama -o, atau html."
    ),
    "values: the score table; behaviours: also each behaviour's score and answer distribution "
    "(with --format csv, write that table instead of the results).": (
        "values: tabel nilai; behaviours: juga nilai tiap perilaku dan sebaran jawabannya "
        "(dengan --format csv, tabel itulah yang ditulis, bukan hasilnya)."
    ),
}


def help_lang(args: Sequence[str]) -> str:
    """``en`` when the arguments hold ``--lang en`` (or BERAKHLAK_LANG=en), else ``id``."""
    words = list(args)
    for i, word in enumerate(words):
        if word == "--lang" and i + 1 < len(words):
            return "en" if words[i + 1].lower() == "en" else "id"
        if word.startswith("--lang="):
            return "en" if word.split("=", 1)[1].lower() == "en" else "id"
    return "en" if os.environ.get("BERAKHLAK_LANG", "").strip().lower() == "en" else "id"


def commands(root: Any) -> list[Any]:
    """``root`` and every command below it (typer's click commands; typer vendors click),
    the lazily registered ones included (this loads them)."""
    found, stack = [], [root]
    while stack:
        command = stack.pop()
        found.append(command)
        stack.extend(getattr(command, "commands", {}).values())
    return found


def localise(root: Any, lang: str) -> None:
    """Put the Indonesian option help into ``root``'s command tree (English: leave it); the
    root's lazy commands are localised when they are loaded."""
    if lang == "en":
        return
    stack = [root]
    while stack:
        command = stack.pop()
        loaded = command.loaded if isinstance(command, LocalisedGroup) else None
        stack.extend((getattr(command, "commands", {}) if loaded is None else loaded).values())
        for param in command.get_params(typer.Context(command)):
            text = getattr(param, "help", None)
            if text in HELP_ID:
                param.help = HELP_ID[text]


class LazyCommand(NamedTuple):
    """A command registered by name: where it lives, and its help for the root's listing.

    ``help`` must equal the command's own help (its docstring, or its Typer's ``help=``);
    tests/test_help_lazy.py checks it, so ``berakhlak --help`` lists the commands without
    importing them.
    """

    module: str
    attribute: str
    """A command function, or a ``typer.Typer`` of sub-commands."""
    help: str


class LocalisedGroup(TyperGroup):
    """The root group: chooses the help language from the arguments before parsing them, and
    imports a command's module only when that command is run, asked for help or completed
    (``berakhlak --help`` then imports no command module: issue #16)."""

    lazy: Mapping[str, LazyCommand] = {}
    lang = "id"
    loaded: MutableMapping[str, Any]
    """The commands built so far (``commands`` builds them all, for code that walks the tree)."""

    @property
    def commands(self) -> MutableMapping[str, Any]:
        for name in self.lazy:
            self.get_command(typer.Context(self), name)
        return self.loaded

    @commands.setter
    def commands(self, value: MutableMapping[str, Any]) -> None:
        self.loaded = value

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        import sys

        self.lang = help_lang(sys.argv[1:] if args is None else args)
        localise(self, self.lang)
        plain_values.install(self)
        return super().main(args, *rest, **extra)

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.lazy, *(name for name in self.loaded if name not in self.lazy)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.loaded and cmd_name in self.lazy:
            command = _load(self.lazy[cmd_name], cmd_name, self)
            localise(command, self.lang)
            plain_values.install(command)
            self.loaded[cmd_name] = command
        return self.loaded.get(cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The listing from ``lazy``'s help texts: the same rows click would write from the
        loaded commands, without loading them."""
        listed = {
            name: self.loaded.get(name) or TyperCommand(name, help=entry.help)
            for name, entry in self.lazy.items()
        }
        shown = [(name, listed.get(name) or self.loaded[name]) for name in self.list_commands(ctx)]
        shown = [(name, command) for name, command in shown if not command.hidden]
        if shown:
            limit = formatter.width - 6 - max(len(name) for name, _ in shown)
            rows = [(name, command.get_short_help_str(limit)) for name, command in shown]
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _load(entry: LazyCommand, name: str, root: LocalisedGroup) -> Any:
    """The click command of ``entry``, built as ``app.command()`` / ``app.add_typer`` would."""
    from typer.main import get_command_from_info, get_group_from_info
    from typer.models import CommandInfo, TyperInfo

    target = getattr(importlib.import_module(entry.module), entry.attribute)
    if isinstance(target, typer.Typer):
        return get_group_from_info(
            TyperInfo(target, name=name),
            pretty_exceptions_short=True,
            rich_markup_mode=root.rich_markup_mode,
            suggest_commands=root.suggest_commands,
        )
    return get_command_from_info(
        CommandInfo(name=name, callback=target),
        pretty_exceptions_short=True,
        rich_markup_mode=root.rich_markup_mode,
    )
