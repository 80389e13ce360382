"""Issue 16: the root lists its commands from ``LocalisedGroup.lazy`` without importing them."""

from __future__ import annotations

import subprocess
import sys

import typer
from typer.main import get_command

from berakhlak_cli.cli import app


def test_lazy_help_texts_are_the_commands_own() -> None:
    root = get_command(app)
    lazy = root.lazy  # type: ignore[attr-defined]
    for name, entry in lazy.items():
        assert root.get_command(typer.Context(root), name).help == entry.help, name  # type: ignore[attr-defined]


def test_root_help_imports_no_command_module() -> None:
    code = (
        "import sys\n"
        "from berakhlak_cli.cli import main\n"
        "sys.argv = ['berakhlak', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in ('score', 'compare', 'report', 'evidence', 'rubric', 'survey',"
        " 'boundary') if 'berakhlak_cli.cli.' + m in sys.modules]\n"
        "print('loaded:', loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Commands:" in out.stdout and "score" in out.stdout
    assert out.stdout.endswith("loaded: []\n")
