"""Words of the report's behaviour, priority and unit-page sections (id / en)."""

from __future__ import annotations

from berakhlak_cli.model.rubric import Lang

WORDS: dict[str, tuple[str, str]] = {
    "sec_behaviours": ("Skor per panduan perilaku ({year})", "Scores per behaviour ({year})"),
    "sec_distribution": ("Sebaran jawaban ({year})", "Answer distribution ({year})"),
    "sec_priorities": (
        "Prioritas perbaikan per unit kerja ({year})",
        "Priorities per unit ({year})",
    ),
    "sec_units": ("Rapor unit kerja ({year})", "Unit report cards ({year})"),
    "sec_trends": ("Tren indeks dan nilai", "Index and value trends"),
    "behaviour": ("Panduan perilaku", "Behaviour"),
    "value": ("Nilai", "Value"),
    "score": ("Skor", "Score"),
    "favourable": ("Favorabel", "Favourable"),
    "gap": ("Selisih", "Gap"),
    "significant": ("Bermakna", "Significant"),
    "unit_col": ("Unit", "Unit"),
    "institution_col": ("Instansi", "Institution"),
    "evidence_gaps": ("Bukti dukung belum dipenuhi", "Evidence not yet met"),
    "no_priorities": (
        "Tidak ada perilaku di bawah instansi.",
        "No behaviour below the institution.",
    ),
    "no_evidence_gaps": ("Tidak ada kekurangan bukti dukung.", "No evidence gaps."),
    "category_word": ("Kategori", "Category"),
    "respondents_word": ("Responden", "Respondents"),
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
    "distribution_caption": (
        "Batang ke kiri: jawaban {low}; ke kanan: {high}; angka di kanan: persentase "
        "favorabel ({top} poin teratas). Angka dalam batang: persen jawaban.",
        "Bars to the left: answers {low}; to the right: {high}; figure at the right: the "
        "favourable share (top {top} points). Figures in the bars: percent of answers.",
    ),
    "priorities_note": (
        "Perilaku dengan selisih terbesar di bawah skor instansi (paling banyak {n} per unit). "
        "Bermakna: selisih lebih besar daripada kebetulan (IK {level}%, koreksi Holm atas "
        "{m} perilaku unit itu). Selisih tanpa tanda bermakna bisa saja kebetulan.",
        "Behaviours furthest below the institution's score (at most {n} per unit). "
        "Significant: the gap is larger than chance ({level}% CI, Holm's correction across the "
        "unit's {m} behaviours). A gap without the flag may be chance.",
    ),
    "priorities_no_test": (
        "Tanpa IK: skor instansi adalah rata-rata unit, bukan gabungan responden.",
        "No CI: the institution's score is a mean of units, not pooled respondents.",
    ),
    "withheld_units": (
        "Tanpa rapor (nilai disembunyikan untuk melindungi anonimitas): {names}.",
        "No report card (scores withheld to protect anonymity): {names}.",
    ),
    "unit_headline": ("{kind} {year}", "{kind} {year}"),
    "survey_index": ("Indeks survei", "Survey index"),
    "combined_index": (
        "Indeks gabungan (survei + bukti dukung)",
        "Combined index (survey + evidence)",
    ),
    "respondents_of": ("{n} responden", "{n} respondents"),
    "below_minimum_mark": (
        "* di bawah minimum responden (tidak dihitung dalam skor instansi)",
        "* below the minimum respondents (left out of the institution's score)",
    ),
    "trend_caption": (
        "Angka yang dipublikasikan per tahun; garis putus-putus tipis: batas kategori; garis "
        "abu-abu putus-putus: tahun yang tidak sebanding (bukan tren).",
        "Published figures per year; thin dashed lines: band boundaries; grey dashed line: "
        "years that are not comparable (not a trend).",
    ),
    "headline_not_comparable": (
        "Tidak sebanding: {old} ({old_year}) dan {new} ({new_year}) diukur dengan cara berbeda; "
        "selisih {delta} bukan ukuran perubahan budaya kerja.",
        "Not comparable: {old} ({old_year}) and {new} ({new_year}) were measured differently; "
        "the difference {delta} does not measure a change in work culture.",
    ),
    "combined_note": (
        "indeks gabungan = survei × bobot + bukti dukung × bobot; nilai-nilai dari survei saja",
        "combined index = survey × weight + evidence × weight; the values are survey-only",
    ),
    "page": ("Halaman", "Page"),
    "of": ("dari", "of"),
}


def say(key: str, lang: Lang | str = Lang.ID, **fields: object) -> str:
    """The phrase ``key`` in ``lang`` with ``fields`` filled in."""
    ind, eng = WORDS[key]
    text = eng if lang == Lang.EN else ind
    return text.format(**fields) if fields else text


def words(lang: Lang | str) -> dict[str, str]:
    """Every phrase in ``lang`` (for the templates)."""
    return {f"r_{key}": say(key, lang) for key in WORDS}
