"""Charts of the HTML report, drawn by matplotlib as inline SVG.

Output is deterministic and self-contained: the Agg/SVG backends only, ``svg.hashsalt`` fixed
per chart (element ids derive from it), no ``Date``/``Creator`` metadata, and glyphs written
as paths (``svg.fonttype: path``) so no font is fetched or needed to view the file. Mathtext is
off, so a ``$`` in a unit name is just a dollar sign. Ids are prefixed per chart because several
SVGs share one HTML document.
"""

from __future__ import annotations

import html
import io
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib
import numpy as np

matplotlib.use("Agg")

from matplotlib.colors import BoundaryNorm, ListedColormap  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from berakhlak_cli.model.comparison import BandInfo  # noqa: E402
from berakhlak_cli.render.cell_text import visible  # noqa: E402
from berakhlak_cli.render.language.number import fmt_number  # noqa: E402

# Band colours from the top band down (ColorBrewer RdYlGn, print-safe): A ... D.
BAND_COLOURS = ("#91cf60", "#fee08b", "#fc8d59", "#d73027", "#a50026")
MISSING_COLOUR = "#e6e6e6"
_DARK = {"#d73027", "#a50026"}
"""Cell colours dark enough to need white text."""
_RC: dict[Any, Any] = {
    "svg.fonttype": "path",
    "svg.hashsalt": "berakhlak-cli",
    "font.family": "DejaVu Sans",
    "font.size": 9.0,
    "text.parse_math": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "path.simplify": True,
}
_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


@dataclass(frozen=True)
class Series:
    """One bar series: a label (the year), a figure (or None) per category and, optionally, a
    confidence interval (lower, upper) or None per category, drawn as an error bar."""

    label: str
    values: Sequence[float | None]
    errors: Sequence[tuple[float, float] | None] = ()


def band_colours(bands: Sequence[BandInfo]) -> dict[str, str]:
    """Band code -> colour, by rank from the top band down (whatever the codes are)."""
    ranked = sorted(bands, key=lambda b: -b.upper)
    return {b.code: BAND_COLOURS[min(i, len(BAND_COLOURS) - 1)] for i, b in enumerate(ranked)}


def _svg(fig: Figure, name: str, alt: str) -> str:
    """The figure as an inline ``<svg>`` element with ids prefixed by ``name``."""
    buffer = io.StringIO()
    with matplotlib.rc_context({**_RC, "svg.hashsalt": f"berakhlak-cli-{name}"}):
        fig.savefig(buffer, format="svg", metadata=_METADATA)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', text)
    text = re.sub(r'(xlink:href|href)="#([^"]+)"', rf'\1="#{name}-\2"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{name}-\1)", text)
    label = html.escape(visible(alt), quote=True)
    return text.replace("<svg ", f'<svg role="img" aria-label="{label}" class="chart" ', 1)


def values_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    bands: Sequence[BandInfo],
    lang: str,
    alt: str,
    decimals: int = 1,
) -> str:
    """Grouped bars: one group per value (and the index), one bar per year, band lines behind."""
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7.2, 3.4))
        ax = fig.add_subplot()
        n = max(len(series), 1)
        width = 0.8 / n
        shades = _year_shades(n)
        for pos, s in enumerate(series):
            xs = [i - 0.4 + width * (pos + 0.5) for i in range(len(categories))]
            errors = list(s.errors) or [None] * len(xs)
            for i, (x, value, error) in enumerate(zip(xs, s.values, errors, strict=True)):
                if value is None:
                    ax.text(x, 1.5, "—", ha="center", va="bottom", fontsize=7, color="#777777")
                    continue
                ax.bar(x, value, width=width * 0.92, color=shades[pos], zorder=2)
                top = value if error is None else max(value, _error_bar(ax, x, value, error, width))
                if error is not None:
                    _tag(ax, f"ci-{pos}-{i}")
                label = fmt_number(value, decimals, lang)
                ax.text(x, top + 1.2, label, ha="center", va="bottom", fontsize=6.5, zorder=3)
        for band in bands:
            if 0 < band.lower < 100:
                ax.axhline(band.lower, color="#999999", lw=0.8, ls="--", zorder=1)
        for band in bands:
            middle = (band.lower + min(band.upper, 100.0)) / 2
            ax.text(
                len(categories) - 0.35, middle, band.code, fontsize=7, color="#777777", va="center"
            )
        ax.set_xticks(range(len(categories)), list(categories))
        ax.set_ylim(0, 105)
        ax.set_yticks([0, 25, 50, 75, 100], [fmt_number(t, 0, lang) for t in (0, 25, 50, 75, 100)])
        ax.set_xlim(-0.6, len(categories) - 0.2)
        handles = [Patch(color=shades[i], label=s.label) for i, s in enumerate(series)]
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.1),
            ncol=min(n, 6),
            frameon=False,
        )
        fig.tight_layout()
        return _svg(fig, "values", alt)


def _error_bar(ax: Any, x: float, value: float, error: tuple[float, float], width: float) -> float:
    """Draw the interval ``error`` around the bar top ``value``; returns the upper end."""
    low, high = error
    ax.errorbar(
        [x],
        [value],
        yerr=[[max(value - low, 0.0)], [max(high - value, 0.0)]],
        fmt="none",
        ecolor="#222222",
        elinewidth=0.8,
        capsize=max(1.0, 40.0 * width * 0.25),
        capthick=0.8,
        zorder=4,
    )
    return high


def _tag(ax: Any, gid: str) -> None:
    """Give the artists of the error bar just drawn stable SVG ids (``ci-<series>-<category>``)."""
    container = ax.containers[-1]
    _, caps, bars = container.lines
    for k, artist in enumerate((*bars, *caps)):
        artist.set_gid(gid if k == 0 else f"{gid}-{k}")


def _year_shades(n: int) -> list[str]:
    """Older years lighter, the newest year darkest (blues), spread over the whole palette so
    even two years differ clearly in greyscale (luminance about 78% and 31%)."""
    palette = ["#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08306b"]
    if n <= 1:
        return palette[-1:]
    if n <= len(palette):
        return [palette[round(i * (len(palette) - 1) / (n - 1))] for i in range(n)]
    return [palette[i % len(palette)] for i in range(n)]


def heatmap_chart(
    rows: Sequence[str],
    columns: Sequence[str],
    matrix: Sequence[Sequence[float | None]],
    bands: Sequence[BandInfo],
    lang: str,
    alt: str,
    decimals: int = 1,
) -> str:
    """Units × values coloured by band, each cell labelled with its score."""
    ranked = sorted(bands, key=lambda b: b.lower)
    colours = band_colours(bands)
    edges = [b.lower for b in ranked] + [max(b.upper for b in ranked) + 1e-9]
    cmap = ListedColormap([colours[b.code] for b in ranked]).with_extremes(bad=MISSING_COLOUR)
    norm = BoundaryNorm(edges, cmap.N)
    data = [[math.nan if v is None else v for v in row] for row in matrix]
    labels = [textwrap.shorten(visible(r), width=42, placeholder="…") for r in rows]
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7.2, 0.9 + 0.32 * max(len(rows), 1)))
        ax = fig.add_subplot()
        # NOTE: pcolormesh draws each cell as a vector path; imshow would embed a PNG.
        ax.pcolormesh(
            np.ma.masked_invalid(np.array(data, dtype=float)),
            cmap=cmap,
            norm=norm,
            edgecolors="white",
            linewidth=1.0,
        )
        ax.invert_yaxis()
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                text = fmt_number(value, decimals, lang)
                fill = MISSING_COLOUR if value is None else _colour_at(value, ranked, colours)
                colour = "white" if fill in _DARK else "black"
                ax.text(
                    j + 0.5, i + 0.5, text, ha="center", va="center", fontsize=7.5, color=colour
                )
        ax.set_xticks([j + 0.5 for j in range(len(columns))], list(columns))
        ax.xaxis.tick_top()
        ax.set_yticks([i + 0.5 for i in range(len(rows))], labels)
        ax.tick_params(length=0)
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        fig.tight_layout()
        return _svg(fig, "heatmap", alt)


def _colour_at(value: float, ranked: Sequence[BandInfo], colours: dict[str, str]) -> str:
    """The colour of the band holding ``value`` (``ranked`` ascending; top band closed)."""
    for band in ranked:
        if band.lower <= value < band.upper or (band is ranked[-1] and value == band.upper):
            return colours[band.code]
    return MISSING_COLOUR
