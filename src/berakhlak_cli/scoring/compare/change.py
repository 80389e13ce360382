"""Real change between two years' figures: Welch interval and the "meaningful change" flag.

For two consecutive years whose figures both carry respondent-level statistics (a scored
results JSON: the figure's standard error and t degrees of freedom), the change of the raw
scores ``d = new.raw − old.raw`` gets the interval of ``scoring.uncertainty.compare_years``:
``d ± t_{(1+level)/2, df} · sqrt(SE_old² + SE_new²)`` with Welch–Satterthwaite df (Welch 1947;
the years are independent samples). It is *meaningful* when the interval excludes 0 **and**
``|d| >= min_meaningful``. ``min_meaningful`` and ``level`` are the newer year's rubric
``change`` settings (defaults 2.0 points and 0.95 when the file does not record them).

A published figure has no respondent-level data, so the change is reported without an interval
("no interval available"); none is invented. Neither is one given for a scored figure whose
results carry no interval (pooled scoring, a merged unit, a file from before intervals).
"""

from __future__ import annotations

from dataclasses import replace

from berakhlak_cli.model.change import ChangeInterval, NoInterval
from berakhlak_cli.model.comparison import ResultKind, YearResult
from berakhlak_cli.model.results import Score
from berakhlak_cli.model.rubric import Change, RoundingMode
from berakhlak_cli.scoring.bands import round_half_up
from berakhlak_cli.scoring.uncertainty import compare_years

_DETAIL = {
    NoInterval.PUBLISHED_FIGURE: (
        "no interval available: the {year} figure is a published figure without "
        "respondent-level data"
    ),
    NoInterval.TOO_FEW_RESPONDENTS: (
        "no interval available: the {year} figure rests on fewer than 2 respondents"
    ),
    NoInterval.NOT_IN_RESULTS: (
        "no interval available: the {year} results carry no interval for this figure (pooled "
        "scoring, a merged unit, or a results file written before intervals)"
    ),
}


def change_settings(year: YearResult) -> Change:
    """The year's rubric ``change`` settings, or the defaults (2.0 points, 95 %)."""
    return year.change if year.change is not None else Change()


def _no_interval(figure: Score, year: YearResult) -> NoInterval | None:
    """Why the figure cannot be one side of a change interval (None: it can)."""
    known = figure.interval
    if known is not None and known.se is not None and known.df is not None:
        return None
    if year.kind == ResultKind.PUBLISHED:
        return NoInterval.PUBLISHED_FIGURE
    if figure.respondents is not None and figure.respondents < 2:
        return NoInterval.TOO_FEW_RESPONDENTS
    return NoInterval.NOT_IN_RESULTS


def change_between(
    old: Score, new: Score, old_year: YearResult, new_year: YearResult, decimals: int
) -> ChangeInterval:
    """The change from ``old`` (in ``old_year``) to ``new`` with its interval (module docstring).

    The interval's ends are also given rounded to ``decimals``, like the change (half-up, or
    half-even when the newer year's ``rounding.mode`` says so).
    """
    settings = change_settings(new_year)
    level, minimum = settings.confidence, settings.min_meaningful
    estimate = new.raw - old.raw
    for side, year in ((old, old_year), (new, new_year)):
        reason = _no_interval(side, year)
        if reason is not None:
            detail = _DETAIL[reason].format(year=year.year)
            return ChangeInterval(estimate, level, minimum, reason=reason, detail=detail)
    result = compare_years(old, new, min_change=minimum, level=level)
    if result.lower is None or result.upper is None:
        return result
    even = new_year.rounding_mode == "half_even"
    mode = RoundingMode.HALF_EVEN if even else RoundingMode.HALF_UP
    ends = (
        round_half_up(result.lower, decimals, mode),
        round_half_up(result.upper, decimals, mode),
    )
    return replace(result, rounded=ends)
