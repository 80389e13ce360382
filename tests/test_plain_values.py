"""Issue 16: option values converted without pydantic equal typer's own conversion.

Every parameter of every command, with values of each kind (good, edge and bad): the cheap
path in ``cli/plain_values`` gives the same value of the same type as typer's pydantic adapter,
or the same error.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
from typer._coercion import build_runtime_param
from typer.main import get_command

from berakhlak_cli.cli import app, plain_values
from berakhlak_cli.cli.help_text import commands

SAMPLES: tuple[Any, ...] = (
    "abc",
    "",
    "-",
    "2024",
    "0",
    "007",
    "-1",
    "1e3",
    " 5",
    "99999999999999999999999",
    "examples/kalteng/survei-2024.csv",
    "no/such/file.csv",
    "no//such/./file.csv",
    "examples/kalteng",
    ("a", "b"),
    (),
    Path("x.csv"),
)


def outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        got = runtime._coerce_value(value, param, ctx)
    except Exception as exc:  # the error must be typer's, message and all
        return "error", (type(exc).__name__, str(exc))
    return type(got).__name__, got


def cases() -> list[tuple[str, Any, Any]]:
    root = get_command(app)
    found = []
    for command in commands(root):
        ctx = typer.Context(command)
        for param in command.get_params(ctx):
            descriptor = getattr(param, "type_descriptor", None)
            if descriptor is None:
                continue
            extra: tuple[Any, ...] = ()
            if isinstance(descriptor.annotation, type) and issubclass(descriptor.annotation, Enum):
                members = list(descriptor.annotation)
                extra = (*members, *(m.value for m in members), members[0].value.upper())
            multiple = param.multiple or param.nargs == -1
            for value in (*SAMPLES, *extra):
                if isinstance(value, tuple) and not multiple:
                    continue  # click passes a tuple only to a multiple parameter
                found.append((f"{command.name}:{param.name}", param, value))
    return found


@pytest.mark.parametrize(("where", "param", "value"), cases(), ids=lambda x: repr(x)[:40])
def test_plain_conversion_equals_typers(where: str, param: Any, value: Any) -> None:
    ctx = typer.Context(get_command(app))
    descriptor = param.type_descriptor
    plain = plain_values._PlainParam(
        parameter_info=descriptor.parameter_info,
        annotation=descriptor.annotation,
        descriptor=descriptor,
    )
    assert outcome(plain, value, param, ctx) == outcome(
        build_runtime_param(descriptor), value, param, ctx
    ), where
