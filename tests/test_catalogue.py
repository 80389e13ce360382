"""render.catalogue: English loader messages in Bahasa Indonesia, fields carried over as given."""

from __future__ import annotations

from berakhlak_cli.render.language.catalogue import has_entry, lookup, translate


def test_location_prefix_and_fields_are_carried_over() -> None:
    english = (
        "data/survei: 2024.csv: row 4 (line 5): column 'unit: kerja': a quote opened here runs "
        "over 3 lines and swallows the records in between; an unbalanced quote (fix or remove "
        'the stray ")'
    )
    assert translate(english, "id") == (
        "data/survei: 2024.csv: baris 4 (baris berkas 5): kolom 'unit: kerja': tanda kutip yang "
        "dibuka di sini berlanjut sampai 3 baris berkas dan menelan baris data di antaranya; "
        'tanda kutip tidak berpasangan (perbaiki atau hapus " yang tersesat)'
    )
    assert translate(english, "en") == english


def test_line_and_row_places() -> None:
    assert translate("u.csv: line 2: contains NUL bytes, not CSV text", "id") == (
        "u.csv: baris berkas 2: berisi byte NUL, bukan teks CSV"
    )
    assert translate("u.csv: row 3: unit 'Biro ***' is listed twice", "id") == (
        "u.csv: baris 3: unit 'Biro ***' tercantum dua kali"
    )


def test_rubric_problem_line_keeps_code_and_path() -> None:
    assert translate(
        "r.yaml:31:5: unknown-key unknown key 'wieght' (did you mean 'weight'?) "
        "(at values[1].wieght) (+2 more problems)",
        "id",
    ) == (
        "r.yaml:31:5: unknown-key kunci 'wieght' tidak dikenal (mungkin maksudnya 'weight'?) "
        "(di values[1].wieght) (+2 masalah lain)"
    )


def test_a_message_without_entry_stays_english_and_is_reported() -> None:
    message = "s.csv: row 2: a message nobody has translated yet"
    assert translate(message, "id") == message
    assert not has_entry(message)
    assert lookup("file not found") == "berkas tidak ditemukan"


def test_sentences_are_looked_up_one_by_one() -> None:
    english = (
        "s.csv: 1 of 21 rubric items have no column (kl3); for 'kl3' looked for 'kl3', 'KL.3'. "
        "Is this the right rubric? Headers not matched: 'Timestamp'. To map them: berakhlak "
        "rubric init --from-survey 's.csv' -o rubrik.yaml"
    )
    assert translate(english, "id") == (
        "s.csv: 1 dari 21 butir rubrik tidak punya kolom (kl3); untuk 'kl3' dicari 'kl3', "
        "'KL.3'. Benarkah ini rubrik yang tepat? Judul kolom yang tidak cocok: 'Timestamp'. "
        "Untuk memetakannya: berakhlak rubric init --from-survey 's.csv' -o rubrik.yaml"
    )
