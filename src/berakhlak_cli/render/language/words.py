"""One catalogue of the words of the tables, ``compare`` and the report (id / en).

The Indonesian table (``words_id.ID``, the default) and the English one (``words_en.EN``,
``--lang en``) are keyed by the same word ids; a word with ``{fields}`` is a template filled in
by :func:`word`.
"""

from __future__ import annotations

from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.language.words_en import EN
from berakhlak_cli.render.language.words_id import ID


def _table(lang: Lang | str) -> dict[str, str]:
    return EN if lang == Lang.EN else ID


def word(key: str, lang: Lang | str = Lang.ID, **fields: object) -> str:
    """The word ``key`` in ``lang`` with ``fields`` filled in (an unknown key fails loudly)."""
    text = _table(lang)[key]
    return text.format(**fields) if fields else text


def has_word(key: str) -> bool:
    """Whether the catalogue holds the word id ``key``."""
    return key in ID


def words(lang: Lang | str) -> dict[str, str]:
    """Every word in ``lang`` (the templates look them up by id; a typo fails the render)."""
    return dict(_table(lang))
