"""Personal data typed into any cell: detect it and mask it before a cell is quoted or published.

One detector for every layer (loaders quote cells in errors, scoring builds issues and group
labels, render writes them), so the rule is the same wherever a cell can reach an output:

- **e-mail addresses**: ``name@host.domain`` (also with the full-width ``＠``) -> ``[e-mail]``;
- **digit runs**: digits joined by spaces, dots, hyphens, dashes, underscores, zero-width
  characters or brackets (``19850510 200501 1 002``, ``0812-3456-7890``, ``+62 812.3456.7890``,
  full-width ``１９８５…``) count as one run. A run with 10 or more digits, or 8 or more
  without a break, is masked: an Indonesian phone number (``08…``, ``+62…``, ``62 8…``, or a
  landline ``0xxx…``) -> ``[phone number]``, anything else -> ``[N digits]`` (a NIP has 18, a
  NIK 16). No Likert answer, unit name or year range (``2020-2024``: 8 digits with a break)
  needs that many digits.

A person's name without digits cannot be told from a unit name or a free-text answer, so
names are not detected; answer cells are quoted only when they look like a mistyped answer
(``quote_answer``), and identifying columns are never read (docs/privacy.md).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

QUOTE_LIMIT = 40
"""Longest quote of a cell in a message; longer text is cut (with ``…``) after masking."""

_EMAIL = re.compile(r"[\w.%+\-]+[@\uff20][\w\-]+(?:[.\uff0e][\w\-]+)+")
_SEP = r"[\s.\-_\u2010-\u2015\u2212\u200b-\u200d\u2060\ufeff]"
_RUN = re.compile(rf"\+?\(?\d+\)?(?:{_SEP}{{1,3}}\(?\d+\)?)*")
_DIGIT = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]{4,}")
_ASCII_DIGITS = b"0123456789"
_MIN_DIGITS = 10
_MIN_UNBROKEN = 8

EMAIL = "e-mail"
PHONE = "phone number"
NIP = "NIP"
NIK = "NIK"
NUMBER = "long number"


def _digits(run: str) -> str:
    return "".join(str(int(c)) for c in run if c.isdecimal())


def _digit_kind(run: str) -> str | None:
    """What a digit run looks like (``NIP``, ``phone number``...), or None if it is harmless."""
    digits = _digits(run)
    longest = max((len(m) for m in _DIGIT.findall(run)), default=0)
    if len(digits) < _MIN_DIGITS and longest < _MIN_UNBROKEN:
        return None
    n = len(digits)
    if run.startswith("+") or (digits.startswith("0") and 9 <= n <= 13):
        return PHONE
    if digits.startswith("628") and 11 <= n <= 15:
        return PHONE
    return {18: NIP, 16: NIK}.get(n, NUMBER)


@lru_cache(maxsize=8192)
def personal_kinds(text: str) -> tuple[str, ...]:
    """The kinds of personal data found in ``text``: e-mails first, then digit runs in order."""
    found = [EMAIL] * len(_EMAIL.findall(text))
    for run in _RUN.finditer(_EMAIL.sub(" ", text)):
        kind = _digit_kind(run.group())
        if kind:
            found.append(kind)
    return tuple(found)


def looks_personal(text: str) -> str | None:
    """The first kind of personal data in ``text`` (e.g. ``"NIP"``), or None."""
    kinds = personal_kinds(text)
    return kinds[0] if kinds else None


def _mask_run(match: re.Match[str]) -> str:
    run = match.group()
    kind = _digit_kind(run)
    if kind is None:
        return run
    return "[phone number]" if kind == PHONE else f"[{len(_digits(run))} digits]"


def may_hold_personal(text: str) -> bool:
    """A cheap necessary condition for ``mask_personal`` to change ``text``: an ``@``, any
    non-ASCII character (full-width digits), or eight ASCII digits. False for nearly every
    message, and a few C calls, so issues are built fast even when there are millions."""
    if "@" in text or not text.isascii():
        return True
    raw = text.encode("ascii")
    return len(raw) - len(raw.translate(None, _ASCII_DIGITS)) >= _MIN_UNBROKEN


def mask_personal(text: str) -> str:
    """``text`` with every e-mail address and long digit run replaced by a placeholder.

    Idempotent: placeholders hold no e-mail and no long digit run.
    """
    if not text or not may_hold_personal(text):
        return text
    return _RUN.sub(_mask_run, _EMAIL.sub("[e-mail]", text))


def quote_cell(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A cell as messages quote it: masked, then cut to ``limit`` characters."""
    masked = mask_personal(text)
    return masked if len(masked) <= limit else masked[: limit - 1] + "…"


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


@lru_cache(maxsize=8192)
def quote_answer(raw: str, labels: tuple[str, ...]) -> str:
    """An invalid answer as issues quote it, or ``[text, N characters]`` when it is free text.

    An answer is quoted (masked and cut) when it could be a mistyped answer: no word of four
    or more letters (``3,5``, ``-1``, ``NaN``, ``=1+1``, ``@SUM(A1:A2)``), or close to one of
    ``labels`` (a typo such as
    ``Setju``, or a label inside markup). Other text, e.g. a name typed into the wrong column,
    is described by its length only: a name cannot be told from other words.
    """
    quoted = quote_cell(raw)
    if not _WORD.search(raw):
        return quoted
    folded = unicodedata.normalize("NFKC", raw).casefold()
    compact = _letters(folded)
    for label in labels:
        target = _letters(unicodedata.normalize("NFKC", label).casefold())
        if len(target) >= 4 and target in compact and len(compact) <= 2 * len(target):
            return quoted
        if target and difflib.SequenceMatcher(None, compact, target).ratio() >= 0.75:
            return quoted
    return f"[text, {len(raw)} characters]"
