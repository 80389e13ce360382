"""The report, table and compare words in English (``--lang en``), keyed by word id.

The keys are the same as in the other language's table (a test holds them equal);
look words up with :func:`berakhlak_cli.render.language.words.word`.
"""

EN: dict[str, str] = {
    # Tables of ``score``: terminal, CSV and XLSX headings and notes
    "group": "Group",
    "respondents_short": "Resp.",
    "respondents": "Respondents",
    "index": "Index",
    "category": "Category",
    "institution": "Whole institution",
    "withheld": "withheld",
    "anonymity": "fewer than {n} respondents: scores withheld to protect anonymity",
    "complementary": "withheld so a small group's scores cannot be derived from the total",
    "no-eligible-unit": (
        "not computed: every unit is below its minimum respondents and left out of this row"
    ),
    "rows_summary": "Rows read {read}, scored {scored}, excluded {excluded}",
    "issues_summary": "Data issues: {count}",
    "not_eligible": "does not meet the minimum number of respondents ({n} of at least {need})",
    "respondents_rate": "Resp. (% of staff)",
    "rubric_heading": "Rubric",
    "interval": "{level}% CI",
    "may_be": "the interval {ci} crosses a band boundary: may be {bands}",
    "survey_heading": "Survey",
    "evidence": "Evidence",
    "combined": "Combined",
    "survey_index": "Survey index",
    "combined_index": "Combined index",
    "ignored_columns": "Ignored columns",
    "title_score": "BerAKHLAK work-culture survey results",
    # ``compare`` and the report's shared sections
    "title_compare": "Year-over-year comparison",
    "title_report": "BerAKHLAK work-culture report",
    "measure": "Measure",
    "unit": "Unit",
    "change": "Change",
    "headcount": "Headcount",
    "coverage_rate": "Response rate",
    "minimum": "Minimum",
    "eligible": "Eligible",
    "yes": "yes",
    "no": "no",
    "rank": "Rank",
    "year": "Year",
    "file": "File",
    "not_comparable": "Caution: these years are not comparable",
    "not_comparable_pair": "{old} → {new} not comparable",
    "not_comparable_why": (
        "The changes below mix a change in work culture with a change in how it was measured. "
        "Compare like with like, or report the change together with this caveat."
    ),
    "comparable": "Comparable: same instrument, rubric, scale, values, weights and bands.",
    "kind_scored": "scored by berakhlak-cli",
    "kind_published": "published figures",
    "year_override": "year from --year",
    "year_file": "year from the file",
    "year_file-name": "year from the file name",
    "year_generated-at": "year from generated_at (when it was scored; confirm with --year)",
    "rubric": "rubric",
    "per_unit": "By unit",
    "per_unit_note": "Units present in at least two years.",
    "single_year": (
        "Units present in one year only (not compared; check --units-map if a name changed): "
        "{names}"
    ),
    "single_year_sheet": "One year only",
    "no_units": "No unit appears in two years.",
    "merged": "merged from {names}",
    "headline_index": "survey index",
    "headline_combined": "combined survey + evidence index",
    "headline_published": "published index",
    "aspect_instrument": "Different instrument",
    "aspect_rubric-version": "Different rubric version",
    "aspect_scale": "Different answer scale",
    "aspect_band": "Different category bands",
    "aspect_rounding": "Different rounding",
    "aspect_aggregation": "Different aggregation",
    "aspect_quality": "Different data screens",
    "aspect_headline": "Headline index of a different kind",
    "aspect_evaluation": "Different evidence evaluation",
    "aspect_evaluation-weights": "Different survey/evidence weights",
    "aspect_answer-scale": "Different evidence answer scale",
    "aspect_kind": "Different kind of instrument",
    "aspect_selection": "Different values-selection rules",
    "kind_template": "Values-selection template entries",
    "kind_value": "Values",
    "kind_behaviour": "Behaviours",
    "kind_item": "Items",
    "kind_criterion": "Evidence criteria",
    "kind_evidence": "Evidence items",
    "act_added": "added",
    "act_removed": "removed",
    "act_moved": "moved",
    "act_reworded": "reworded",
    "act_weight": "weights changed",
    "act_other": "changed ({what})",
    "generated": "Generated {when} by berakhlak-cli {version}",
    "sec_headline": "Index and category",
    "sec_values": "The seven BerAKHLAK values by year",
    "sec_heatmap": "Values by unit ({year})",
    "sec_ranking": "Unit ranking ({year})",
    "sec_coverage": "Respondent coverage ({year})",
    "sec_gaps": "Evidence gaps ({year})",
    "sec_method": "Method appendix",
    "sec_years": "Data sources by year",
    "from_year": "from {value} in {year}",
    "not_published": "not published",
    "chart_values_alt": "Bar chart of the BerAKHLAK values by year",
    "chart_heatmap_alt": "Heat map of values by unit",
    "withheld_anonymity": "withheld (below the anonymity threshold)",
    "withheld_complementary": "withheld (anonymity protection)",
    "below_minimum": "below the minimum respondents",
    "no_units_year": "No results by unit.",
    "no_headcount": "Headcounts unknown (run score with --units).",
    "survey": "survey",
    "total": "Total (units with a headcount)",
    "provided": "Provided",
    "missing_items": "Not met",
    "to_next_band": "Points to the next band",
    "no_gaps": "All evidence is met.",
    "other_indices": "Other published indices",
    "citations": "Sources",
    "notes": "Notes",
    "method_change": (
        "Change = the newer year's published figure − the older year's (rounded), between "
        "consecutive years."
    ),
    "method_change_ci": (
        "Interval of a change: the difference of the unrounded scores ± t · √(SE₁² + SE₂²) with "
        "Welch–Satterthwaite degrees of freedom; the two years are taken as independent samples, "
        "each SE with its finite-population correction. A change is called meaningful when its "
        "interval excludes 0 and it is at least the newer year's rubric threshold for a "
        "meaningful change (default 2 points). Published figures have no respondent data, so "
        "their changes have no interval; none is invented."
    ),
    "ci": "{level}% CI",
    "ci_change": "{level}% CI of change",
    "ci_low": "{level}% CI lower",
    "ci_high": "{level}% CI upper",
    "meaningful": "meaningful?",
    "meaningful_rule": (
        "Meaningful: the {level}% CI of the change excludes 0 and |change| ≥ {min} points (on "
        "unrounded scores)."
    ),
    "no_ci_published-figure": "— no interval: published figure (no respondent data)",
    "no_ci_too-few-respondents": "— no interval: fewer than 2 respondents",
    "no_ci_no-interval-in-results": (
        "— no interval: the results file has none (pooled method, merged unit or an older file)"
    ),
    "chart_errorbars": "Error bars: {level}% CI (only years with respondent data).",
    "weights": "Value weights",
    "bands": "Bands",
    "rounding": "Rounding",
    "rounding_rule": "{decimals} decimal(s), half-up; band from the {on} value",
    "rounding_rule_even": "{decimals} decimal(s), half-even; band from the {on} value",
    "inputs": "Input files",
    "tool": "Tool version",
    "generated_at": "Generated at",
    "instrument": "Instrument",
    "source_kind": "Kind",
    "sha256": "sha256",
    "unknown": "unknown",
    "legend_values": "Value",
    "sheet_checks": "Comparability",
    "sheet_unit_values": "Unit x value",
    "band_on_rounded": "rounded",
    "band_on_raw": "raw (unrounded)",
    # The report's behaviour, priority and unit-page sections
    "sec_behaviours": "Scores per behaviour ({year})",
    "sec_distribution": "Answer distribution ({year})",
    "sec_priorities": "Priorities per unit ({year})",
    "sec_units": "Unit report cards ({year})",
    "sec_trends": "Index and value trends",
    "behaviour": "Behaviour",
    "value": "Value",
    "score": "Score",
    "favourable": "Favourable",
    "gap": "Gap",
    "significant": "Significant",
    "unit_col": "Unit",
    "institution_col": "Institution",
    "evidence_gaps": "Evidence not yet met",
    "no_priorities": "No behaviour below the institution.",
    "no_evidence_gaps": "No evidence gaps.",
    "distribution_caption": (
        "Bars to the left: answers {low}; to the right: {high}; figure at the right: the "
        "favourable share (top {top} points). Figures in the bars: percent of answers."
    ),
    "priorities_note": (
        "Behaviours furthest below the institution's score (at most {n} per unit). Significant: "
        "the gap is larger than chance ({level}% CI, Holm's correction across the unit's {m} "
        "behaviours). A gap without the flag may be chance."
    ),
    "priorities_no_test": (
        "No CI: the institution's score is a mean of units, not pooled respondents."
    ),
    "withheld_units": "No report card (scores withheld to protect anonymity): {names}.",
    "unit_headline": "{kind} {year}",
    "combined_index_parts": "Combined index (survey + evidence)",
    "respondents_of": "{n} respondents",
    "below_minimum_mark": "* below the minimum respondents (left out of the institution's score)",
    "trend_caption": (
        "Published figures per year; thin dashed lines: band boundaries; grey dashed line: years "
        "that are not comparable (not a trend)."
    ),
    "headline_not_comparable": (
        "Not comparable: {old} ({old_year}) and {new} ({new_year}) were measured differently; "
        "the difference {delta} does not measure a change in work culture."
    ),
    "combined_note": (
        "combined index = survey × weight + evidence × weight; the values are survey-only"
    ),
    "page": "Page",
    "of": "of",
    # The behaviour tables of ``score --detail behaviours``
    "behaviour_short": "Behaviour",
    "title_behaviours": "Scores per behaviour",
    # The evidence gap report of ``score --gaps``
    "gaps_title": "Evidence gaps",
    "gaps_next": "To next band",
    "answer": "Answer",
    "gaps_points": "+Points",
    "not_provided": "(not provided)",
    "all_met": "all met",
    "top_band": "already the top band",
    "to_band": "+{points} → {band}",
    "no_evidence": "no evidence submitted",
    "gaps_note": "+Points: gain in the unit's combined index if the item were fully met.",
    # Which index a year's headline is (compare and the report)
    "headline_kind_index": "survey",
    "headline_kind_combined": "combined",
    "headline_kind_published": "published",
    # The rubric tree of ``rubric show``
    "rubric_file": "Rubric file",
    "rubric_values": "Values (weight in the index)",
    "of_index": "of the index",
    "reverse_keyed": "reverse-keyed",
    "provisional": "provisional, awaiting the juknis",
    "documents": "documents",
    "band_code": "Code",
    "band_label": "Label",
    "band_range": "Range",
    "settings": "Settings",
    "setting": "Setting",
    "numeric": "number",
    "item_columns": "column",
    "aliases": "aliases",
    # The input files' roles in the report's method appendix
    "role_rubric": "Rubric",
    "role_survey": "Survey",
    "role_units": "Headcount per unit",
    "role_evidence": "Evidence",
    "role_units-map": "Units map",
    "role_results": "Results {year}",
    # The evidence checklist workbook of ``evidence template``
    "checklist_lists": "Answers",
    "checklist_prompt_title": "Answer",
    "checklist_prompt": "Choose one of: {choices}",
    "checklist_error": "Not a valid answer",
    # The report of ``survey check``
    "check_columns": "Columns",
    "check_header": "Header",
    "check_role": "Read as",
    "check_match": "Matched by",
    "check_answers": "Answers per item",
    "check_units": "Units",
    "check_resp": "Respondents",
    "check_headcount": "Staff",
    "check_minimum": "Minimum",
    "check_rate": "Response rate",
    "check_needed": "Still needed",
    "check_unknown": "unknown",
    "check_blank": "(blank)",
    "check_untallied": (
        "Answers of {n} rows are not counted here: rows excluded from scoring "
        "and rows of units whose scores are withheld (anonymity)."
    ),
    "check_more": "… {n} more",
    "check_rows": (
        "Rows read {read}, scored {scored}, blank/unanswered {blank}, duplicated ids {dup}, "
        "other exclusions {other}."
    ),
    "check_issues": "Data issues: {issues}",
    "check_verdict0": "This file would score cleanly.",
    "check_verdict1": (
        "This file would score, with data issues (berakhlak score --issues FILE lists them)."
    ),
    "check_role_item": "item",
    "check_role_unit": "unit",
    "check_role_respondent-id": "respondent id (values hidden)",
    "check_role_identifying": "personal data (values hidden)",
    "check_role_attribute": "attribute (--by)",
    "check_role_ignored": "ignored",
    "check_how_id": "id",
    "check_how_alias": "alias",
    "check_how_text": "item text",
    "check_how_contains": "contains label/text",
    "check_how_grid": "Forms grid row",
}
