"""The internal case ledger as xlsx (`ducha cases export`): every imported column plus 交办日期, 办理时限,
状态, 牵头单位, the review and the linked task. The complainant's name and contact are written only when
asked for and only for the cases the acting user may see them on (the handling unit, coordinators), each
audited (ducha.cases.actions.privacy.reveal_many); no other output ever carries them.

Streams through xlsxwriter's constant_memory mode, reading cases in chunks."""

import datetime as dt

import xlsxwriter

from .models import Case

CHUNK = 2000
EXCEL_EPOCH = dt.date(1899, 12, 30)
COLUMNS = [
    ("批次", 6), ("序号", 6), ("受理编号", 20), ("重点件", 6), ("交办问题基本情况", 50), ("行政区域", 14),
    ("所属区划", 10), ("污染类型", 12), ("调查核实情况", 40), ("是否属实", 8), ("处理和整改情况", 40),
    ("责任人被处理情况", 20), ("责令整改（家）", 8), ("立案处罚（家）", 8), ("罚款（元）", 14), ("立案侦查（件）", 8),
    ("行政拘留（人）", 8), ("刑事拘留（人）", 8), ("约谈（人）", 8), ("问责（人）", 8), ("交办日期", 12),
    ("办理时限", 12), ("状态", 10), ("分办", 8), ("牵头单位", 24), ("审核", 8), ("回访", 8), ("整改任务", 14),
]
COMPLAINANT_COLUMNS = [("信访人", 10), ("联系方式", 16)]


def _row(case, types):
    return [case.batch.number, case.serial, case.number_raw, "是" if case.is_key else "", case.summary,
            case.area_text, case.division.name if case.division_id else "", "、".join(types) or case.type_text,
            case.investigation, case.get_verdict_display() if case.verdict else case.verdict_text, case.handling,
            case.accountability, case.ordered_to_rectify, case.penalty_cases, case.fine_yuan, case.criminal_cases,
            case.administrative_detentions, case.criminal_detentions, case.interviews, case.accountable_persons,
            case.transferred_on, case.due_on, case.get_state_display(), case.get_routing_display(),
            case.lead_unit.name if case.lead_unit_id else "", case.get_review_display() if case.review else "",
            case.get_callback_display() if case.callback else "", case.task.number if case.task_id else ""]


def export_cases(queryset, path, *, complainants=None) -> int:
    """Write the cases to `path`; `complainants(cases) -> {case id: (name, contact)}` adds those columns."""
    # Imported text stays text: a summary starting with "=" is not a live formula, a URL not a hyperlink.
    book = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False,
                                      "strings_to_urls": False, "strings_to_numbers": False})
    sheet = book.add_worksheet("信访件台账")
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    money = book.add_format({"num_format": "0.00"})
    columns = COLUMNS + (COMPLAINANT_COLUMNS if complainants else [])
    for c, (name, width) in enumerate(columns):
        sheet.set_column(c, c, width)
        sheet.write(0, c, name, bold)
    rows = queryset.select_related("batch", "division", "lead_unit", "task").order_by("batch__number", "serial", "id")
    count, chunk = 0, []

    def flush(chunk, start):
        types = {}
        for case_id, name in Case.types.through.objects.filter(case_id__in=[c.pk for c in chunk]).values_list(
                "case_id", "casetype__name"):
            types.setdefault(case_id, []).append(name)
        private = complainants(chunk) if complainants else {}
        for r, case in enumerate(chunk, start=start):
            values = _row(case, types.get(case.pk, []))
            if complainants:
                values += list(private.get(case.pk, ("", "")))
            for c, value in enumerate(values):
                if isinstance(value, dt.date):
                    sheet.write_number(r, c, (value - EXCEL_EPOCH).days, date)
                elif c == 14:
                    sheet.write_number(r, c, float(value), money)
                elif value is None:
                    continue
                else:
                    sheet.write(r, c, value)

    for case in rows.iterator(chunk_size=CHUNK):
        chunk.append(case)
        if len(chunk) >= CHUNK:
            flush(chunk, count + 1)
            count, chunk = count + len(chunk), []
    if chunk:
        flush(chunk, count + 1)
        count += len(chunk)
    book.close()
    return count
