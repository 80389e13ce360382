"""User-facing words of the reports, in Bahasa Indonesia (default) and English."""

from __future__ import annotations

from berakhlak_cli.model.rubric import Lang

WORDS: dict[str, tuple[str, str]] = {
    "group": ("Kelompok", "Group"),
    "respondents": ("Resp.", "Resp."),
    "respondents_long": ("Responden", "Respondents"),
    "index": ("Indeks", "Index"),
    "category": ("Kategori", "Category"),
    "institution": ("Seluruh instansi", "Whole institution"),
    "withheld": ("disembunyikan", "withheld"),
    "anonymity": (
        "kurang dari {n} responden: nilai disembunyikan untuk melindungi anonimitas",
        "fewer than {n} respondents: scores withheld to protect anonymity",
    ),
    "complementary": (
        "disembunyikan agar nilai kelompok kecil tidak dapat dihitung dari total",
        "withheld so a small group's scores cannot be derived from the total",
    ),
    "no-eligible-unit": (
        "tidak dihitung: semua unit di bawah minimum responden dan dikecualikan dari baris ini",
        "not computed: every unit is below its minimum respondents and left out of this row",
    ),
    "rows_summary": (
        "Baris dibaca {read}, dinilai {scored}, dikecualikan {excluded}",
        "Rows read {read}, scored {scored}, excluded {excluded}",
    ),
    "issues_summary": ("Masalah data: {count}", "Data issues: {count}"),
    "not_eligible": (
        "tidak memenuhi syarat minimum responden ({n} dari minimal {need})",
        "does not meet the minimum number of respondents ({n} of at least {need})",
    ),
    "respondents_rate": ("Resp. (% pegawai)", "Resp. (% of staff)"),
    "rubric": ("Rubrik", "Rubric"),
    "interval": ("IK {level}%", "{level}% CI"),
    "may_be": (
        "IK {ci} melintasi batas kategori: bisa juga {bands}",
        "the interval {ci} crosses a band boundary: may be {bands}",
    ),
    "survey": ("Survei", "Survey"),
    "evidence": ("Bukti dukung", "Evidence"),
    "combined": ("Gabungan", "Combined"),
    "survey_index": ("Indeks survei", "Survey index"),
    "combined_index": ("Indeks gabungan", "Combined index"),
    "ignored_columns": ("Kolom diabaikan", "Ignored columns"),
    "title_score": ("Hasil Survei Budaya Kerja BerAKHLAK", "BerAKHLAK work-culture survey results"),
}


def word(key: str, lang: Lang | str = Lang.ID, **fields: object) -> str:
    """The phrase ``key`` in ``lang`` with ``fields`` filled in."""
    ind, eng = WORDS[key]
    text = eng if lang == Lang.EN else ind
    return text.format(**fields) if fields else text
