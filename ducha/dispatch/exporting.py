"""The round as the 调度表 sent upward: a styled xlsx, one row per unit and task.

Title row, a header of the columns offices use, borders, wrapped text, the header frozen and repeated on
every printed page, landscape A4 fitted to the page width. The report shown for an obligation is the
unit's latest one inside the round's window (a correction filed later replaces the first); its status
(按时报送 / 迟报 / 漏报 / 待报) follows the first.
"""

import datetime as dt

import xlsxwriter
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.progress.models import ProgressReport

from .board import board
from .models import Obligation, Status, status_of
from .models.rounds import FOREVER

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = [("序号", 6), ("整改任务", 40), ("责任单位", 20), ("报告日期", 12), ("进度", 8),
           ("本期完成情况", 40), ("存在问题", 24), ("下一步计划", 24), ("报送情况", 10)]
CHUNK = 900


def export_name(round_):
    return f"调度表-第{round_.number}次-{timezone.localdate(round_.due_at):%Y%m%d}.xlsx"


def title_of(round_, as_of):
    return _("%(division)s生态环境保护督察整改第%(n)s次调度表（截至%(y)s年%(m)s月%(d)s日）") % {
        "division": round_.division.name, "n": round_.number, "y": as_of.year, "m": as_of.month, "d": as_of.day}


def _latest_reports(round_, task_ids):
    """{(task, unit): latest report inside the round's window}."""
    end = round_.closed_at or FOREVER
    latest = {}
    for start in range(0, len(task_ids), CHUNK):
        rows = (ProgressReport.objects.filter(task_id__in=task_ids[start:start + CHUNK])
                .filter(Q(created_at__gte=round_.opened_at) & Q(created_at__lte=end))
                .order_by("created_at", "id")
                .only("task_id", "unit_id", "reported_on", "percent", "done", "problems", "next_steps"))
        for report in rows:
            latest[report.task_id, report.unit_id] = report
    return latest


def export_round(round_, out, now=None):
    now = now or timezone.now()
    moment = min(now, round_.closed_at) if round_.closed_at else now
    as_of = timezone.localdate(moment)
    obligations = list(Obligation.objects.filter(round=round_).with_filing()
                       .select_related("task", "task__problem", "task__parent", "unit")
                       .order_by("task__sort_key", "task_id", "id"))
    reports = _latest_reports(round_, sorted({o.task_id for o in obligations}))
    book = xlsxwriter.Workbook(out, {"in_memory": False})
    sheet = book.add_worksheet(_("调度表"))
    base = {"border": 1, "valign": "top", "text_wrap": True, "font_name": "宋体", "font_size": 10}
    title = book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter",
                             "font_name": "方正小标宋简体"})
    header = book.add_format(base | {"bold": True, "align": "center", "valign": "vcenter", "bg_color": "#D9E1F2"})
    cell = book.add_format(base)
    centre = book.add_format(base | {"align": "center"})
    date = book.add_format(base | {"align": "center", "num_format": "yyyy-mm-dd"})
    percent = book.add_format(base | {"align": "center", "num_format": "0%"})
    marks = {Status.FILED: book.add_format(base | {"align": "center"}),
             Status.PENDING: book.add_format(base | {"align": "center", "font_color": "#6c757d"}),
             Status.LATE: book.add_format(base | {"align": "center", "font_color": "#9C5700", "bg_color": "#FFEB9C"}),
             Status.MISSING: book.add_format(base | {"align": "center", "bold": True, "font_color": "#9C0006",
                                                     "bg_color": "#FFC7CE"})}
    sheet.merge_range(0, 0, 0, len(COLUMNS) - 1, title_of(round_, as_of), title)
    sheet.set_row(0, 36)
    counts = board(round_, now=now).counts
    sheet.merge_range(1, 0, 1, len(COLUMNS) - 1, _(
        "报送截止：%(due)s　应报 %(total)s 项，按时 %(filed)s，迟报 %(late)s，漏报 %(missing)s，待报 %(pending)s") % {
        "due": timezone.localtime(round_.due_at).strftime("%Y-%m-%d %H:%M"), "total": sum(counts.values()),
        "filed": counts[Status.FILED], "late": counts[Status.LATE], "missing": counts[Status.MISSING],
        "pending": counts[Status.PENDING]}, book.add_format({"font_size": 10, "font_name": "宋体"}))
    for col, (name, width) in enumerate(COLUMNS):
        sheet.write(2, col, _(name), header)
        sheet.set_column(col, col, width)
    sheet.set_row(2, 24)
    row = 3
    for index, obligation in enumerate(obligations, start=1):
        report = reports.get((obligation.task_id, obligation.unit_id))
        status = status_of(obligation.filed, round_.due_at, moment)
        sheet.write_number(row, 0, index, centre)
        sheet.write_string(row, 1, f"{obligation.task.display_number} {obligation.task.title}", cell)
        sheet.write_string(row, 2, obligation.unit.name, cell)
        if report is not None:
            sheet.write_datetime(row, 3, dt.datetime.combine(report.reported_on, dt.time()), date)
            sheet.write_number(row, 4, report.percent / 100, percent)
            sheet.write_string(row, 5, report.done, cell)
            sheet.write_string(row, 6, report.problems, cell)
            sheet.write_string(row, 7, report.next_steps, cell)
        else:
            for col in range(3, 8):
                sheet.write_blank(row, col, None, cell)
        sheet.write_string(row, 8, str(Status(status).label), marks[status])
        row += 1
    sheet.freeze_panes(3, 0)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(2)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.set_footer("&C" + _("第 &P 页，共 &N 页"))
    book.close()
    return len(obligations)
