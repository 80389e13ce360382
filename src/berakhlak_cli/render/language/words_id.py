"""The report, table and compare words in Bahasa Indonesia (the default), keyed by word id.

The keys are the same as in the other language's table (a test holds them equal);
look words up with :func:`berakhlak_cli.render.language.words.word`.
"""

ID: dict[str, str] = {
    # Tables of ``score``: terminal, CSV and XLSX headings and notes
    "group": "Kelompok",
    "respondents_short": "Resp.",
    "respondents": "Responden",
    "index": "Indeks",
    "category": "Kategori",
    "institution": "Seluruh instansi",
    "withheld": "disembunyikan",
    "anonymity": "kurang dari {n} responden: nilai disembunyikan untuk melindungi anonimitas",
    "complementary": "disembunyikan agar nilai kelompok kecil tidak dapat dihitung dari total",
    "no-eligible-unit": (
        "tidak dihitung: semua unit di bawah minimum responden dan dikecualikan dari baris ini"
    ),
    "rows_summary": "Baris dibaca {read}, dinilai {scored}, dikecualikan {excluded}",
    "issues_summary": "Masalah data: {count}",
    "not_eligible": "tidak memenuhi syarat minimum responden ({n} dari minimal {need})",
    "respondents_rate": "Resp. (% pegawai)",
    "rubric_heading": "Rubrik",
    "interval": "IK {level}%",
    "may_be": "IK {ci} melintasi batas kategori: bisa juga {bands}",
    "survey_heading": "Survei",
    "evidence": "Bukti dukung",
    "combined": "Gabungan",
    "survey_index": "Indeks survei",
    "combined_index": "Indeks gabungan",
    "ignored_columns": "Kolom diabaikan",
    "title_score": "Hasil Survei Budaya Kerja BerAKHLAK",
    # ``compare`` and the report's shared sections
    "title_compare": "Perbandingan antartahun",
    "title_report": "Laporan Budaya Kerja ASN BerAKHLAK",
    "measure": "Ukuran",
    "unit": "Unit kerja",
    "change": "Perubahan",
    "headcount": "Jumlah pegawai",
    "coverage_rate": "Tingkat respons",
    "minimum": "Minimum",
    "eligible": "Memenuhi syarat",
    "yes": "ya",
    "no": "tidak",
    "rank": "Peringkat",
    "year": "Tahun",
    "file": "Berkas",
    "not_comparable": "Perhatian: tahun-tahun ini tidak sebanding",
    "not_comparable_pair": "{old} → {new} tidak sebanding",
    "not_comparable_why": (
        "Selisih di bawah mencampur perubahan budaya kerja dengan perubahan cara mengukurnya. "
        "Bandingkan yang sejenis, atau sampaikan selisih ini bersama catatan ini."
    ),
    "comparable": "Sebanding: instrumen, rubrik, skala, nilai, bobot dan kategori sama.",
    "kind_scored": "dihitung oleh berakhlak-cli",
    "kind_published": "angka yang dipublikasikan",
    "year_override": "tahun dari --year",
    "year_file": "tahun dari isi berkas",
    "year_file-name": "tahun dari nama berkas",
    "year_generated-at": "tahun dari generated_at (tanggal penghitungan; pastikan dengan --year)",
    "rubric": "rubrik",
    "per_unit": "Per unit kerja",
    "per_unit_note": "Unit yang ada di sedikitnya dua tahun.",
    "single_year": (
        "Unit yang hanya ada pada satu tahun (tidak dibandingkan; periksa --units-map bila "
        "namanya berubah): {names}"
    ),
    "single_year_sheet": "Satu tahun saja",
    "no_units": "Tidak ada unit kerja yang ada di dua tahun.",
    "merged": "gabungan dari {names}",
    "headline_index": "indeks survei",
    "headline_combined": "indeks gabungan survei + bukti dukung",
    "headline_published": "indeks yang dipublikasikan",
    "aspect_instrument": "Instrumen berbeda",
    "aspect_rubric-version": "Versi rubrik berbeda",
    "aspect_scale": "Skala jawaban berbeda",
    "aspect_band": "Batas kategori berbeda",
    "aspect_rounding": "Aturan pembulatan berbeda",
    "aspect_aggregation": "Cara agregasi berbeda",
    "aspect_quality": "Penyaringan data berbeda",
    "aspect_headline": "Indeks utama berbeda jenis",
    "aspect_evaluation": "Evaluasi bukti dukung berbeda",
    "aspect_evaluation-weights": "Bobot survei/bukti dukung berbeda",
    "aspect_answer-scale": "Skala jawaban bukti dukung berbeda",
    "aspect_kind": "Jenis instrumen berbeda",
    "aspect_selection": "Aturan pilihan nilai berbeda",
    "kind_template": "Templat pilihan nilai",
    "kind_value": "Nilai",
    "kind_behaviour": "Perilaku",
    "kind_item": "Butir",
    "kind_criterion": "Kriteria bukti dukung",
    "kind_evidence": "Butir bukti dukung",
    "act_added": "ditambahkan",
    "act_removed": "dihapus",
    "act_moved": "dipindahkan",
    "act_reworded": "diubah redaksinya",
    "act_weight": "bobotnya berubah",
    "act_other": "berubah ({what})",
    "generated": "Dibuat {when} dengan berakhlak-cli {version}",
    "sec_headline": "Indeks dan kategori",
    "sec_values": "Tujuh nilai BerAKHLAK per tahun",
    "sec_heatmap": "Peta nilai per unit kerja ({year})",
    "sec_ranking": "Peringkat unit kerja ({year})",
    "sec_coverage": "Cakupan responden ({year})",
    "sec_gaps": "Kekurangan bukti dukung ({year})",
    "sec_method": "Lampiran metode",
    "sec_years": "Sumber data per tahun",
    "from_year": "dari {value} pada {year}",
    "not_published": "tidak dipublikasikan",
    "chart_values_alt": "Diagram batang nilai BerAKHLAK per tahun",
    "chart_heatmap_alt": "Peta panas nilai per unit kerja",
    "withheld_anonymity": "disembunyikan (kurang dari batas anonimitas)",
    "withheld_complementary": "disembunyikan (perlindungan anonimitas)",
    "below_minimum": "di bawah minimum responden",
    "no_units_year": "Tidak ada hasil per unit kerja.",
    "no_headcount": "Jumlah pegawai tidak diketahui (jalankan score dengan --units).",
    "survey": "survei",
    "total": "Jumlah (unit dengan jumlah pegawai)",
    "provided": "Tersedia",
    "missing_items": "Belum dipenuhi",
    "to_next_band": "Poin ke kategori berikutnya",
    "no_gaps": "Semua bukti dukung terpenuhi.",
    "other_indices": "Indeks lain yang dipublikasikan",
    "citations": "Sumber",
    "notes": "Catatan",
    "method_change": (
        "Perubahan = angka terbit tahun baru − angka terbit tahun lama (dibulatkan), antara "
        "tahun yang berurutan."
    ),
    "method_change_ci": (
        "Interval perubahan: selisih skor sebelum pembulatan ± t · √(SE₁² + SE₂²), derajat bebas "
        "Welch–Satterthwaite; kedua tahun dianggap sampel independen, SE tiap tahun dengan "
        "koreksi populasi terbatas. Perubahan disebut bermakna bila intervalnya tidak memuat 0 "
        "dan besarnya paling sedikit ambang perubahan bermakna rubrik tahun yang lebih baru "
        "(bawaan 2 poin). Angka publikasi tidak memiliki data responden, jadi perubahannya tanpa "
        "interval; tidak ada interval yang dikarang."
    ),
    "ci": "IK {level}%",
    "ci_change": "IK {level}% perubahan",
    "ci_low": "IK {level}% bawah",
    "ci_high": "IK {level}% atas",
    "meaningful": "bermakna?",
    "meaningful_rule": (
        "Bermakna: IK {level}% perubahan tidak memuat 0 dan |perubahan| ≥ {min} poin (dari skor "
        "sebelum pembulatan)."
    ),
    "no_ci_published-figure": "— tanpa interval: angka publikasi (tanpa data responden)",
    "no_ci_too-few-respondents": "— tanpa interval: kurang dari 2 responden",
    "no_ci_no-interval-in-results": (
        "— tanpa interval: berkas hasil tidak memuat interval (metode pooled, unit gabungan, "
        "atau berkas lama)"
    ),
    "chart_errorbars": "Garis galat: IK {level}% (hanya tahun dengan data responden).",
    "weights": "Bobot nilai",
    "bands": "Kategori",
    "rounding": "Pembulatan",
    "rounding_rule": "{decimals} desimal, setengah ke atas; kategori dari nilai {on}",
    "rounding_rule_even": "{decimals} desimal, setengah ke angka genap; kategori dari nilai {on}",
    "inputs": "Berkas masukan",
    "tool": "Versi alat",
    "generated_at": "Waktu dibuat",
    "instrument": "Instrumen",
    "source_kind": "Jenis",
    "sha256": "sha256",
    "unknown": "tidak diketahui",
    "legend_values": "Nilai",
    "sheet_checks": "Keterbandingan",
    "sheet_unit_values": "Unit x nilai",
    "band_on_rounded": "yang dibulatkan",
    "band_on_raw": "mentah (belum dibulatkan)",
    # The report's behaviour, priority and unit-page sections
    "sec_behaviours": "Skor per panduan perilaku ({year})",
    "sec_distribution": "Sebaran jawaban ({year})",
    "sec_priorities": "Prioritas perbaikan per unit kerja ({year})",
    "sec_units": "Rapor unit kerja ({year})",
    "sec_trends": "Tren indeks dan nilai",
    "behaviour": "Panduan perilaku",
    "value": "Nilai",
    "score": "Skor",
    "favourable": "Favorabel",
    "gap": "Selisih",
    "significant": "Bermakna",
    "unit_col": "Unit",
    "institution_col": "Instansi",
    "evidence_gaps": "Bukti dukung belum dipenuhi",
    "no_priorities": "Tidak ada perilaku di bawah instansi.",
    "no_evidence_gaps": "Tidak ada kekurangan bukti dukung.",
    "distribution_caption": (
        "Batang ke kiri: jawaban {low}; ke kanan: {high}; angka di kanan: persentase favorabel "
        "({top} poin teratas). Angka dalam batang: persen jawaban."
    ),
    "priorities_note": (
        "Perilaku dengan selisih terbesar di bawah skor instansi (paling banyak {n} per unit). "
        "Bermakna: selisih lebih besar daripada kebetulan (IK {level}%, koreksi Holm atas {m} "
        "perilaku unit itu). Selisih tanpa tanda bermakna bisa saja kebetulan."
    ),
    "priorities_no_test": (
        "Tanpa IK: skor instansi adalah rata-rata unit, bukan gabungan responden."
    ),
    "withheld_units": "Tanpa rapor (nilai disembunyikan untuk melindungi anonimitas): {names}.",
    "unit_headline": "{kind} {year}",
    "combined_index_parts": "Indeks gabungan (survei + bukti dukung)",
    "respondents_of": "{n} responden",
    "below_minimum_mark": "* di bawah minimum responden (tidak dihitung dalam skor instansi)",
    "trend_caption": (
        "Angka yang dipublikasikan per tahun; garis putus-putus tipis: batas kategori; garis "
        "abu-abu putus-putus: tahun yang tidak sebanding (bukan tren)."
    ),
    "headline_not_comparable": (
        "Tidak sebanding: {old} ({old_year}) dan {new} ({new_year}) diukur dengan cara berbeda; "
        "selisih {delta} bukan ukuran perubahan budaya kerja."
    ),
    "combined_note": (
        "indeks gabungan = survei × bobot + bukti dukung × bobot; nilai-nilai dari survei saja"
    ),
    "page": "Halaman",
    "of": "dari",
    # The behaviour tables of ``score --detail behaviours``
    "behaviour_short": "Perilaku",
    "title_behaviours": "Skor per panduan perilaku",
    # The evidence gap report of ``score --gaps``
    "gaps_title": "Kekurangan bukti dukung",
    "gaps_next": "Menuju kategori berikut",
    "answer": "Jawaban",
    "gaps_points": "+Poin",
    "not_provided": "(tidak ada)",
    "all_met": "semua terpenuhi",
    "top_band": "sudah kategori tertinggi",
    "to_band": "+{points} → {band}",
    "no_evidence": "tanpa bukti dukung",
    "gaps_note": "+Poin: kenaikan indeks gabungan unit bila butir itu terpenuhi penuh.",
    # Which index a year's headline is (compare and the report)
    "headline_kind_index": "survei",
    "headline_kind_combined": "gabungan",
    "headline_kind_published": "dipublikasikan",
    # The rubric tree of ``rubric show``
    "rubric_file": "Berkas rubrik",
    "rubric_values": "Nilai (bobot dalam indeks)",
    "of_index": "dari indeks",
    "reverse_keyed": "dibalik",
    "provisional": "sementara, menunggu juknis",
    "documents": "dokumen",
    "band_code": "Kode",
    "band_label": "Label",
    "band_range": "Rentang",
    "settings": "Pengaturan",
    "setting": "Pengaturan",
    "numeric": "angka",
    "item_columns": "kolom",
    "aliases": "alias",
    # The input files' roles in the report's method appendix
    "role_rubric": "Rubrik",
    "role_survey": "Survei",
    "role_units": "Jumlah pegawai per unit",
    "role_evidence": "Bukti dukung",
    "role_units-map": "Peta perubahan unit",
    "role_results": "Hasil {year}",
    # The evidence checklist workbook of ``evidence template``
    "checklist_lists": "Pilihan",
    "checklist_prompt_title": "Jawaban",
    "checklist_prompt": "Pilih salah satu: {choices}",
    "checklist_error": "Jawaban tidak valid",
    # The report of ``survey check``
    "check_columns": "Kolom",
    "check_header": "Judul kolom",
    "check_role": "Dibaca sebagai",
    "check_match": "Cocok lewat",
    "check_answers": "Jawaban per butir",
    "check_units": "Unit kerja",
    "check_resp": "Responden",
    "check_headcount": "Pegawai",
    "check_minimum": "Minimal",
    "check_rate": "Tingkat respons",
    "check_needed": "Kurang",
    "check_unknown": "tidak dikenal",
    "check_blank": "(kosong)",
    "check_untallied": (
        "Jawaban {n} baris tidak dihitung di sini: baris yang dikecualikan dari "
        "penilaian dan baris unit yang skornya ditahan (anonimitas)."
    ),
    "check_more": "… {n} lainnya",
    "check_rows": (
        "Baris dibaca {read}, dinilai {scored}, kosong/tanpa jawaban {blank}, ID berulang {dup}, "
        "dikecualikan lain {other}."
    ),
    "check_issues": "Masalah data: {issues}",
    "check_verdict0": "Berkas ini dapat dinilai tanpa masalah.",
    "check_verdict1": (
        "Berkas ini dapat dinilai, dengan masalah data (berakhlak score --issues FILE "
        "mencantumkan semuanya)."
    ),
    "check_role_item": "butir",
    "check_role_unit": "unit kerja",
    "check_role_respondent-id": "ID responden (isi tidak ditampilkan)",
    "check_role_identifying": "data pribadi (isi tidak ditampilkan)",
    "check_role_attribute": "atribut (--by)",
    "check_role_ignored": "diabaikan",
    "check_how_id": "id",
    "check_how_alias": "alias",
    "check_how_text": "teks butir",
    "check_how_contains": "memuat label/teks",
    "check_how_grid": "baris grid Forms",
}
