"""Words of ``compare`` and ``report`` in Bahasa Indonesia (default) and English."""

from __future__ import annotations

from berakhlak_cli.model.rubric import Lang

WORDS: dict[str, tuple[str, str]] = {
    "title_compare": ("Perbandingan antartahun", "Year-over-year comparison"),
    "title_report": ("Laporan Budaya Kerja ASN BerAKHLAK", "BerAKHLAK work-culture report"),
    "measure": ("Ukuran", "Measure"),
    "index": ("Indeks", "Index"),
    "unit": ("Unit kerja", "Unit"),
    "change": ("Perubahan", "Change"),
    "category": ("Kategori", "Category"),
    "respondents": ("Responden", "Respondents"),
    "headcount": ("Jumlah pegawai", "Headcount"),
    "coverage_rate": ("Tingkat respons", "Response rate"),
    "minimum": ("Minimum", "Minimum"),
    "eligible": ("Memenuhi syarat", "Eligible"),
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
    "rank": ("Peringkat", "Rank"),
    "year": ("Tahun", "Year"),
    "file": ("Berkas", "File"),
    "not_comparable": (
        "Perhatian: tahun-tahun ini tidak sebanding",
        "Caution: these years are not comparable",
    ),
    "not_comparable_pair": ("{old} → {new} tidak sebanding", "{old} → {new} not comparable"),
    "not_comparable_why": (
        "Selisih di bawah mencampur perubahan budaya kerja dengan perubahan cara mengukurnya. "
        "Bandingkan yang sejenis, atau sampaikan selisih ini bersama catatan ini.",
        "The changes below mix a change in work culture with a change in how it was measured. "
        "Compare like with like, or report the change together with this caveat.",
    ),
    "comparable": (
        "Sebanding: instrumen, rubrik, skala, nilai, bobot dan kategori sama.",
        "Comparable: same instrument, rubric, scale, values, weights and bands.",
    ),
    "kind_scored": ("dihitung oleh berakhlak-cli", "scored by berakhlak-cli"),
    "kind_published": ("angka yang dipublikasikan", "published figures"),
    "year_override": ("tahun dari --year", "year from --year"),
    "year_file": ("tahun dari isi berkas", "year from the file"),
    "year_file-name": ("tahun dari nama berkas", "year from the file name"),
    "year_generated-at": (
        "tahun dari generated_at (tanggal penghitungan; pastikan dengan --year)",
        "year from generated_at (when it was scored; confirm with --year)",
    ),
    "rubric": ("rubrik", "rubric"),
    "per_unit": ("Per unit kerja", "By unit"),
    "per_unit_note": (
        "Unit yang ada di sedikitnya dua tahun.",
        "Units present in at least two years.",
    ),
    "single_year": (
        "Unit yang hanya ada pada satu tahun (tidak dibandingkan; periksa --units-map bila "
        "namanya berubah): {names}",
        "Units present in one year only (not compared; check --units-map if a name changed): "
        "{names}",
    ),
    "single_year_sheet": ("Satu tahun saja", "One year only"),
    "no_units": ("Tidak ada unit kerja yang ada di dua tahun.", "No unit appears in two years."),
    "merged": ("gabungan dari {names}", "merged from {names}"),
    "headline_index": ("indeks survei", "survey index"),
    "headline_combined": (
        "indeks gabungan survei + bukti dukung",
        "combined survey + evidence index",
    ),
    "headline_published": ("indeks yang dipublikasikan", "published index"),
    # differences
    "aspect_instrument": ("Instrumen berbeda", "Different instrument"),
    "aspect_rubric-version": ("Versi rubrik berbeda", "Different rubric version"),
    "aspect_scale": ("Skala jawaban berbeda", "Different answer scale"),
    "aspect_band": ("Batas kategori berbeda", "Different category bands"),
    "aspect_rounding": ("Aturan pembulatan berbeda", "Different rounding"),
    "aspect_aggregation": ("Cara agregasi berbeda", "Different aggregation"),
    "aspect_quality": ("Penyaringan data berbeda", "Different data screens"),
    "aspect_headline": ("Indeks utama berbeda jenis", "Headline index of a different kind"),
    "aspect_evaluation": ("Evaluasi bukti dukung berbeda", "Different evidence evaluation"),
    "aspect_evaluation-weights": (
        "Bobot survei/bukti dukung berbeda",
        "Different survey/evidence weights",
    ),
    "aspect_answer-scale": (
        "Skala jawaban bukti dukung berbeda",
        "Different evidence answer scale",
    ),
    "aspect_kind": ("Jenis instrumen berbeda", "Different kind of instrument"),
    "aspect_selection": ("Aturan pilihan nilai berbeda", "Different values-selection rules"),
    "kind_template": ("Templat pilihan nilai", "Values-selection template entries"),
    "kind_value": ("Nilai", "Values"),
    "kind_behaviour": ("Perilaku", "Behaviours"),
    "kind_item": ("Butir", "Items"),
    "kind_criterion": ("Kriteria bukti dukung", "Evidence criteria"),
    "kind_evidence": ("Butir bukti dukung", "Evidence items"),
    "act_added": ("ditambahkan", "added"),
    "act_removed": ("dihapus", "removed"),
    "act_moved": ("dipindahkan", "moved"),
    "act_reworded": ("diubah redaksinya", "reworded"),
    "act_weight": ("bobotnya berubah", "weights changed"),
    "act_other": ("berubah ({what})", "changed ({what})"),
    # report
    "generated": (
        "Dibuat {when} dengan berakhlak-cli {version}",
        "Generated {when} by berakhlak-cli {version}",
    ),
    "sec_headline": ("Indeks dan kategori", "Index and category"),
    "sec_values": ("Tujuh nilai BerAKHLAK per tahun", "The seven BerAKHLAK values by year"),
    "sec_heatmap": ("Peta nilai per unit kerja ({year})", "Values by unit ({year})"),
    "sec_ranking": ("Peringkat unit kerja ({year})", "Unit ranking ({year})"),
    "sec_coverage": ("Cakupan responden ({year})", "Respondent coverage ({year})"),
    "sec_gaps": ("Kekurangan bukti dukung ({year})", "Evidence gaps ({year})"),
    "sec_method": ("Lampiran metode", "Method appendix"),
    "sec_years": ("Sumber data per tahun", "Data sources by year"),
    "from_year": ("dari {value} pada {year}", "from {value} in {year}"),
    "not_published": ("tidak dipublikasikan", "not published"),
    "chart_values_alt": (
        "Diagram batang nilai BerAKHLAK per tahun",
        "Bar chart of the BerAKHLAK values by year",
    ),
    "chart_heatmap_alt": ("Peta panas nilai per unit kerja", "Heat map of values by unit"),
    "withheld_anonymity": (
        "disembunyikan (kurang dari batas anonimitas)",
        "withheld (below the anonymity threshold)",
    ),
    "withheld_complementary": (
        "disembunyikan (perlindungan anonimitas)",
        "withheld (anonymity protection)",
    ),
    "below_minimum": ("di bawah minimum responden", "below the minimum respondents"),
    "no_units_year": ("Tidak ada hasil per unit kerja.", "No results by unit."),
    "no_headcount": (
        "Jumlah pegawai tidak diketahui (jalankan score dengan --units).",
        "Headcounts unknown (run score with --units).",
    ),
    "evidence": ("Bukti dukung", "Evidence"),
    "survey": ("survei", "survey"),
    "total": ("Jumlah (unit dengan jumlah pegawai)", "Total (units with a headcount)"),
    "provided": ("Tersedia", "Provided"),
    "missing_items": ("Belum dipenuhi", "Not met"),
    "to_next_band": ("Poin ke kategori berikutnya", "Points to the next band"),
    "no_gaps": ("Semua bukti dukung terpenuhi.", "All evidence is met."),
    "other_indices": ("Indeks lain yang dipublikasikan", "Other published indices"),
    "citations": ("Sumber", "Sources"),
    "notes": ("Catatan", "Notes"),
    "method_change": (
        "Perubahan = angka terbit tahun baru − angka terbit tahun lama (dibulatkan), antara "
        "tahun yang berurutan.",
        "Change = the newer year's published figure − the older year's (rounded), between "
        "consecutive years.",
    ),
    "method_change_ci": (
        "Interval perubahan: selisih skor sebelum pembulatan ± t · √(SE₁² + SE₂²), derajat bebas "
        "Welch–Satterthwaite; kedua tahun dianggap sampel independen, SE tiap tahun dengan "
        "koreksi populasi terbatas. Perubahan disebut bermakna bila intervalnya tidak memuat 0 "
        "dan besarnya paling sedikit ambang perubahan bermakna rubrik tahun yang lebih baru "
        "(bawaan 2 poin). Angka publikasi tidak memiliki data responden, jadi perubahannya "
        "tanpa interval; tidak ada interval yang dikarang.",
        "Interval of a change: the difference of the unrounded scores ± t · √(SE₁² + SE₂²) with "
        "Welch–Satterthwaite degrees of freedom; the two years are taken as independent samples, "
        "each SE with its finite-population correction. A change is called meaningful when its "
        "interval excludes 0 and it is at least the newer year's rubric threshold for a "
        "meaningful change (default 2 points). Published figures have no respondent data, so "
        "their changes have no interval; none is invented.",
    ),
    "ci": ("IK {level}%", "{level}% CI"),
    "ci_change": ("IK {level}% perubahan", "{level}% CI of change"),
    "ci_low": ("IK {level}% bawah", "{level}% CI lower"),
    "ci_high": ("IK {level}% atas", "{level}% CI upper"),
    "meaningful": ("bermakna?", "meaningful?"),
    "meaningful_rule": (
        "Bermakna: IK {level}% perubahan tidak memuat 0 dan |perubahan| ≥ {min} poin (dari skor "
        "sebelum pembulatan).",
        "Meaningful: the {level}% CI of the change excludes 0 and |change| ≥ {min} points (on "
        "unrounded scores).",
    ),
    "no_ci_published-figure": (
        "— tanpa interval: angka publikasi (tanpa data responden)",
        "— no interval: published figure (no respondent data)",
    ),
    "no_ci_too-few-respondents": (
        "— tanpa interval: kurang dari 2 responden",
        "— no interval: fewer than 2 respondents",
    ),
    "no_ci_no-interval-in-results": (
        "— tanpa interval: berkas hasil tidak memuat interval (metode pooled, unit gabungan, atau "
        "berkas lama)",
        "— no interval: the results file has none (pooled method, merged unit or an older file)",
    ),
    "chart_errorbars": (
        "Garis galat: IK {level}% (hanya tahun dengan data responden).",
        "Error bars: {level}% CI (only years with respondent data).",
    ),
    "weights": ("Bobot nilai", "Value weights"),
    "bands": ("Kategori", "Bands"),
    "rounding": ("Pembulatan", "Rounding"),
    "rounding_rule": (
        "{decimals} desimal, setengah ke atas; kategori dari nilai {on}",
        "{decimals} decimal(s), half-up; band from the {on} value",
    ),
    "rounding_rule_even": (
        "{decimals} desimal, setengah ke angka genap; kategori dari nilai {on}",
        "{decimals} decimal(s), half-even; band from the {on} value",
    ),
    "inputs": ("Berkas masukan", "Input files"),
    "tool": ("Versi alat", "Tool version"),
    "generated_at": ("Waktu dibuat", "Generated at"),
    "instrument": ("Instrumen", "Instrument"),
    "source_kind": ("Jenis", "Kind"),
    "sha256": ("sha256", "sha256"),
    "unknown": ("tidak diketahui", "unknown"),
    "legend_values": ("Nilai", "Value"),
    "sheet_checks": ("Keterbandingan", "Comparability"),
    "sheet_unit_values": ("Unit x nilai", "Unit x value"),
    "band_on_rounded": ("yang dibulatkan", "rounded"),
    "band_on_raw": ("mentah (belum dibulatkan)", "raw (unrounded)"),
}


def say(key: str, lang: Lang | str = Lang.ID, **fields: object) -> str:
    """The phrase ``key`` in ``lang`` with ``fields`` filled in."""
    ind, eng = WORDS[key]
    text = eng if lang == Lang.EN else ind
    return text.format(**fields) if fields else text


def words(lang: Lang | str) -> dict[str, str]:
    """Every phrase in ``lang`` (templates look them up by key; a typo fails the render)."""
    return {key: say(key, lang) for key in WORDS}
