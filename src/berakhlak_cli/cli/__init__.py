"""The ``berakhlak`` command: a thin Typer layer (options -> load -> score -> render -> exit code).

Heavy libraries (pandas, pyarrow) are imported inside commands, and the command modules
themselves only when their command is used (``LocalisedGroup.lazy``), so ``berakhlak --help``
and ``berakhlak rubric validate`` start fast.
"""

from __future__ import annotations

import io
import sys

import typer

from berakhlak_cli import __version__
from berakhlak_cli.cli.help_text import LazyCommand, LocalisedGroup


class _Root(LocalisedGroup):
    lazy = {
        "score": LazyCommand(
            "berakhlak_cli.cli.score",
            "score",
            "Nilai survei dengan rubrik: satu baris per unit ditambah seluruh instansi.\n\n"
            "Score a survey against the rubric: one row per unit plus the whole institution.",
        ),
        "compare": LazyCommand(
            "berakhlak_cli.cli.compare",
            "compare",
            "Bandingkan antartahun: indeks, nilai dan unit, lama -> baru, dengan setiap "
            "perbedaan.\n\nCompare years: index, values and units, old -> new, with every "
            "comparability difference.",
        ),
        "report": LazyCommand(
            "berakhlak_cli.cli.report",
            "report",
            "Tulis laporan untuk pimpinan (satu tahun atau lebih): indeks, nilai, perilaku, "
            "unit,\nprioritas, halaman per unit, metode.\n\nWrite the report (one year or "
            "more): index, values, behaviours, units, priorities, unit\npages, method.",
        ),
        "evidence": LazyCommand(
            "berakhlak_cli.cli.evidence",
            "evidence_app",
            "Daftar periksa bukti dukung / Evidence checklists (bukti dukung).",
        ),
        "rubric": LazyCommand(
            "berakhlak_cli.cli.rubric",
            "rubric_app",
            "Periksa, tampilkan, bandingkan file rubrik / Check, show and compare rubric files.",
        ),
        "survey": LazyCommand(
            "berakhlak_cli.cli.survey",
            "survey_app",
            "Periksa berkas survei sebelum dinilai / Check survey files before scoring.",
        ),
    }


app = typer.Typer(
    name="berakhlak",
    cls=_Root,
    help="Skor evaluasi budaya kerja ASN BerAKHLAK (survei + bukti dukung) / "
    "Score BerAKHLAK work-culture evaluations.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"berakhlak-cli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help="Tampilkan versi lalu keluar / Show the version and exit.",
    ),
) -> None:
    """Skor evaluasi budaya kerja ASN BerAKHLAK / Score BerAKHLAK work-culture evaluations."""


def _lenient_streams() -> None:
    """A character stdout/stderr cannot encode (latin-1, cp437, cp850, cp1252 consoles: an en
    dash, a unit name) is printed as a replacement character instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def main() -> None:
    """Console-script entry point."""
    _lenient_streams()
    app()
