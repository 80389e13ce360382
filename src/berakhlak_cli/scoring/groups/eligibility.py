"""Minimum respondents for a unit (KemenPANRB eligibility; distinct from anonymity).

The official rule is not public ("berbeda-beda setiap instansi", sources.md §2.6). The default is
Slovin's formula n = ceil(N / (1 + N e^2)) with e = 0.05 (sources.md §4.3: N=100 -> 80,
N=500 -> 223, N=1000 -> 286, N=5000 -> 371); ``fixed`` and ``share`` are alternatives.
Several rules (``rule: [fixed, share]``) combine by ``combine``: ``max`` (every rule must be
met, e.g. max(30, 10% of N)) or ``min`` (any one is enough).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from berakhlak_cli.model.normalize import normalize
from berakhlak_cli.model.results import Issue, IssueCode
from berakhlak_cli.model.rubric import Eligibility, EligibilityCombine, EligibilityRule

Eligible = tuple[int | None, int | None, bool | None]
"""(headcount, minimum respondents, eligible) of a unit; None where unknown."""


def minimum_respondents(headcount: int, rule: Eligibility) -> int:
    """The number of respondents a unit of ``headcount`` staff needs to be eligible."""
    needs = [_one(kind, headcount, rule) for kind in rule.rules]
    return max(needs) if rule.combine == EligibilityCombine.MAX else min(needs)


def _one(kind: EligibilityRule, headcount: int, rule: Eligibility) -> int:
    if kind == EligibilityRule.NONE or headcount <= 0:
        return 0
    if kind == EligibilityRule.SLOVIN:
        raw = headcount / (1 + headcount * rule.margin_of_error**2)
    elif kind == EligibilityRule.SHARE:
        raw = headcount * rule.share
    else:
        raw = float(rule.minimum)
    # NOTE: 1e-9 absorbs float noise so an exact 80.0 is not lifted to 81.
    return min(headcount, math.ceil(raw - 1e-9))


def unit_eligibility(
    keys: Sequence[tuple[str, ...]],
    counts: Sequence[int],
    unit: int | None,
    headcounts: Mapping[str, int],
    rule: Eligibility,
) -> tuple[dict[str, Eligible], list[Issue]]:
    """Normalized unit -> (headcount, minimum, eligible), and one issue per unit at fault.

    ``keys`` are fine cells with the unit at position ``unit`` and ``counts`` their
    respondents (``headcounts`` keyed by normalized name). Judged on the unit's respondents
    whatever ``--by`` is, so every run leaves the same units out of the institution row. A
    headcount below the respondents (or 0) cannot be right (46 respondents of 10 staff would
    be a 460 % response rate): the unit is treated as having no headcount, with an issue.
    """
    if unit is None or not headcounts:
        return {}, []
    names: dict[str, str] = {}
    respondents: dict[str, int] = {}
    for key, n in zip(keys, counts, strict=True):
        norm = normalize(key[unit])
        names.setdefault(norm, key[unit])
        respondents[norm] = respondents.get(norm, 0) + n
    out: dict[str, Eligible] = {}
    issues: list[Issue] = []
    for norm in sorted(names):
        name, n = names[norm], respondents[norm]
        headcount = headcounts.get(norm)
        if headcount is None:
            why = f"unit {name!r} is not in the units file"
            issues.append(Issue(IssueCode.NO_HEADCOUNT, why, group=name))
            continue
        if headcount < n:
            why = (
                f"{n} respondents but the units file gives a headcount of {headcount}; "
                "no response rate or minimum for this unit"
            )
            issues.append(Issue(IssueCode.HEADCOUNT_BELOW_RESPONDENTS, why, group=name))
            continue
        need = minimum_respondents(headcount, rule)
        if n < need:
            left = "; left out of the institution row" if rule.exclude_from_parent else ""
            why = f"{n} respondents, below the minimum {need} for {headcount} staff{left}"
            issues.append(Issue(IssueCode.BELOW_MINIMUM, why, group=name))
        out[norm] = (headcount, need, n >= need)
    return out, issues
