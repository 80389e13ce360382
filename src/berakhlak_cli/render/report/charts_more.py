"""The report's behaviour and trend charts (matplotlib SVG, same rules as ``charts``).

- ``likert_chart``: diverging stacked bars (Robbins & Heiberger 2011, "Plotting Likert and
  other rating scales"): per behaviour, the shares of the low points extend left of zero, the
  high points right, and a middle point (odd scales) straddles zero; the favourable share is
  printed at the right. Colours are a brown-purple diverging scheme (ColorBrewer PuOr) whose
  lightness rises towards the middle, so the sides stay apart in greyscale.
- ``trend_chart``: one small panel per measure (the index and each value), a line over the
  years with each point labelled; gaps stay gaps.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from berakhlak_cli.model.comparison import BandInfo
from berakhlak_cli.render.language.number import fmt_number
from berakhlak_cli.render.report.charts import _RC, _svg

LIKERT_COLOURS = {
    2: ("#e66101", "#5e3c99"),
    3: ("#e66101", "#e6e6e6", "#5e3c99"),
    4: ("#e66101", "#fdb863", "#b2abd2", "#5e3c99"),
    5: ("#e66101", "#fdb863", "#e6e6e6", "#b2abd2", "#5e3c99"),
}


def _palette(n: int) -> tuple[str, ...]:
    if n in LIKERT_COLOURS:
        return LIKERT_COLOURS[n]
    grey = tuple(f"#{v:02x}{v:02x}{v:02x}" for v in range(60, 220, max(1, 160 // max(n, 1))))
    return (grey * n)[:n]


def likert_chart(
    labels: Sequence[str],
    shares: Sequence[Sequence[float | None]],
    right: Sequence[str],
    point_names: Sequence[str],
    lang: str,
    alt: str,
    name: str,
    right_title: str = "",
) -> str:
    """Diverging stacked bars, one row per label (top to bottom), shares 0-1 per point;
    ``right`` is printed at the right of each bar (under ``right_title``)."""
    width = max((len(s) for s in shares), default=0)
    colours = _palette(width)
    rows = [textwrap.shorten(x, width=48, placeholder="…") for x in labels]
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7.2, 0.9 + 0.2 * max(len(rows), 1)))
        ax = fig.add_subplot()
        ys = [len(rows) - 1 - i for i in range(len(rows))]
        table = [[0.0 if v is None else v * 100 for v in row] for row in shares]
        table = [row + [0.0] * (width - len(row)) for row in table]
        starts = []
        for values in table:
            half = len(values) // 2
            middle = values[half] if len(values) % 2 else 0.0
            starts.append(-sum(values[:half]) - middle / 2)
        # NOTE: one barh call per scale point (not per cell) keeps 21 rows x 9 charts cheap.
        for k in range(width):
            column = [row[k] for row in table]
            ax.barh(ys, column, left=starts, height=0.7, color=colours[k], lw=0)
            for y, left, value in zip(ys, starts, column, strict=True):
                if value >= 7:
                    dark = k in (0, width - 1)
                    # NOTE: a middle point straddles zero; its figure goes left of the axis line.
                    centre = value / 4 if width % 2 and k == width // 2 else value / 2
                    ax.text(
                        left + centre,
                        y,
                        fmt_number(value, 0, lang),
                        ha="center",
                        va="center",
                        fontsize=5.5,
                        color="white" if dark else "black",
                    )
            starts = [left + value for left, value in zip(starts, column, strict=True)]
        for y, text in zip(ys, right, strict=True):
            ax.text(102, y, text, va="center", fontsize=6.5, family="DejaVu Sans Mono")
        if right_title:
            ax.text(102, len(rows) - 0.3, right_title, va="bottom", fontsize=6, color="#555555")
        ax.axvline(0, color="#333333", lw=0.8)
        ax.set_yticks(range(len(rows)), list(reversed(rows)), fontsize=6.5)
        ticks = [-100, -50, 0, 50, 100]
        ax.set_xticks(ticks, [fmt_number(abs(t), 0, lang) + "%" for t in ticks], fontsize=6.5)
        widest = max((len(t) for t in (*right, right_title)), default=4)
        ax.set_xlim(-100, 104 + 3.2 * widest)
        ax.tick_params(axis="y", length=0)
        handles = [Patch(color=c, label=p) for c, p in zip(colours, point_names, strict=False)]
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.45, -0.3 / max(len(rows), 1) - 0.03),
            ncol=len(handles),
            frameon=False,
            fontsize=6.5,
        )
        # NOTE: fixed margins instead of tight_layout, which draws the whole figure once more.
        height = 0.9 + 0.2 * max(len(rows), 1)
        fig.subplots_adjust(left=0.37, right=0.99, top=1 - 0.12 / height, bottom=0.62 / height)
        return _svg(fig, name, alt)


def trend_chart(
    panels: Sequence[tuple[str, Sequence[float | None]]],
    years: Sequence[int],
    bands: Sequence[BandInfo],
    lang: str,
    alt: str,
    decimals: int = 1,
    comparable: Sequence[bool] = (),
) -> str:
    """Small multiples: per measure, its published figure per year as a labelled line; a step
    between years that are not comparable (``comparable[i]`` for years i, i+1) is drawn as a
    grey dashed line, not as a trend."""
    columns = 4
    lines = (len(panels) + columns - 1) // columns
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7.2, 1.7 * max(lines, 1)))
        xs = list(range(len(years)))
        for n, (title, values) in enumerate(panels):
            ax = fig.add_subplot(lines, columns, n + 1)
            for band in bands:
                if 0 < band.lower < 100:
                    ax.axhline(band.lower, color="#bbbbbb", lw=0.6, ls="--")
            pts = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
            segment: list[tuple[int, float]] = []
            for x, v in zip(xs, values, strict=True):
                if v is None:
                    segment = []
                    continue
                segment.append((x, v))
                if len(segment) > 1:
                    (x0, v0), (x1, v1) = segment[-2:]
                    same = all(comparable[x0:x1]) if comparable else True
                    if same:
                        ax.plot([x0, x1], [v0, v1], color="#08519c", lw=1.4)
                    else:
                        ax.plot([x0, x1], [v0, v1], color="#999999", lw=1.0, ls="--")
            for x, v in pts:
                ax.plot([x], [v], marker="o", ms=3.5, color="#08519c")
                ax.text(x, v + 4, fmt_number(v, decimals, lang), ha="center", fontsize=6.5)
            ax.set_title(textwrap.fill(title, 26), fontsize=7.5)
            ax.set_ylim(0, 105)
            ax.set_xlim(-0.5, len(years) - 0.5)
            ax.set_xticks(xs, [str(y) for y in years], fontsize=6.5)
            ax.set_yticks([0, 50, 100], ["0", "50", "100"], fontsize=6)
        fig.tight_layout()
        return _svg(fig, "trend", alt)
