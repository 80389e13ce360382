"""Indonesian text for the messages loaders and writers raise in English (gettext-style).

Loaders, writers and the rubric checks word their errors, warnings and notes in English (the
stable text library users and the JSON ``--issues`` output see). The CLI shows them in Bahasa
Indonesia through this catalogue: each entry's key is the English template with named fields
(``{source}``, ``{column}``, ...), compiled to a pattern; the Indonesian template gets the same
fields, carried over untouched (file names, numbers, quoted cells, already masked upstream).

A message is read as ``location: body``. The location is the file name followed by any of
``row N (line M)``, ``row N``, ``line N`` and ``column 'x'`` (``errors.located``), or a rubric
problem's ``file:line:col: CODE message (at path)``; each part is translated on its own, and
the body is looked up in the catalogue. A body with no entry stays English (``lookup`` tells
tests which ones are missing).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from itertools import islice

from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.language.catalogue_input import INPUT_MESSAGES
from berakhlak_cli.render.language.catalogue_issues import ISSUE_MESSAGES
from berakhlak_cli.render.language.catalogue_rubric import RUBRIC_MESSAGES

_FIELD = re.compile(r"\{(\w+)\}")
_GUESS = re.compile(r"(?P<text>.+) \(did you mean (?P<guess>'[^']*')\?\)", re.DOTALL)
_BREAK = re.compile(r"[;.?] ")
MAX_SENTENCES = 12
MAX_LENGTH = 4000
_WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    # Fields that hold a phrase of the loader's own English (not the user's data).
    "cols": ((r"\(column (\d+)\)", r"(kolom \1)"),),
    "delimiter": ((r"^comma$", "koma"), (r"^semicolon$", "titik koma"), (r"^pipe$", "garis tegak")),
    "how": (
        (
            r"by the behaviour label or item text inside the header",
            "lewat label perilaku atau teks butir di dalam judul kolom",
        ),
        (r"by a Forms grid row \[label\]", "lewat baris kisi Forms [label]"),
    ),
    "personal": (
        (r"^phone number$", "nomor telepon"),
        (r"^e-mail$", "alamat surel"),
        (r"^long number$", "angka panjang"),
    ),
    "what": (
        (r"^value id\b", "id nilai"),
        (r"^value code\b", "kode nilai"),
        (r"^behaviour id\b", "id perilaku"),
        (r"^item id\b", "id butir"),
        (r"^band code\b", "kode kategori"),
        (r"^criterion id\b", "id kriteria"),
        (r"^evidence id\b", "id bukti dukung"),
        (r"^evidence item\b", "butir bukti dukung"),
        (r"^column name or alias\b", "nama kolom atau alias"),
        (r"^answer label on scale\b", "label jawaban pada skala"),
        (r"^item\b", "butir"),
        (r"^grouping column\b", "kolom pengelompokan"),
        (r"^question\b", "pertanyaan"),
        (r"^combined index\b", "indeks gabungan"),
        (r"^index\b", "indeks"),
        (r"^value\b", "nilai"),
        (r"^evidence score\b", "skor bukti dukung"),
        (r"^combined score\b", "skor gabungan"),
        (r"^band\b", "kategori"),
    ),
}
_PLACES = (
    (re.compile(r"row (\d+) \(line (\d+)\)"), "baris {0} (baris berkas {1})"),
    (re.compile(r"row (\d+)"), "baris {0}"),
    (re.compile(r"line (\d+) column (\d+)"), "baris berkas {0} kolom ke-{1}"),
    (re.compile(r"line (\d+)"), "baris berkas {0}"),
    (re.compile(r"column ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"), "kolom {0}"),
    (re.compile(r"key ('(?:[^'\\]|\\.)*')"), "kunci {0}"),
    (re.compile(r"example ('(?:[^'\\]|\\.)*')"), "contoh {0}"),
)
_RUBRIC = re.compile(
    r"(?P<code>[a-z]+(?:-[a-z]+)*) (?P<message>.+?)(?: \(at (?P<path>[^()]*)\))?"
    r"(?: \(\+(?P<more>\d+) more problems\))?"
)


@cache
def _compile(template: str) -> re.Pattern[str]:
    parts: list[str] = []
    seen: set[str] = set()
    position = 0
    for field in _FIELD.finditer(template):
        parts.append(re.escape(template[position : field.start()]))
        name = field.group(1)
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        position = field.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts), re.DOTALL)


@cache
def _entries() -> tuple[tuple[str, str, str, str], ...]:
    """(literal head, literal tail, English template, Indonesian template), in lookup order."""
    # NOTE: the most specific template wins: more literal text first, so "no data rows below
    # the header" is not taken by a looser "{what} below {where}".
    catalogue: Mapping[str, str] = {**INPUT_MESSAGES, **RUBRIC_MESSAGES, **ISSUE_MESSAGES}
    ordered = sorted(catalogue.items(), key=lambda kv: -len(_FIELD.sub("", kv[0])))
    return tuple((*_ends(english), english, indonesian) for english, indonesian in ordered)


def _ends(template: str) -> tuple[str, str]:
    """The literal text before the first field and after the last (the whole text if none)."""
    fields = list(_FIELD.finditer(template))
    if not fields:
        return template, ""
    return template[: fields[0].start()], template[fields[-1].end() :]


def lookup(body: str) -> str | None:
    """The Indonesian text of one message body (no location), or None when it has no entry."""
    for head, tail, english, indonesian in _entries():
        # NOTE: a pattern matches only a body with its literal head and tail; testing those
        # first means a run compiles the few patterns it needs, not all 226 (issue #16).
        if not (body.startswith(head) and body.endswith(tail)):
            continue
        match = _compile(english).fullmatch(body)
        if match:
            fields = match.groupdict()
            for name, words in _WORDS.items():
                if name in fields:
                    for english, indonesian_words in words:
                        # NOTE: first rule that applies wins ("value code" before "value").
                        changed = re.sub(english, indonesian_words, fields[name])
                        if changed != fields[name] and name == "what":
                            fields[name] = changed
                            break
                        fields[name] = changed
            return indonesian.format(**fields)
    return None


def _sentences(text: str) -> str | None:
    """A body of several sentences (``a; b. c? d``), each of which has an entry."""
    # NOTE: the longest message (an unmatched survey) has 6 sentences; the cap keeps a message
    # quoting a long cell full of ". " from costing seconds at the error boundary.
    for cut in islice(_BREAK.finditer(text), MAX_SENTENCES):
        head = lookup(text[: cut.start()])
        if head is None:
            continue
        tail = _plain(text[cut.end() :])
        if tail is not None:
            return head + cut.group() + tail
    return None


def _place(text: str) -> tuple[str, str] | None:
    """``row 4 (line 5): rest`` -> (``baris 4 (baris berkas 5)``, ``rest``), or None."""
    for pattern, indonesian in _PLACES:
        match = pattern.match(text)
        if match and text.startswith(": ", match.end()):
            return indonesian.format(*match.groups()), text[match.end() + 2 :]
    return None


def _rubric_body(body: str) -> str | None:
    match = _RUBRIC.fullmatch(body)
    if match is None:
        return None
    message = _plain(match["message"])
    if message is None:
        return None
    text = f"{match['code']} {message}"
    if match["path"] is not None:
        text += f" (di {match['path']})"
    if match["more"] is not None:
        text += f" (+{match['more']} masalah lain)"
    return text


def _plain(text: str) -> str | None:
    """A body with no location: one entry, sentences of entries, or either plus a guess."""
    guess = _GUESS.fullmatch(text)
    if guess is not None:
        found = _plain(guess["text"])
        return None if found is None else f"{found} (mungkin maksudnya {guess['guess']}?)"
    return _sentences(text) or lookup(text)


def _body(text: str) -> str | None:
    """``[place: ...]body`` with every part translated, or None when the body has no entry."""
    place = _place(text)
    if place is not None:
        inner = _body(place[1])
        if inner is not None:
            return f"{place[0]}: {inner}"
    return _plain(text) or _rubric_body(text)


def has_entry(message: str) -> bool:
    """True when ``message`` (with its location) has an Indonesian text in the catalogue."""
    return _translate(message) is not None


def _translate(message: str) -> str | None:
    if len(message) > MAX_LENGTH:
        # NOTE: matching is quadratic in the length; a message this long (a cell of many KiB
        # quoted) is shown in English rather than costing seconds at the error boundary.
        return None
    # NOTE: the first part is the file name (kept as it is); a name may hold ": " itself, and
    # some messages have no file name at all (then the whole message is the body).
    start, tries = 0, 0
    while (cut := message.find(": ", start)) > 0 and tries < MAX_SENTENCES:
        tries += 1
        rest = _body(message[cut + 2 :])
        if rest is not None:
            return f"{message[:cut]}: {rest}"
        start = cut + 2
    return _body(message)


def translate(message: str, lang: Lang | str | None) -> str:
    """``message`` in ``lang``: Indonesian from the catalogue, else the English as it is."""
    if lang in (Lang.EN, "en"):
        return message
    return _translate(message) or message
