"""Indonesian text of the data issues whose codes have no sentence of their own in
``render.issue_lines`` (evidence, eligibility, reliability), for the stderr listing.

The JSON and the ``--issues`` CSV keep the English message (part of the output contract).
"""

from __future__ import annotations

ISSUE_MESSAGES: dict[str, str] = {
    # Eligibility and headcounts
    "{n} respondents, below the minimum {need} for {staff} staff": (
        "{n} responden, di bawah minimum {need} untuk {staff} pegawai"
    ),
    "{n} respondents, below the minimum {need} for {staff} staff; left out of the institution "
    "row": (
        "{n} responden, di bawah minimum {need} untuk {staff} pegawai; tidak dihitung di baris "
        "instansi"
    ),
    "unit {name} is not in the units file": "unit {name} tidak ada di berkas unit",
    "{n} respondents but the units file gives a headcount of {staff}; no response rate or "
    "minimum for this unit": (
        "{n} responden, tetapi berkas unit mencatat {staff} pegawai; tingkat respons dan minimum "
        "responden unit ini tidak dihitung"
    ),
    # Values selection
    "{value} is not a label of the template; pick ignored": (
        "{value} bukan label di templat; pilihan ini diabaikan"
    ),
    "more than {n} picks for {questions}; row excluded": (
        "lebih dari {n} pilihan untuk {questions}; baris dikecualikan"
    ),
    "more than {n} picks for {questions}; every pick counted": (
        "lebih dari {n} pilihan untuk {questions}; semua pilihan dihitung"
    ),
    "no known behaviour picked for the current culture": (
        "tidak ada perilaku di templat yang dipilih untuk budaya saat ini"
    ),
    # Reliability
    "item {item} correlates negatively with the rest of its scale; likely reverse-keying "
    "mistake: check whether the rubric should mark it reverse-keyed (nothing was flipped)": (
        "butir {item} berkorelasi negatif dengan butir lain pada skalanya; mungkin salah arah "
        "(reverse-keyed): periksa apakah rubrik perlu menandainya terbalik (tidak ada yang "
        "dibalik)"
    ),
    # Evidence checklist
    "unit {name} is not in the survey or the units file; row ignored": (
        "unit {name} tidak ada di survei maupun berkas unit; baris diabaikan"
    ),
    "evidence id {item} is not in the rubric; row ignored": (
        "id bukti dukung {item} tidak ada di rubrik; baris diabaikan"
    ),
    "evidence {item} for this unit repeats row {row}; the first row is kept": (
        "bukti dukung {item} untuk unit ini mengulang baris {row}; baris pertama yang dipakai"
    ),
    "answer {answer} is not valid for {item} (valid: {valid}); counted as not provided": (
        "jawaban {answer} tidak sah untuk {item} (yang sah: {valid}); dihitung tidak tersedia"
    ),
    "no row for evidence {item}; counted as not provided (score 0)": (
        "tidak ada baris untuk bukti dukung {item}; dihitung tidak tersedia (skor 0)"
    ),
    "blank answer for evidence {item}; counted as not provided (score 0)": (
        "jawaban kosong untuk bukti dukung {item}; dihitung tidak tersedia (skor 0)"
    ),
    "no evidence answered for this unit: its evidence score counts as 0 "
    "(evaluation.no_evidence: {policy})": (
        "tidak ada bukti dukung yang dijawab untuk unit ini: skor bukti dukungnya dihitung 0 "
        "(evaluation.no_evidence: {policy})"
    ),
    "no evidence answered for this unit: its combined index is the survey index alone "
    "(evaluation.no_evidence: {policy})": (
        "tidak ada bukti dukung yang dijawab untuk unit ini: indeks gabungannya hanya indeks "
        "survei (evaluation.no_evidence: {policy})"
    ),
    "no evidence answered for this unit: no combined index is published for it "
    "(evaluation.no_evidence: {policy})": (
        "tidak ada bukti dukung yang dijawab untuk unit ini: indeks gabungannya tidak "
        "dipublikasikan (evaluation.no_evidence: {policy})"
    ),
    "document {ref} is an absolute path; refer to files relative to the evidence folder": (
        "dokumen {ref} berupa path absolut; rujuk berkas secara relatif terhadap folder bukti "
        "dukung"
    ),
    "document {ref} is not a usable file name": (
        "dokumen {ref} bukan nama berkas yang dapat dipakai"
    ),
    "document {ref} points outside the evidence folder; it was not checked": (
        "dokumen {ref} menunjuk ke luar folder bukti dukung; tidak diperiksa"
    ),
    "document {ref} does not exist in the evidence folder": (
        "dokumen {ref} tidak ada di folder bukti dukung"
    ),
    "document {ref} is a folder, not a file in the evidence folder": (
        "dokumen {ref} adalah folder, bukan berkas, di folder bukti dukung"
    ),
    "document {ref} is a file: link (a place on one computer); refer to files relative to the "
    "evidence folder": (
        "dokumen {ref} adalah tautan file: (lokasi di satu komputer); rujuk berkas secara relatif "
        "terhadap folder bukti dukung"
    ),
    "document {ref} cannot be checked (the path is too long for this system)": (
        "dokumen {ref} tidak dapat diperiksa (jalurnya terlalu panjang untuk sistem ini)"
    ),
    "document {ref} cannot be checked (a loop of symbolic links)": (
        "dokumen {ref} tidak dapat diperiksa (tautan simbolik yang berputar)"
    ),
    "document {ref} cannot be checked (permission denied on a folder in its path)": (
        "dokumen {ref} tidak dapat diperiksa (akses ditolak pada salah satu folder di jalurnya)"
    ),
    "document {ref} cannot be checked ({reason})": (
        "dokumen {ref} tidak dapat diperiksa ({reason})"
    ),
    # Levels (scoring.levels)
    "{level} {name} is not in the units file": "{level} {name} tidak ada di berkas unit",
    "{n} respondents but the units file gives a headcount of {staff}; no response rate or "
    "minimum for this {level}": (
        "{n} responden, tetapi berkas unit mencatat {staff} pegawai; tingkat respons dan minimum "
        "responden {level} ini tidak dihitung"
    ),
    "{n} respondents, below the minimum {need} for {staff} staff; left out of the level above": (
        "{n} responden, di bawah minimum {need} untuk {staff} pegawai; tidak dihitung di tingkat "
        "atasnya"
    ),
    "headcount_weighted needs the headcount of every included group (units file); the group "
    "above them is not scored": (
        "headcount_weighted memerlukan jumlah pegawai setiap kelompok yang dihitung (berkas "
        "unit); kelompok di atasnya tidak dinilai"
    ),
}
