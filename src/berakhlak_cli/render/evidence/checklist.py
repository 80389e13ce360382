"""The blank evidence checklist (``berakhlak evidence template``) as CSV text or an .xlsx workbook.

One row per unit x evidence item, in rubric order, with the requirement, the expected documents
and the valid answers beside the empty ``answer``/``document``/``note`` cells. The headers are
ones ``loaders.evidence`` reads back, so a filled template scores as it is. In the workbook the
answer cell has a drop-down of the item's valid answers (or a 0-100 number check), the header
row is frozen and the answer lists sit on a hidden sheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from berakhlak_cli.model.rubric import AnswerScale, Evaluation, Lang, Rubric
from berakhlak_cli.render.cell_text import safe_cell
from berakhlak_cli.render.language.words import word

HEADERS = {
    Lang.ID: (
        "kriteria",
        "kode_bukti",
        "persyaratan",
        "dokumen_diharapkan",
        "pilihan_jawaban",
        "jawaban",
        "dokumen",
        "catatan",
    ),
    Lang.EN: (
        "criterion",
        "evidence_id",
        "requirement",
        "expected_documents",
        "valid_answers",
        "answer",
        "document",
        "note",
    ),
}
_WIDTHS = (34, 12, 60, 36, 22, 14, 40, 40)


@dataclass(frozen=True)
class TemplateRow:
    """One checklist row to fill in."""

    unit: str
    criterion: str
    evidence_id: str
    requirement: str
    documents: str
    valid: str
    scale: str


def valid_answers(scale: AnswerScale) -> str:
    """The valid answers of a scale as people read them (``Ya / Tidak``, ``0-100``)."""
    parts = [o.label for o in scale.options]
    if scale.numeric:
        parts.append(f"{scale.min:g}-{scale.max:g}")
    return " / ".join(parts)


def _evaluation(rubric: Rubric) -> Evaluation:
    if rubric.evaluation is None:
        raise ValueError("the rubric has no evaluation section")
    return rubric.evaluation


def template_rows(rubric: Rubric, units: Sequence[str], lang: Lang) -> list[TemplateRow]:
    """Every unit x evidence item, units in the given order, items in rubric order."""
    evaluation = _evaluation(rubric)
    rows: list[TemplateRow] = []
    for unit in units:
        for criterion in evaluation.criteria:
            for item in criterion.items:
                scale = evaluation.answer_scales[item.answer_scale]
                rows.append(
                    TemplateRow(
                        unit=unit,
                        criterion=f"{criterion.id} {criterion.label.get(lang)}",
                        evidence_id=item.id,
                        requirement=item.requirement.get(lang),
                        documents="; ".join(item.documents),
                        valid=valid_answers(scale),
                        scale=item.answer_scale,
                    )
                )
    return rows


def _header(rubric: Rubric, lang: Lang) -> list[str]:
    unit = rubric.columns.unit.name if lang == Lang.ID else "unit"
    return [unit, *HEADERS[lang]]


def _cells(row: TemplateRow) -> list[str]:
    info = [row.unit, row.criterion, row.evidence_id, row.requirement, row.documents, row.valid]
    return [*info, "", "", ""]


def render_template_csv(rubric: Rubric, units: Sequence[str], lang: Lang) -> str:
    """The checklist as CSV (UTF-8 with BOM so Excel opens it as UTF-8; formula-safe cells)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_header(rubric, lang))
    for row in template_rows(rubric, units, lang):
        writer.writerow([safe_cell(c) for c in _cells(row)])
    return "\ufeff" + out.getvalue()


def render_template_xlsx(rubric: Rubric, units: Sequence[str], lang: Lang) -> bytes:
    """The checklist as an .xlsx workbook with a drop-down of valid answers on every row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from berakhlak_cli.render.xlsx import set_text

    evaluation = _evaluation(rubric)
    book = Workbook()
    sheet = book.active
    main_title, lists_title = word("evidence", lang), word("checklist_lists", lang)
    sheet.title = main_title
    header = _header(rubric, lang)
    for col, text in enumerate(header, start=1):
        set_text(sheet.cell(row=1, column=col), text)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    sheet.freeze_panes = "B2"
    wrap = Alignment(wrap_text=True, vertical="top")
    for pos, width in enumerate((30, *_WIDTHS), start=1):
        sheet.column_dimensions[get_column_letter(pos)].width = width
    answer_col = get_column_letter(header.index(HEADERS[lang][5]) + 1)

    lists = book.create_sheet(lists_title)
    lists.sheet_state = "hidden"
    title, error = word("checklist_prompt_title", lang), word("checklist_error", lang)
    checks: dict[str, DataValidation] = {}
    for pos, (sid, scale) in enumerate(evaluation.answer_scales.items(), start=1):
        choices = valid_answers(scale)
        if scale.options:
            letter = get_column_letter(pos)
            lists.cell(row=1, column=pos, value=sid)
            for k, option in enumerate(scale.options, start=2):
                lists.cell(row=k, column=pos, value=option.label)
            last = len(scale.options) + 1
            check = DataValidation(
                type="list",
                formula1=f"'{lists_title}'!${letter}$2:${letter}${last}",
                # NOTE: a scale with options *and* numbers cannot be a strict list.
                errorStyle="warning" if scale.numeric else "stop",
            )
        else:
            check = DataValidation(
                type="decimal",
                operator="between",
                formula1=f"{scale.min:g}",
                formula2=f"{scale.max:g}",
            )
        check.allow_blank = True
        check.showErrorMessage = True
        check.showInputMessage = True
        prompt = word("checklist_prompt", lang, choices=choices)
        check.promptTitle, check.prompt = title, prompt
        check.errorTitle, check.error = error, prompt
        checks[sid] = check
    used: dict[str, DataValidation] = {}
    for number, row in enumerate(template_rows(rubric, units, lang), start=2):
        # NOTE: unit names come from the user's units file: inert text, like every xlsx cell.
        for col, text in enumerate(_cells(row), start=1):
            set_text(sheet.cell(row=number, column=col), text)
        for col in (4, 5):
            sheet.cell(row=number, column=col).alignment = wrap
        used[row.scale] = checks[row.scale]
        checks[row.scale].add(f"{answer_col}{number}")
    for check in used.values():
        sheet.add_data_validation(check)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
