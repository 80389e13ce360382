"""Option values converted without pydantic, for the plain types our commands declare.

Typer (>= 0.29) converts every parameter value with a pydantic ``TypeAdapter``, built when
the command line is parsed, even for an option left at its default. Importing pydantic and
building the adapters is about 0,1 s of every ``berakhlak score`` run (issue #16, measured
with ``-X importtime``). For the types our commands use, the adapter's answer is known
without it: a ``str`` stays the same string, a ``Path`` is ``Path(text)`` checked by typer's
own ``coerce_cli_path``, a ``list[str]`` is the list of the strings, a choice is typer's own
``coerce_cli_choice``, an ``int`` written as plain digits within its ``min``/``max`` is
``int(text)``. Anything else, and every value the cheap path is not sure of (so every error
message), goes to typer's own pydantic adapter: results and messages stay typer's.

Relies on typer's private coercion layer; with a typer that has none (``_runtime_param``
absent, older or newer), ``install`` does nothing and typer converts as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import typer

_DIGITS = re.compile(r"[0-9]{1,18}")

try:
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_choice, coerce_cli_path
except ImportError:  # pragma: no cover - a typer without the coercion layer
    RuntimeParam = None  # type: ignore[assignment, misc]


class _Unsure(Exception):
    """The cheap path cannot tell what typer's adapter would return: ask the adapter."""


def _plain(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    """What typer's adapter returns for ``value``, mirroring its ``build_adapter`` order."""
    if info.parser is not None:
        raise _Unsure
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        try:
            return coerce_cli_choice(
                value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx
            )
        except Exception:
            raise _Unsure from None
    if annotation is int:
        if not (isinstance(value, str) and _DIGITS.fullmatch(value)) or info.clamp:
            raise _Unsure
        number = int(value)
        if (info.min is not None and number < info.min) or (
            info.max is not None and number > info.max
        ):
            raise _Unsure
        return number
    if annotation is str:
        if not isinstance(value, str):
            raise _Unsure
        return value
    if annotation is Path and (info.path_type is None or info.path_type is Path):
        if isinstance(value, str):
            # NOTE: only a text Path keeps as it is ("" becomes ".", "a//b" "a/b"): typer's
            # messages quote what was typed, so a changed text goes the adapter's way
            if str(Path(value)) != value:
                raise _Unsure
            value = Path(value)
        if not isinstance(value, Path):
            raise _Unsure
        return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
    raise _Unsure


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _PlainParam(RuntimeParam):
        """Typer's runtime conversion for one parameter, the adapter built only if needed."""

        descriptor: Any = None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if getattr(self.annotation, "__origin__", None) is list:
                    (item,) = self.annotation.__args__
                    if item is not str or not isinstance(value, (list, tuple)):
                        raise _Unsure
                    return [_plain(str, self.parameter_info, v, param, ctx) for v in value]
                return _plain(self.annotation, self.parameter_info, value, param, ctx)
            except _Unsure:
                return build_runtime_param(self.descriptor)._coerce_value(value, param, ctx)


def install(command: Any) -> None:
    """Give every parameter of ``command`` (and its subcommands) the cheap conversion."""
    if RuntimeParam is None:
        return
    stack = [command]
    while stack:
        current = stack.pop()
        # a lazy group's loaded commands only: ``commands`` would import them all
        loaded = getattr(current, "loaded", None)
        stack.extend((getattr(current, "commands", {}) if loaded is None else loaded).values())
        # get_params, not params: the --help option is made (and cached) there
        for param in current.get_params(typer.Context(current)):
            descriptor = getattr(param, "type_descriptor", None)
            if descriptor is None or getattr(param, "_runtime_param", False) is not None:
                continue
            param._runtime_param = _PlainParam(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                descriptor=descriptor,
            )
