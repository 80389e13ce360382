"""Issue 13 item 7: ``--help`` speaks Bahasa Indonesia by default, English when asked."""

from __future__ import annotations

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.cli.help_text import HELP_ID, commands, help_lang


def test_every_option_help_has_indonesian_text() -> None:
    root = get_command(app)
    missing = {
        param.help
        for command in commands(root)
        for param in command.get_params(typer.Context(command))
        if getattr(param, "help", None)
        and param.help not in HELP_ID  # type: ignore[attr-defined]
        and param.help not in HELP_ID.values()  # type: ignore[attr-defined]
        and " / " not in param.help  # type: ignore[attr-defined]  # already bilingual
    }
    assert not missing, "add these option helps to cli/help_text.py HELP_ID:\n" + "\n".join(
        sorted(missing)
    )


def test_help_is_indonesian_by_default(runner: CliRunner) -> None:
    out = runner.invoke(app, ["score", "--help"]).stdout
    assert "Kelompokkan menurut kolom ini, bukan unit" in out
    assert "Tampilkan bantuan ini lalu keluar." in out
    assert "Group by this column" not in out


@pytest.mark.parametrize(
    ("args", "env"), [(["score", "--lang", "en", "--help"], {}), (["score", "--help"], {"en"})]
)
def test_help_in_english(
    args: list[str], env: set[str], runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    if env:
        monkeypatch.setenv("BERAKHLAK_LANG", "en")
    out = runner.invoke(app, args).stdout
    assert "Group by this column instead of the unit" in out
    assert "Show this message and exit." in out
    assert "Kelompokkan" not in out


def test_help_lang_reads_the_arguments_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BERAKHLAK_LANG", "en")
    assert help_lang(["score", "--lang=id", "--help"]) == "id"
    assert help_lang(["score", "--help"]) == "en"
    monkeypatch.delenv("BERAKHLAK_LANG")
    assert help_lang(["score", "--help"]) == "id"


def test_berakhlak_lang_changes_messages_not_outputs(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import EXAMPLES

    args = ["score", str(EXAMPLES / "survei-2024.csv"), "-f", "markdown"]
    default = runner.invoke(app, args)
    monkeypatch.setenv("BERAKHLAK_LANG", "en")
    english = runner.invoke(app, args)
    assert english.stdout == default.stdout and "Seluruh instansi" in default.stdout
    missing = runner.invoke(app, ["score", "nope.csv"])
    assert missing.stderr == "error: nope.csv: file not found\n"
    monkeypatch.delenv("BERAKHLAK_LANG")
    assert runner.invoke(app, ["score", "nope.csv"]).stderr == (
        "error: nope.csv: berkas tidak ditemukan\n"
    )
