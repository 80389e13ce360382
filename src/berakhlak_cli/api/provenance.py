"""Provenance of a result: the tool's version, when it was made, and the sha256 of each input."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from berakhlak_cli import __version__
from berakhlak_cli.model.results import InputRef, Provenance


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def make_provenance(
    inputs: Sequence[tuple[str, Path]],
    generated_at: str,
    known: Mapping[Path, str] | None = None,
) -> Provenance:
    """Provenance for the (role, path) inputs; ``generated_at`` is an ISO 8601 time the caller
    chose (the CLI: --generated-at, SOURCE_DATE_EPOCH or now), so renderers stay deterministic.
    ``known`` holds digests already taken while a file was read (no input is read twice)."""
    known = known or {}
    refs = tuple(
        InputRef(role, path.name, known.get(path) or sha256_file(path)) for role, path in inputs
    )
    return Provenance(__version__, generated_at, refs)
