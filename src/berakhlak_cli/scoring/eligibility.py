"""Minimum respondents for a unit (KemenPANRB eligibility; distinct from anonymity).

The official rule is not public ("berbeda-beda setiap instansi", domain.md 2.6). The default is
Slovin's formula n = ceil(N / (1 + N e^2)) with e = 0.05 (domain.md 4.3: N=100 -> 80,
N=500 -> 223, N=1000 -> 286, N=5000 -> 371); ``fixed`` and ``share`` are alternatives.
Several rules (``rule: [fixed, share]``) combine by ``combine``: ``max`` (every rule must be
met, e.g. max(30, 10% of N)) or ``min`` (any one is enough).
"""

from __future__ import annotations

import math

from berakhlak_cli.model.rubric import Eligibility, EligibilityCombine, EligibilityRule


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
