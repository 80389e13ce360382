"""Personal data typed into any cell: detect it and mask it before a cell is quoted or published.

One detector for every layer (loaders quote cells in errors, scoring builds issues and group
labels, render writes them), so the rule is the same wherever a cell can reach an output:

Every cell is first read as NFKC with format characters (Unicode category Cf: zero-width
spaces, the soft hyphen, bidirectional controls) dropped, so full-width ``０８１２－３４５６``,
``＠``, ``﹫`` and ``budi\u200b@…`` read as their ASCII spellings. Then

- **e-mail addresses**: ``name@host.domain``, also with up to three spaces around the ``@``
  (``siti @ bkd.go.id``) -> ``[e-mail]``;
- **digit runs**: digit groups joined by up to four marks that are neither letters nor digits
  (a run of whitespace counts as one), with an optional leading ``+`` or ``(``:
  ``19850510 200501 1 002``, ``0812-3456-7890``, ``(0812)3456-7890``, ``0812/3456/7890``,
  ``0812,3456,7890``, ``0812    3456    7890``, ``+62 812.3456.7890`` count as one run. A
  run with 10 or more digits, or 8 or more without a break, is masked: an Indonesian phone
  number (``08…``, ``+62…``, ``62 8…``, or a landline ``0xxx…``) -> ``[phone number]``,
  anything else -> ``[N digits]`` (a NIP has 18, a NIK 16). No Likert answer, unit name, year
  range (``2020-2024``: 8 digits with a break) or date (``08-07-2024``) needs that many
  digits.

Masking reads the text the same way, so whatever is detected is masked; only the masked
parts of the text change.

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

_EMAIL = re.compile(r"[\w.%+\-]+[ \t]{0,3}@[ \t]{0,3}[\w\-]+(?:[.\u3002][\w\-]+)+")
# NOTE: a separator between digit groups is up to four marks that are neither letters nor
# digits (a run of whitespace counts once, as the label rule collapses it): ``0812/3456``,
# ``0812,3456``, ``0812 • 3456``, ``0812    3456``, ``(0812)3456`` are all one run; the
# katakana long-vowel mark ``ー`` (a letter to Unicode) looks like a dash and counts as one.
_SEP = r"(?:\s+|[^\w\s]|[_\u30fc])"
_RUN = re.compile(rf"\+?(\()?\d+(?:{_SEP}{{1,4}}\d+)*(?(1)\)?)")
_DIGIT = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]{4,}")
_ASCII_DIGITS = b"0123456789"
_MIN_DIGITS = 10
_MIN_UNBROKEN = 8


def _folded(text: str) -> tuple[str, list[int] | None]:
    """``text`` as the detector reads it, and for each of its characters the position of the
    character of ``text`` it comes from (None when they are the same string).

    Each character is NFKC-normalised (full-width ``０８１２－３４５６``, ``＠``, ``﹫``,
    ``．`` become ASCII) and format characters (Unicode category Cf: zero-width spaces and
    joiners, the soft hyphen, bidirectional controls, BOM) are dropped, so ``budi\u200b@…``
    is ``budi@…`` and ``0812\u00ad3456`` is ``08123456``.
    """
    if text.isascii():
        return text, None
    parts: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(text):
        if c.isascii():
            parts.append(c)
            origin.append(i)
            continue
        if unicodedata.category(c) == "Cf":
            continue
        n = unicodedata.normalize("NFKC", c)
        parts.append(n)
        origin.extend([i] * len(n))
    return "".join(parts), origin


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
    folded, _ = _folded(text)
    found = [EMAIL] * len(_EMAIL.findall(folded))
    for run in _RUN.finditer(_EMAIL.sub(" ", folded)):
        kind = _digit_kind(run.group())
        if kind:
            found.append(kind)
    return tuple(found)


def looks_personal(text: str) -> str | None:
    """The first kind of personal data in ``text`` (e.g. ``"NIP"``), or None."""
    kinds = personal_kinds(text)
    return kinds[0] if kinds else None


def _placeholder(run: str) -> str | None:
    kind = _digit_kind(run)
    if kind is None:
        return None
    return "[phone number]" if kind == PHONE else f"[{len(_digits(run))} digits]"


def _spans(folded: str) -> list[tuple[int, int, str]]:
    """Start, end and placeholder of each e-mail address and long digit run in ``folded``."""
    spans = [(m.start(), m.end(), "[e-mail]") for m in _EMAIL.finditer(folded)]
    rest = _EMAIL.sub(lambda m: " " * len(m.group()), folded)
    for m in _RUN.finditer(rest):
        shown = _placeholder(m.group())
        if shown is not None:
            spans.append((m.start(), m.end(), shown))
    return sorted(spans)


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

    The text is read as the detector reads it (``_folded``), so whatever ``personal_kinds``
    finds is masked, but only the masked parts change: the rest is kept as written.
    Idempotent: placeholders hold no e-mail and no long digit run.
    """
    if not text or not may_hold_personal(text):
        return text
    folded, origin = _folded(text)
    spans = _spans(folded)
    if not spans:
        return text
    out: list[str] = []
    done = 0
    for start, end, shown in spans:
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
        out.append(text[done:start])
        out.append(shown)
        done = end
    out.append(text[done:])
    return "".join(out)


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


def mask_header(text: str) -> str:
    """A header cell or sheet name as every message, listing, rubric file and output shows it:
    personal data masked (``mask_personal``), the rest as written.

    Headers are text a person typed too (``HP 0812-3456-7890``, ``NIP operator …``), and a file
    without a header row makes the first respondent's cells the "headers"; every place that
    quotes a header or sheet name goes through this function (``header_match.header_row_is_data``
    covers the names it cannot detect).
    """
    return mask_personal(text)
