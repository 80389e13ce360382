"""What text from an input file may look like in any output: the one cell-safety mechanism.

Unit names, answers, notes and messages quoting them come from files nobody has looked at.
Every renderer passes such text through this module:

* ``visible``: control characters (C0, DEL, C1) and bidirectional controls (U+061C,
  U+200E/U+200F, U+202A-U+202E, U+2066-U+2069) become U+FFFD, tabs and line breaks a space,
  so a cell cannot clear the terminal, ring its bell or reverse the text after it on screen
  ("Trojan Source", CVE-2021-42574), and the reader still sees that something was there.
  Used by the terminal tables and messages, Markdown, HTML and charts.
* ``safe_cell``: ``visible`` keeping line breaks and tabs (a CSV or xlsx cell may hold them),
  then a cell that a spreadsheet would run as a formula (starting with ``= + - @``, a tab, a
  line break, or their full-width forms) is prefixed with an apostrophe (OWASP "CSV
  Injection"). Used by every CSV; the xlsx writer uses ``spreadsheet_text`` and Excel's own
  quote prefix instead of an apostrophe.
* ``markdown_cell``: ``visible``, then ``|`` and ``<`` escaped so a cell stays one table cell
  and a unit called ``<script>`` stays text.

JSON keeps every value exactly as read: it is data, not display.
"""

from __future__ import annotations

# NOTE: the full-width forms (＝ ＋ － ＠) are turned into formulas by some Excel locales too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_LINE_BREAKS = (0x09, 0x0A, 0x0D)
_CONTROLS = [c for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)) if c not in _LINE_BREAKS]
_KEEP_LINES: dict[int, str] = {
    **dict.fromkeys(_CONTROLS, "\ufffd"),
    **dict.fromkeys(map(ord, BIDI_CONTROLS), "\ufffd"),
    0x2028: " ",
    0x2029: " ",
}
_ONE_LINE = {**_KEEP_LINES, **dict.fromkeys(_LINE_BREAKS, " ")}


def visible(text: str) -> str:
    """``text`` as one display line: tabs and line breaks as spaces, other control and every
    bidirectional control character as U+FFFD (seen, not acted on)."""
    return text.translate(_ONE_LINE)


def spreadsheet_text(text: str) -> str:
    """``visible`` but keeping tabs and line breaks, which a CSV or xlsx cell may hold."""
    return text.translate(_KEEP_LINES)


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would run ``text`` as a formula if it were typed in."""
    return text.startswith(FORMULA_START)


def safe_cell(text: str) -> str:
    """A CSV cell: ``spreadsheet_text``, apostrophe-prefixed when it would run as a formula."""
    text = spreadsheet_text(text)
    return "'" + text if is_formula_like(text) else text


def markdown_cell(text: str) -> str:
    """A Markdown table cell: ``visible``, with ``|`` and ``<`` escaped."""
    return visible(text).replace("|", "\\|").replace("<", "&lt;")
