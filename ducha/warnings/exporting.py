"""The month's warning list as a workbook to print and publish (作战图, bulletin): a title, bordered and
wrapped cells, the header frozen and repeated on every printed page, A4 landscape fitted to the width."""

import xlsxwriter
from django.utils.translation import gettext as _

from ducha.ledger.models import ScheduleState, WarningColour

from .models import WarningState

COLUMNS = [
    (_("序号"), 6), (_("方案"), 12), (_("任务序号"), 9), (_("问题/任务"), 40), (_("牵头单位"), 22),
    (_("整改时限"), 11), (_("进度"), 7), (_("序时进度"), 12), (_("系统提议"), 9), (_("预警"), 9),
    (_("状态"), 8), (_("理由"), 46), (_("确认人"), 10), (_("确认时间"), 16),
]
FILLS = {WarningColour.BLUE: "#CFE2FF", WarningColour.YELLOW: "#FFF3CD", WarningColour.RED: "#F8D7DA"}


def export_month(rows, month, out) -> int:
    rows = rows.select_related("task", "task__plan", "task__lead_unit", "decided_by").order_by(
        "task__plan__code", "task__sort_key", "id")
    colours = dict(WarningColour.choices)
    schedules = dict(ScheduleState.choices)
    states = dict(WarningState.choices)
    book = xlsxwriter.Workbook(out, {"strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    sheet = book.add_worksheet(_("预警清单"))
    title = book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    head = book.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter",
                            "bg_color": "#E8EEF7"})
    base = {"border": 1, "text_wrap": True, "valign": "top"}
    cell = book.add_format(base)
    coloured = {c: book.add_format(base | {"bg_color": fill, "align": "center"}) for c, fill in FILLS.items()}
    sheet.merge_range(0, 0, 0, len(COLUMNS) - 1,
                      _("%(year)s年%(month)s月督察整改任务预警清单") % {"year": month.year, "month": month.month}, title)
    sheet.set_row(0, 30)
    for col, (label, width) in enumerate(COLUMNS):
        sheet.set_column(col, col, width)
        sheet.write_string(1, col, str(label), head)
    sheet.freeze_panes(2, 0)
    count = 0
    for count, w in enumerate(rows.iterator(chunk_size=2000), start=1):
        task = w.task
        shown = w.colour or w.proposed
        values = [
            str(count), task.plan.code, str(task.display_number), task.title, str(task.lead_unit),
            task.deadline.isoformat() if task.deadline else task.deadline_text, f"{task.progress}%",
            schedules.get(task.schedule_state, ""), str(colours.get(w.proposed, "")), str(colours.get(shown, "")),
            str(states.get(w.state, "")), w.override_reason or w.reasons, str(w.decided_by or ""),
            w.decided_at.strftime("%Y-%m-%d %H:%M") if w.decided_at else "",
        ]
        for col, value in enumerate(values):
            fmt = coloured.get(shown, cell) if col == 9 else coloured.get(w.proposed, cell) if col == 8 else cell
            sheet.write_string(count + 1, col, str(value), fmt)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, 1)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_footer("&C" + _("第 &P 页，共 &N 页"))
    sheet.autofilter(1, 0, max(count + 1, 1), len(COLUMNS) - 1)
    book.close()
    return count
