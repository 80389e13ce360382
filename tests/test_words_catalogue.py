"""The one words catalogue: the Indonesian and English tables hold the same word ids."""

from __future__ import annotations

import string

import pytest

from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.language.words import has_word, word, words
from berakhlak_cli.render.language.words_en import EN
from berakhlak_cli.render.language.words_id import ID


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_id_and_en_tables_have_exactly_the_same_keys() -> None:
    assert list(ID) == list(EN)


@pytest.mark.parametrize("table", [ID, EN], ids=["id", "en"])
def test_no_entry_is_empty(table: dict[str, str]) -> None:
    assert [key for key, text in table.items() if not text.strip()] == []


def test_both_languages_take_the_same_fields() -> None:
    assert {k: _fields(ID[k]) for k in ID if _fields(ID[k]) != _fields(EN[k])} == {}


def test_word_fills_fields_in_the_asked_language() -> None:
    assert word("issues_summary", Lang.ID, count="3") == "Masalah data: 3"
    assert word("issues_summary", "en", count="3") == "Data issues: 3"
    assert word("evidence") == "Bukti dukung"
    assert words(Lang.EN)["respondents"] == "Respondents"


def test_an_unknown_word_fails_loudly() -> None:
    assert not has_word("aspect_no-such-aspect")
    with pytest.raises(KeyError):
        word("no-such-word")
