"""The README and docs stay true: set-up commands, CI parity, help texts and links."""

from __future__ import annotations

import re
from pathlib import Path

import typer
from typer.main import get_command

from berakhlak_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_exactly_two_setup_commands() -> None:
    install_and_run, install_and_test = setup_commands()
    assert install_and_run.startswith("pip install . && berakhlak score examples/")
    assert install_and_test == 'python -m pip install -e ".[test]" && python -m pytest'


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = setup_commands()[1]
    assert f"\n{command} || exit 1\n" in ci


def test_the_run_command_names_files_that_exist() -> None:
    for word in setup_commands()[0].split():
        if word.startswith("examples/"):
            assert (ROOT / word).is_file(), word


def test_every_command_has_help() -> None:
    root = get_command(app)
    assert isinstance(root, typer.core.TyperGroup)
    stack = [("berakhlak", root)]
    seen = 0
    while stack:
        name, command = stack.pop()
        assert command.help, f"{name} has no help text"
        seen += 1
        for sub_name, sub in getattr(command, "commands", {}).items():
            stack.append((f"{name} {sub_name}", sub))
    assert seen >= 10


def test_readme_links_resolve() -> None:
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if target.startswith(("http://", "https://")):
            continue
        assert (ROOT / target).exists(), target


def test_readme_mentions_every_command() -> None:
    for command in ("score", "compare", "report", "rubric validate", "evidence template"):
        assert f"berakhlak {command}" in README
