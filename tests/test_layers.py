"""The layer rules of the brief, checked on the source: siblings over ``model``.

``loaders``, ``scoring`` and ``render`` are siblings: each may import only ``model`` (plain
data), ``errors`` and itself. Only the wiring layers (``cli`` and the library entry points
``api/``) bring them together. Scoring is pure: no I/O, printing, clock or environment,
and none of the I/O libraries. There are no exceptions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "berakhlak_cli"
SHARED = {"model", "errors", "__init__"}
SIBLINGS = {"loaders", "scoring", "render"}
# What each layer may import from the package, besides itself and SHARED.
ALLOWED: dict[str, set[str]] = {"model": set(), "errors": set(), **{s: set() for s in SIBLINGS}}
IMPURE_MODULES = {
    "os", "sys", "io", "pathlib", "time", "datetime", "random", "subprocess", "tempfile",
    "shutil", "socket", "logging", "typer", "rich", "yaml", "jinja2", "matplotlib", "pyarrow",
    "openpyxl", "python_calamine", "csv", "json",
}  # fmt: skip
IMPURE_CALLS = {"open", "print", "input"}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def is_wiring(layer: str) -> bool:
    """The CLI and the library entry points (``api/``)."""
    return layer in {"cli", "api"}


def package_imports(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "berakhlak_cli" and len(parts) > 1:
                found.append((node.lineno, parts[1]))
    return found


def bad_imports(layer: str, tree: ast.AST) -> list[tuple[int, str]]:
    """(line, layer) of every import the rules forbid to a module of ``layer``."""
    if is_wiring(layer) or layer in {"__init__", "__main__", "console"}:
        return []  # they wire the layers together
    allowed = ALLOWED[layer] | SHARED | {layer}
    return [(line, target) for line, target in package_imports(tree) if target not in allowed]


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path: Path) -> None:
    layer = layer_of(path)
    assert is_wiring(layer) or layer in ALLOWED or layer in {"__init__", "__main__", "console"}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = bad_imports(layer, tree)
    assert not bad, f"{path.name} imports {bad} (layer {layer!r} may use only model and errors)"


@pytest.mark.parametrize(
    "path",
    [p for p in modules() if layer_of(p) in {"scoring", "model"}],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_scoring_and_model_are_pure(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            )
            for name in names:
                assert (name or "").split(".")[0] not in IMPURE_MODULES, f"{path.name}: {name}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in IMPURE_CALLS, (
                f"{path.name}:{node.lineno} calls {node.func.id}"
            )


@pytest.mark.parametrize(
    ("layer", "target"),
    [("loaders", "scoring"), ("loaders", "render"), ("scoring", "render"), ("render", "loaders")],
)
def test_a_sibling_may_not_import_a_sibling(layer: str, target: str) -> None:
    tree = ast.parse(f"import os\nfrom berakhlak_cli.{target}.x import y\n")
    assert bad_imports(layer, tree) == [(2, target)]
    assert bad_imports("api", tree) == bad_imports("cli", tree) == []


def test_the_check_sees_a_violation() -> None:
    tree = ast.parse("from berakhlak_cli.cli.boundary import write_atomic\nimport os\n")
    assert package_imports(tree) == [(1, "cli")]
