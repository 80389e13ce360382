"""Indonesian text of the errors, warnings and notes about input and output files.

Keys are the English templates the loaders and writers use (fields in braces); values say the
same in Bahasa Indonesia with the same fields. A message that is several sentences is looked
up sentence by sentence (``render.catalogue``), so each sentence is one entry here.
"""

from __future__ import annotations

_YEAR = "expected a year from 2000 to 2100"

INPUT_MESSAGES: dict[str, str] = {
    # Opening a file
    "file not found": "berkas tidak ditemukan",
    "the file is empty": "berkas kosong",
    "is a directory": "ini folder, bukan berkas",
    "Is a directory": "ini folder, bukan berkas",
    "is a directory, not a survey file": "ini folder, bukan berkas survei",
    "is a directory, not a results file": "ini folder, bukan berkas hasil",
    "is a directory, not an evidence checklist": "ini folder, bukan daftar periksa bukti dukung",
    "Permission denied": "akses ditolak",
    "not UTF-8 text (byte {byte})": "bukan teks UTF-8 (byte {byte})",
    "file is larger than {size} bytes": "berkas lebih besar dari {size} byte",
    "larger than {size} MiB; is this a units file?": (
        "lebih besar dari {size} MiB; benarkah ini berkas unit?"
    ),
    "contains NUL bytes, not CSV text": "berisi byte NUL, bukan teks CSV",
    "contains NUL bytes, not CSV text (it looks like an Excel workbook; name it .xlsx)": (
        "berisi byte NUL, bukan teks CSV (tampaknya buku kerja Excel; beri nama .xlsx)"
    ),
    "cannot decode as {encoding}: {reason}": "tidak dapat dibaca sebagai {encoding}: {reason}",
    "unknown encoding: {encoding}": "pengodean tidak dikenal: {encoding}",
    "bytes that are neither UTF-8 nor Windows-1252 text; save the file as 'CSV UTF-8' or pass "
    "--encoding": (
        "byte yang bukan teks UTF-8 maupun Windows-1252; simpan berkas sebagai 'CSV UTF-8' atau "
        "berikan --encoding"
    ),
    "bytes that are not valid {encoding}; {hint}": "byte yang bukan {encoding} yang sah; {hint}",
    "line {n} is not valid UTF-8; reading the file as Windows-1252 (cp1252). Save it as 'CSV "
    "UTF-8' or pass --encoding to be explicit.": (
        "baris berkas {n} bukan UTF-8 yang sah; berkas dibaca sebagai Windows-1252 (cp1252). "
        "Simpan sebagai 'CSV UTF-8' atau berikan --encoding agar jelas."
    ),
    # CSV structure
    "the header does not end within the first 1 MiB": (
        "baris judul tidak berakhir dalam 1 MiB pertama"
    ),
    "cannot read the header ({reason})": "baris judul tidak dapat dibaca ({reason})",
    "found one column only; is this a survey export?": (
        "hanya ada satu kolom; benarkah ini ekspor survei?"
    ),
    "expected {expected} fields, found {found}": "seharusnya {expected} sel, ada {found}",
    "expected {expected} fields, found {found}; check for a missing or extra {delimiter} or an "
    "unbalanced quote": (
        "seharusnya {expected} sel, ada {found}; periksa {delimiter} yang hilang atau berlebih, "
        "atau tanda kutip yang tidak berpasangan"
    ),
    "expected {expected} fields, found {found}; check for a missing or extra delimiter or an "
    "unbalanced quote": (
        "seharusnya {expected} sel, ada {found}; periksa pemisah yang hilang atau berlebih, atau "
        "tanda kutip yang tidak berpasangan"
    ),
    "unexpected end of data; a quote opened here is probably never closed": (
        "data berakhir tiba-tiba; tanda kutip yang dibuka di sini mungkin tidak pernah ditutup"
    ),
    "unexpected end of data; check for an unbalanced quote": (
        "data berakhir tiba-tiba; periksa tanda kutip yang tidak berpasangan"
    ),
    "a quote opened here runs over {lines} lines and swallows the records in between; an "
    'unbalanced quote (fix or remove the stray ")': (
        "tanda kutip yang dibuka di sini berlanjut sampai {lines} baris berkas dan menelan baris "
        'data di antaranya; tanda kutip tidak berpasangan (perbaiki atau hapus " yang tersesat)'
    ),
    "the line holds {size} MiB of text, more than the {limit} MiB a survey row may have": (
        "baris berkas ini berisi {size} MiB teks, melebihi batas {limit} MiB untuk satu baris "
        "survei"
    ),
    "the record holds {size} MiB of text, more than the {limit} MiB a survey row may have": (
        "baris data ini berisi {size} MiB teks, melebihi batas {limit} MiB untuk satu baris survei"
    ),
    # Survey columns
    "no data rows below the header": "tidak ada baris data di bawah baris judul",
    "survey check reads Likert surveys; a values-selection rubric (kind: values_selection) is "
    "checked by scoring it: berakhlak score": (
        "survey check membaca survei Likert; rubrik pilihan nilai (kind: values_selection) "
        "diperiksa dengan menilainya: berakhlak score"
    ),
    "no column for {what} (looked for {names})": ("tidak ada kolom untuk {what} (dicari: {names})"),
    "{what} matches more than one column: {cols}": (
        "{what} cocok dengan lebih dari satu kolom: {cols}"
    ),
    "{what} matches more than one column loosely: {cols}": (
        "{what} cocok secara longgar dengan lebih dari satu kolom: {cols}"
    ),
    "column {header} (column {n}) matches items {items}": (
        "kolom {header} (kolom ke-{n}) cocok dengan beberapa butir: {items}"
    ),
    "{n} of {total} rubric items have no column ({items})": (
        "{n} dari {total} butir rubrik tidak punya kolom ({items})"
    ),
    "for {item} looked for {names}": "untuk {item} dicari {names}",
    "Is this the right rubric": "Benarkah ini rubrik yang tepat",
    "Did you mean: {guesses}": "Mungkin maksudnya: {guesses}",
    "Headers not matched: {headers}": "Judul kolom yang tidak cocok: {headers}",
    "The first row looks like data, not a header row ({n} of {total} cells are dates, numbers, "
    "personal data or repeated answers), so its cells are not listed": (
        "Baris pertama tampak seperti data, bukan baris judul kolom ({n} dari {total} sel berupa "
        "tanggal, angka, data pribadi atau jawaban berulang), sehingga isinya tidak ditampilkan"
    ),
    "add the header row, or check that the file starts with it": (
        "tambahkan baris judul kolom, atau periksa bahwa berkas diawali baris itu"
    ),
    "Read sheet {sheet} (other sheets: {others})": (
        "Lembar {sheet} yang dibaca (lembar lain: {others})"
    ),
    "Read sheet {sheet} (other sheets: {others}; none holds the items)": (
        "Lembar {sheet} yang dibaca (lembar lain: {others}; tidak ada yang memuat butir survei)"
    ),
    "To map them: {command}": "Untuk memetakannya: {command}",
    "refusing to group by {name}: the rubric lists it as personal data (columns.identifying / "
    "respondent_id), which never appears in any output": (
        "tidak dapat mengelompokkan menurut {name}: rubrik mencatatnya sebagai data pribadi "
        "(columns.identifying / respondent_id), yang tidak pernah muncul di keluaran mana pun"
    ),
    "column {name} holds {kind}, not text or numbers": (
        "kolom {name} berisi {kind}, bukan teks atau angka"
    ),
    "matched {n} of {total} items loosely ({how}); 'berakhlak rubric init --from-survey FILE -o "
    "FILE' writes these headers into a rubric's aliases": (
        "{n} dari {total} butir dicocokkan secara longgar ({how}); 'berakhlak rubric init "
        "--from-survey FILE -o FILE' menuliskan judul kolom ini ke alias sebuah rubrik"
    ),
    "matched {n} of {total} items loosely ({how}), {exact} exactly; 'berakhlak rubric init "
    "--from-survey FILE -o FILE' writes these headers into a rubric's aliases": (
        "{n} dari {total} butir dicocokkan secara longgar ({how}), {exact} persis; 'berakhlak "
        "rubric init --from-survey FILE -o FILE' menuliskan judul kolom ini ke alias sebuah rubrik"
    ),
    # Workbooks and Parquet
    "is not an Excel workbook (no zip/OLE signature); if it is CSV text, rename it to .csv": (
        "bukan buku kerja Excel (tanpa tanda zip/OLE); bila isinya teks CSV, ganti namanya "
        "menjadi .csv"
    ),
    "cannot open the workbook ({reason}); is it password-protected or damaged?": (
        "buku kerja tidak dapat dibuka ({reason}); apakah dilindungi kata sandi atau rusak?"
    ),
    "the workbook has {n} sheets ({names}); read {sheet}. Use --sheet to choose another.": (
        "buku kerja memiliki {n} lembar ({names}); yang dibaca {sheet}. Pakai --sheet untuk "
        "memilih yang lain."
    ),
    "read sheet {sheet}: the first sheet {first} holds no survey items (sheets: {names})": (
        "membaca lembar {sheet}: lembar pertama {first} tidak memuat butir survei (lembar: {names})"
    ),
    "sheets {names} all hold the survey items; choose one with --sheet": (
        "lembar {names} semuanya memuat butir survei; pilih satu dengan --sheet"
    ),
    "no sheet {sheet} (sheets: {names})": "tidak ada lembar {sheet} (lembar: {names})",
    "sheet {sheet} is empty": "lembar {sheet} kosong",
    "column {column} holds {n} numbers of more than {digits} digits; a workbook keeps only "
    "{kept}, so their last digits are lost and, as respondent ids, they are not checked for "
    "repeats. Store the column as text.": (
        "kolom {column} berisi {n} angka lebih dari {digits} digit; buku kerja hanya menyimpan "
        "{kept} digit, jadi digit terakhirnya hilang dan, sebagai ID responden, tidak diperiksa "
        "keberulangannya. Simpan kolom itu sebagai teks."
    ),
    "not a readable Parquet file ({reason})": "bukan berkas Parquet yang dapat dibaca ({reason})",
    # Units
    "need a unit column ({unit}) and a headcount column (one of: {names}); found {found}": (
        "perlu kolom unit ({unit}) dan kolom jumlah pegawai (salah satu dari: {names}); yang ada: "
        "{found}"
    ),
    "headcount {value} is not a whole number": "jumlah pegawai {value} bukan bilangan bulat",
    "unit {name} is listed twice": "unit {name} tercantum dua kali",
    "empty unit name": "nama unit kosong",
    "need columns 'from' and 'to' (optional 'year'); found {found}": (
        "perlu kolom 'from' dan 'to' (opsional 'year'); yang ada: {found}"
    ),
    "unit {name} is already mapped on row {row}": "unit {name} sudah dipetakan di baris {row}",
    # Evidence
    "unsupported file type {suffix}; use .csv or .xlsx": (
        "jenis berkas {suffix} tidak didukung; pakai .csv atau .xlsx"
    ),
    "evidence folder not found": "folder bukti dukung tidak ditemukan",
    "is not a folder": "bukan folder",
    "the {role} matches more than one column: {cols}": (
        "{role} cocok dengan lebih dari satu kolom: {cols}"
    ),
    "no column for {wanted}; the header has {found}": (
        "tidak ada kolom untuk {wanted}; baris judul berisi {found}"
    ),
    # Results and published figures
    "unknown results file type {suffix}; expected .json (from 'berakhlak score -f json'), or "
    ".yaml/.csv with published figures": (
        "jenis berkas hasil {suffix} tidak dikenal; seharusnya .json (dari 'berakhlak score -f "
        "json'), atau .yaml/.csv berisi angka yang dipublikasikan"
    ),
    "not valid JSON ({reason})": "bukan JSON yang sah ({reason})",
    "expected 'unit' or 'institution', got {got}": (
        "seharusnya 'unit' atau 'institution', ternyata {got}"
    ),
    "expected one of {allowed}, got {got}": "seharusnya salah satu dari {allowed}, ternyata {got}",
    "unknown issue code {code}": "kode masalah {code} tidak dikenal",
    "expected {expected}, got {got} (is this the JSON of 'berakhlak score -f json'?)": (
        "seharusnya {expected}, ternyata {got} (benarkah ini JSON dari 'berakhlak score -f json'?)"
    ),
    "version {version} is not supported (this berakhlak-cli reads version {supported}); upgrade "
    "berakhlak-cli": (
        "versi {version} tidak didukung (berakhlak-cli ini membaca versi {supported}); perbarui "
        "berakhlak-cli"
    ),
    "{value} is not a year": "{value} bukan tahun",
    "cannot tell which year these results are for: no year in the file name and no usable "
    "'generated_at'; pass --year FILE=YEAR": (
        "tahun hasil ini tidak dapat ditentukan: tidak ada tahun pada nama berkas dan tidak ada "
        "'generated_at' yang dapat dipakai; berikan --year FILE=TAHUN"
    ),
    "column {name} appears twice": "kolom {name} muncul dua kali",
    "column {name} is neither a known column nor a value id/code{hint}": (
        "kolom {name} bukan kolom yang dikenal maupun id/kode nilai{hint}"
    ),
    "required column {name} is missing": "kolom wajib {name} tidak ada",
    "no row gives the year": "tidak ada baris yang memberi tahun",
    "missing; name the survey instrument the figures come from (it decides whether years are "
    "comparable)": (
        "tidak ada; sebutkan instrumen survei asal angka-angka ini (menentukan apakah tahun-tahun "
        "dapat dibandingkan)"
    ),
    f"{{value}} is not a year ({_YEAR})": "{value} bukan tahun (seharusnya tahun 2000 sampai 2100)",
    f"expected FILE=YEAR, e.g. hasil.json=2024 ({_YEAR})": (
        "seharusnya FILE=TAHUN, misalnya hasil.json=2024 (tahun 2000 sampai 2100)"
    ),
    "{name} is not one of the results files given": (
        "{name} bukan salah satu berkas hasil yang diberikan"
    ),
    "give the results files of at least two years": (
        "berikan berkas hasil dari paling sedikit dua tahun"
    ),
    _YEAR: "seharusnya tahun 2000 sampai 2100",
    f"{{key}} {{value}}: {_YEAR}": "{key} {value}: seharusnya tahun 2000 sampai 2100",
    # Options and outputs
    "not an ISO 8601 date or date-time (e.g. 2024-06-30 or 2024-06-30T09:00:00+07:00)": (
        "bukan tanggal atau tanggal-waktu ISO 8601 (misalnya 2024-06-30 atau "
        "2024-06-30T09:00:00+07:00)"
    ),
    "not a whole number of seconds since 1970-01-01 UTC": (
        "bukan bilangan bulat detik sejak 1970-01-01 UTC"
    ),
    "refusing to overwrite an input file": "tidak akan menimpa berkas masukan",
    "refusing to write inside the input folder {folder}": (
        "tidak akan menulis di dalam folder masukan {folder}"
    ),
    "folder {folder} does not exist": "folder {folder} tidak ada",
    "two outputs are sent to standard output ('-')": (
        "dua keluaran dikirim ke keluaran standar ('-')"
    ),
    "the same file is named for two outputs": "berkas yang sama disebut untuk dua keluaran",
    "cannot write ({reason})": "tidak dapat menulis ({reason})",
    # Workbook limits, units checks and empty surveys (merged with issue 13's catalogue)
    "workbook too large: the used range is {rows} rows x {columns} columns ({cells} cells; "
    "limit {limit})": (
        "buku kerja terlalu besar: rentang terpakai {rows} baris x {columns} kolom ({cells} sel; "
        "batas {limit})"
    ),
    "workbook too large: shared string {n} holds {size} characters (limit {limit}, as in Excel)": (
        "buku kerja terlalu besar: teks bersama ke-{n} berisi {size} karakter (batas {limit}, "
        "seperti di Excel)"
    ),
    "workbook too large: its cells hold {size} characters of shared text (limit {limit})": (
        "buku kerja terlalu besar: sel-selnya memuat {size} karakter teks bersama (batas {limit})"
    ),
    "workbook too large: it holds more than {limit} shared strings": (
        "buku kerja terlalu besar: berisi lebih dari {limit} teks bersama"
    ),
    "workbook too large: a repeat count is not a plain number ({value})": (
        "buku kerja terlalu besar: jumlah pengulangan bukan bilangan biasa ({value})"
    ),
    "save it as CSV instead": "simpan sebagai CSV",
    "no data rows below the header ({empty} empty rows)": (
        "tidak ada baris data di bawah baris judul ({empty} baris kosong)"
    ),
    "no respondent id column (looked for {looked}), so repeated submissions are not screened; "
    "{shown} looks like one: add it to columns.respondent_id.aliases in the rubric": (
        "tidak ada kolom id responden (dicari: {looked}), jadi isian ganda tidak disaring; "
        "{shown} tampaknya kolom itu: tambahkan ke columns.respondent_id.aliases di rubrik"
    ),
    "unit {name} looks like personal data ({personal}), not a unit name": (
        "unit {name} tampak seperti data pribadi ({personal}), bukan nama unit"
    ),
    "headcount {value} has more than {digits} digits; is this a headcount?": (
        "jumlah pegawai {value} lebih dari {digits} digit; benarkah ini jumlah pegawai?"
    ),
    "a cell holds more than {size} KiB of text; is this a units file?": (
        "sebuah sel berisi lebih dari {size} KiB teks; benarkah ini berkas unit?"
    ),
    "a cell holds more than {size} KiB of text; is this a units map?": (
        "sebuah sel berisi lebih dari {size} KiB teks; benarkah ini peta unit?"
    ),
    "a cell holds more than {size} KiB of text; is this a results file?": (
        "sebuah sel berisi lebih dari {size} KiB teks; benarkah ini berkas hasil?"
    ),
    "a cell holds more than {size} KiB of text; is this an evidence checklist?": (
        "sebuah sel berisi lebih dari {size} KiB teks; benarkah ini daftar periksa bukti dukung?"
    ),
    # Units file with a level column (loaders.units_levels)
    "need the columns {need}; found {found}": "perlu kolom {need}; yang ada: {found}",
    "level {value} is not one of {levels}": "level {value} bukan salah satu dari {levels}",
    "empty name": "nama kosong",
    "{name} looks like personal data ({kind}), not a group name": (
        "{name} tampak seperti data pribadi ({kind}), bukan nama kelompok"
    ),
    "{name} is listed twice": "{name} tercantum dua kali",
}
