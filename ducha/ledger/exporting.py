"""Exporting the ledger as xlsx in the columns the importer reads, so that
importing an export gives back the same ledger (sub-tasks as "9-1" rows,
units lead first, the deadline as written, category, domains, state).

Streams: xlsxwriter's constant_memory mode writes each row as it comes, and
tasks are read with `.iterator(chunk_size=…)` as plain tuples; units and
domains are fetched once per chunk (never per row) and names come from small
in-memory maps.
"""

import datetime as dt
import functools

import xlsxwriter
from django.utils.translation import gettext as _

from ducha.jurisdictions.models import Unit
from ducha.ledger.models import Category, PollutionDomain, ScheduleState, Task, TaskState, TaskUnit, WarningColour
from ducha.text.deadlines import DeadlineError, parse_deadline

CHUNK = 2000
# Dates are written as Excel serial numbers with a date format: the same cell
# as write_datetime gives, without its per-cell conversion cost.
EXCEL_EPOCH = dt.date(1899, 12, 30)
# (header, width): the header is the first name headers.FIELDS gives the field.
COLUMNS = [
    ("方案代码", 12), ("序号", 8), ("所属区划", 10), ("问题", 40), ("整改目标", 30), ("整改措施", 40),
    ("责任单位", 30), ("责任人", 14), ("整改时限", 16), ("整改类别", 10), ("污染领域", 10), ("督导单位", 16),
    ("督办领导", 10), ("验收单位", 16), ("整改状态", 10), ("进度", 6), ("完成情况", 30), ("完成日期", 12),
    # Read-only for the importer (no header of headers.FIELDS): the computed figure and the office's warning.
    # The ledger's own 序时进度 claim travels in 整改状态 ("未达到序时进度"), which the importer reads back.
    ("序时进度（系统计算）", 14), ("序时应完成", 8), ("预警", 8),
]
_VALUES = (
    "pk", "plan__code", "number", "division__name", "problem__description", "target", "measures",
    "responsible_people", "deadline", "deadline_text", "category", "supervising_unit_id", "supervising_leader",
    "acceptance_unit_id", "state", "progress", "progress_note", "completed_on", "reported_schedule", "schedule_state",
    "expected_progress", "warning",
)
# Column indexes of the figures written as numbers or dates.
_DEADLINE, _PROGRESS, _COMPLETED_ON, _EXPECTED = 8, 15, 17, 19


@functools.lru_cache(maxsize=4096)
def _date_of_text(text):
    try:
        return parse_deadline(text).date
    except DeadlineError:
        return None


def _chunks(queryset):
    chunk = []
    for row in queryset.values_list(*_VALUES).iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _related(ids):
    units, domains = {}, {}
    for task_id, unit_id in TaskUnit.objects.filter(task_id__in=ids).order_by("task_id", "position").values_list(
            "task_id", "unit_id"):
        units.setdefault(task_id, []).append(unit_id)
    through = Task.domains.through
    for task_id, domain_id in through.objects.filter(task_id__in=ids).values_list("task_id", "pollutiondomain_id"):
        domains.setdefault(task_id, []).append(domain_id)
    return units, domains


def export_ledger(queryset, out) -> int:
    """Write the tasks of `queryset` to `out` (a path or a binary file). Returns the row count."""
    unit_names = dict(Unit.objects.values_list("pk", "name"))
    domain_list = list(PollutionDomain.objects.values_list("pk", "name", "position"))
    domain_names = {pk: name for pk, name, _position in domain_list}
    domain_order = {pk: position for pk, _name, position in domain_list}
    categories = {value: str(label) for value, label in Category.choices}
    states = {value: str(label) for value, label in TaskState.choices}
    schedules = {value: str(label) for value, label in ScheduleState.choices}
    colours = {value: str(label) for value, label in WarningColour.choices}

    workbook = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    sheet = workbook.add_worksheet(_("整改台账"))
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "vcenter", "bg_color": "#E8EEF7",
                                "border": 1})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for col, (title, width) in enumerate(COLUMNS):
        sheet.set_column(col, col, width)
        sheet.write_string(0, col, title, bold)
    sheet.freeze_panes(1, 2)
    count = 0
    write_string, write_number = sheet.write_string, sheet.write_number
    for chunk in _chunks(queryset):
        units, domains = _related([row[0] for row in chunk])
        for (pk, plan_code, number, division, problem, target, measures, people, deadline, deadline_text,
             category, supervising_unit, leader, acceptance_unit, state, progress, note, completed_on, claim,
             schedule_state, expected, warning) in chunk:
            count += 1
            # Empty cells are left unwritten: xlsxwriter's per-cell cost dominates the export.
            values = (
                plan_code, number, division, problem, target, measures,
                "、".join(unit_names[u] for u in units.get(pk, ())), people, None, categories[category],
                "、".join(domain_names[d] for d in sorted(domains.get(pk, ()), key=domain_order.get)),
                unit_names.get(supervising_unit), leader, unit_names.get(acceptance_unit),
                # An in-progress task keeps the ledger's own claim in its state cell, as the ledger wrote it.
                schedules[claim] if claim and state == TaskState.IN_PROGRESS else states[state], None,
                note, None, schedules.get(schedule_state), None, colours.get(warning),
            )
            for col, value in enumerate(values):
                if value:
                    write_string(count, col, value)
            # The text as written reads back the same, unless the date was edited since.
            text_date = _date_of_text(deadline_text) if deadline_text else None
            if deadline_text and text_date == deadline:
                write_string(count, _DEADLINE, deadline_text)
            elif deadline_text and text_date is None and deadline is not None:
                # "立行立改" with a date set: both read back ("立行立改（2021年10月31日前）").
                write_string(count, _DEADLINE, f"{deadline_text}（{deadline.year}年{deadline.month}月{deadline.day}日前）")
            elif deadline is not None:
                write_number(count, _DEADLINE, (deadline - EXCEL_EPOCH).days, date_format)
            else:
                write_string(count, _DEADLINE, categories[category])
            write_number(count, _PROGRESS, progress)
            if completed_on is not None:
                write_number(count, _COMPLETED_ON, (completed_on - EXCEL_EPOCH).days, date_format)
            if expected is not None:
                write_number(count, _EXPECTED, expected)
    workbook.close()
    return count
