"""Indonesian text of the rubric problems (``rubric validate``, and a broken ``--rubric``).

Keys are the English problem messages of the rubric checks, with fields in braces; the problem
code (``bad-number``), the file:line:col and the key path stay as they are.
"""

from __future__ import annotations

RUBRIC_MESSAGES: dict[str, str] = {
    # ``rubric validate``'s summary on stderr ({file}/{example}/{problem}: English plurals)
    "{n} rubric {file} checked: all valid": "{n} berkas rubrik diperiksa: semua sah",
    "{n} rubric {file} checked: all valid; {k} {example} passed": (
        "{n} berkas rubrik diperiksa: semua sah; {k} contoh lolos"
    ),
    "{n} rubric {file} checked: {valid} valid, {bad} with {p} {problem}": (
        "{n} berkas rubrik diperiksa: {valid} sah, {bad} bermasalah ({p} masalah)"
    ),
    # Values-selection rubrics (kind: values_selection)
    "template id {id} is used twice": "id templat {id} dipakai dua kali",
    "template entry {id} names value {value}, which is not in 'values' ({known})": (
        "entri templat {id} menyebut nilai {value}, yang tidak ada di 'values' ({known})"
    ),
    "template entry {id} is both a behaviour of {value} and limiting; a limiting value belongs "
    "to no BerAKHLAK value": (
        "entri templat {id} sekaligus perilaku {value} dan nilai pembatas; nilai pembatas tidak "
        "termasuk nilai BerAKHLAK mana pun"
    ),
    "label {name} holds the separator {sep}; a one-cell list could not be split": (
        "label {name} memuat pemisah {sep}; daftar dalam satu sel tidak dapat dipecah"
    ),
    "label {name} of {id} reads the same as one of {other}": (
        "label {name} milik {id} terbaca sama dengan salah satu label {other}"
    ),
    "value {id} has no behaviour in the template; its % could not be computed": (
        "nilai {id} tidak punya perilaku di templat; persentasenya tidak dapat dihitung"
    ),
    "question {id} needs either 'column' (one cell with a list) or 'columns' (one column per "
    "pick), not both": (
        "pertanyaan {id} memerlukan 'column' (satu sel berisi daftar) atau 'columns' (satu "
        "kolom per pilihan), tidak keduanya"
    ),
    "{key} belongs to a Likert rubric; a values-selection rubric (kind: values_selection) has "
    "a template instead": (
        "{key} milik rubrik Likert; rubrik pilihan nilai (kind: values_selection) memakai "
        "templat sebagai gantinya"
    ),
    "'separator' must hold a character other than a space": (
        "'separator' harus memuat karakter selain spasi"
    ),
    # The file and its YAML
    "file is larger than {size} bytes": "berkas lebih besar dari {size} byte",
    "not UTF-8: byte {byte} at offset {offset}; save as UTF-8": (
        "bukan UTF-8: byte {byte} pada posisi {offset}; simpan sebagai UTF-8"
    ),
    "the document is null; a rubric is a mapping of settings": (
        "dokumen kosong (null); rubrik adalah pemetaan pengaturan"
    ),
    "nesting deeper than {n} levels": "susunan lebih dalam dari {n} tingkat",
    "tag {tag} is not allowed": "tag {tag} tidak diizinkan",
    "mapping keys must be plain scalars": "kunci pemetaan harus berupa nilai sederhana",
    "duplicate key {key} (YAML would silently keep the last one)": (
        "kunci {key} berulang (YAML diam-diam hanya menyimpan yang terakhir)"
    ),
    "YAML aliases ({alias}) are not allowed in rubrics; write it out": (
        "alias YAML ({alias}) tidak diizinkan dalam rubrik; tulis isinya lengkap"
    ),
    "YAML aliases ({alias}) are not allowed in rubrics; write it out (and {n} more aliases)": (
        "alias YAML ({alias}) tidak diizinkan dalam rubrik; tulis isinya lengkap (dan {n} alias "
        "lain)"
    ),
    "while parsing {what}, did not find expected {token}": (
        "sintaks YAML: {token} yang diharapkan tidak ditemukan (saat membaca {what})"
    ),
    "{value} was read as a boolean; quote it: {quoted}": (
        "{value} terbaca sebagai nilai benar/salah; beri tanda kutip: {quoted}"
    ),
    "{value} was read as a number; quote it: {quoted}": (
        "{value} terbaca sebagai angka; beri tanda kutip: {quoted}"
    ),
    "key {key} was read as a boolean; quote it: {quoted}": (
        "kunci {key} terbaca sebagai nilai benar/salah; beri tanda kutip: {quoted}"
    ),
    # Shape and types
    "format {fmt} is not supported (this tool reads {supported})": (
        "format {fmt} tidak didukung (alat ini membaca {supported})"
    ),
    "the rubric must be a mapping, got {kind}": "rubrik harus berupa pemetaan, ternyata {kind}",
    "{what} must be a mapping, got {kind}": "{what} harus berupa pemetaan, ternyata {kind}",
    "required key {key} is missing": "kunci wajib {key} tidak ada",
    "unknown key {key}": "kunci {key} tidak dikenal",
    "{key} must be text, got {kind}": "{key} harus berupa teks, ternyata {kind}",
    "{key} must be a number, got {value}": "{key} harus berupa angka, ternyata {value}",
    "{key} must be finite, got {value}": "{key} harus berhingga, ternyata {value}",
    "{key} must be greater than 0, got {value}": "{key} harus lebih dari 0, ternyata {value}",
    "{key} must be a whole number": "{key} harus bilangan bulat",
    "{key} must be at least {minimum}": "{key} paling sedikit {minimum}",
    "{key} must be true or false": "{key} harus true atau false",
    "{key} must be one of {allowed}; got {value}": (
        "{key} harus salah satu dari {allowed}; ternyata {value}"
    ),
    "{key} must be a list of text": "{key} harus berupa daftar teks",
    "{key} must be a list": "{key} harus berupa daftar",
    "{key} must not be empty": "{key} tidak boleh kosong",
    "at least one scale is required under 'scales'": (
        "paling sedikit satu skala wajib ada di 'scales'"
    ),
    "an answer must be text or a number, got {kind}": (
        "jawaban harus berupa teks atau angka, ternyata {kind}"
    ),
    "share must be between 0 and 1": "proporsi harus di antara 0 dan 1",
    # Meaning
    "{what} '{key}' is already used at {path}": "{what} '{key}' sudah dipakai di {path}",
    "{what} {name} is not defined in this rubric": (
        "{what} {name} tidak didefinisikan dalam rubrik ini"
    ),
    "item {item} uses scale {scale}, which is not defined (scales: {known})": (
        "butir {item} memakai skala {scale}, yang tidak didefinisikan (skala: {known})"
    ),
    "evidence {item} uses answer scale {scale}, which is not defined (answer_scales: {known})": (
        "bukti dukung {item} memakai skala jawaban {scale}, yang tidak didefinisikan "
        "(answer_scales: {known})"
    ),
    "scale {scale}: min ({low}) must be below max ({high})": (
        "skala {scale}: min ({low}) harus di bawah max ({high})"
    ),
    "answer scale {scale}: min must be below max": "skala jawaban {scale}: min harus di bawah max",
    "point {point} is outside the scale {low}-{high}": "titik {point} di luar skala {low}-{high}",
    "point {point} is not a whole number": "titik {point} bukan bilangan bulat",
    "label {label} means {point}, but an answer {label} reads as the number {number}; labels win, "
    "so answers would be miscoded": (
        "label {label} berarti {point}, tetapi jawaban {label} terbaca sebagai angka {number}; "
        "label yang berlaku, sehingga jawaban akan salah dikodekan"
    ),
    "label {label} already means {point} on scale {scale}": (
        "label {label} sudah berarti {point} pada skala {scale}"
    ),
    "band {band}: min must be below max": "kategori {band}: min harus di bawah max",
    "band {band} {edge} {bound} is outside the score range 0-100": (
        "kategori {band} {edge} {bound} di luar rentang nilai 0-100"
    ),
    "no band covers scores from {low} to {high}": (
        "tidak ada kategori yang mencakup nilai {low} sampai {high}"
    ),
    "scores in [{low}, {high}) fall between bands {a} and {b}; bands are half-open [min, max), "
    "so write {fix}": (
        "nilai dalam [{low}, {high}) jatuh di antara kategori {a} dan {b}; kategori bersifat "
        "setengah terbuka [min, max), jadi tulis {fix}"
    ),
    "bands {a} and {b} overlap on [{low}, {high})": (
        "kategori {a} dan {b} bertumpang tindih pada [{low}, {high})"
    ),
    "answer {label} scores {score}; scores must be within 0-100": (
        "jawaban {label} bernilai {score}; nilai harus dalam 0-100"
    ),
    "survey ({survey}) and evaluation ({evaluation}) weights must be non-negative and sum to 1 "
    "(they sum to {total})": (
        "bobot survei ({survey}) dan evaluasi ({evaluation}) tidak boleh negatif dan harus "
        "berjumlah 1 (jumlahnya {total})"
    ),
    "write shares such as 0.8 and 0.2, not percentages": (
        "tulis proporsi seperti 0.8 dan 0.2, bukan persentase"
    ),
    "cannot extend the aliases of {item}; add them by hand": (
        "alias {item} tidak dapat ditambah otomatis; tambahkan secara manual"
    ),
    # Embedded examples
    "example name {name} is already used at {path}": "nama contoh {name} sudah dipakai di {path}",
    "{expect} needs the rubric's 'evaluation' section, which is missing": (
        "{expect} memerlukan bagian 'evaluation' pada rubrik, yang tidak ada"
    ),
    "answer {answer} is not a label or number of scale {scale}; counted as not answered": (
        "jawaban {answer} bukan label atau angka skala {scale}; dihitung tidak menjawab"
    ),
    "{what} has no score, expected {expected}": "{what} tidak punya nilai, seharusnya {expected}",
    "no {what}, so no band; expected {expected}": (
        "tidak ada {what}, jadi tidak ada kategori; seharusnya {expected}"
    ),
    "{what} is {value}, expected {expected} (tolerance {tolerance})": (
        "{what} bernilai {value}, seharusnya {expected} (toleransi {tolerance})"
    ),
    "band is {band} ({what} {value}), expected {expected}": (
        "kategori {band} ({what} {value}), seharusnya {expected}"
    ),
    "{scored} respondents were scored, expected {expected}": (
        "{scored} responden dinilai, seharusnya {expected}"
    ),
    "'tolerance' must not be negative": "'tolerance' tidak boleh negatif",
    # Null values and bounds on numbers (rubric_bounds)
    "required key {key} is null; write a value": "kunci wajib {key} bernilai null; isi nilainya",
    "key {key} is null; write a value or leave the key out for its default": (
        "kunci {key} bernilai null; isi nilainya atau hapus kunci itu agar memakai nilai bawaan"
    ),
    "a 'not_applicable' answer has no score (the item leaves the denominator); remove 'score'": (
        "jawaban 'not_applicable' tidak punya skor (butirnya keluar dari penyebut); hapus 'score'"
    ),
    "'decimals' is {decimals}; at most {most} are supported": (
        "'decimals' bernilai {decimals}; paling banyak {most} yang didukung"
    ),
    "weight {weight} is outside {low} to {high}; weights are relative, so scale them all (for "
    "example to 1, 2, 3)": (
        "bobot {weight} di luar rentang {low} sampai {high}; bobot bersifat relatif, jadi "
        "skalakan semuanya (misalnya menjadi 1, 2, 3)"
    ),
    "{value} is outside ±{limit}, the range of answer scales supported": (
        "{value} di luar ±{limit}, rentang skala jawaban yang didukung"
    ),
    "the rubric has {items} survey items; at most {most} are supported": (
        "rubrik memiliki {items} butir survei; paling banyak {most} yang didukung"
    ),
    "'confidence' is {confidence}; write a share between 0 and 1 (0.95 for 95%)": (
        "'confidence' bernilai {confidence}; tulis proporsi antara 0 dan 1 (0.95 untuk 95%)"
    ),
    "label {label} (= {value}) is also the missing token {token}; an answer {label} would be "
    "read as not answered": (
        "label {label} (= {value}) juga merupakan penanda kosong {token}; jawaban {label} akan "
        "dibaca sebagai tidak menjawab"
    ),
    "{shown} cannot be read ({reason})": "{shown} tidak dapat dibaca ({reason})",
    "level {name} is listed twice": "tingkat {name} tercantum dua kali",
}
