"""Fixtures for compare/report tests: the scored 2024 example and small results files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.compare.kalteng import score_2024


@pytest.fixture(scope="session")
def hasil_2024(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example survey scored with units and evidence, as ``hasil-2024.json``."""
    return score_2024(tmp_path_factory.mktemp("scored"))


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write ``text`` to ``tmp_path/name`` and return the path."""

    def make(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return make
