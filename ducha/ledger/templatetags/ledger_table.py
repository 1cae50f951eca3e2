"""The rows of a task table, written in Python.

A page of the ledger shows 50 tasks of nine cells each; as template markup
that was about 1,200 variable and translation nodes per page and most of the
page's server time (issue 7). This tag writes the same cells with each label
translated and each URL reversed once per table, not once per row. The
markup is what `includes/task_table.html` used to render per row, without
the indentation between tags (which the browser does not show).
"""

from html import escape

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ducha.core.rows import url_with_pk
from ducha.ledger.models.tasks import Category, ScheduleState, TaskState, WarningColour, is_overdue

register = template.Library()


def _url_with_pk(name):
    url = url_with_pk(name)
    return lambda pk: escape(url(pk))


class _Labels:
    """Everything a row shows that does not depend on the row, translated once."""

    def __init__(self):
        def text(message):
            return escape(_(message))

        self.number, self.unit, self.deadline = text("序号"), text("牵头单位"), text("整改时限")
        self.category, self.state, self.progress = text("类别"), text("状态"), text("进度")
        self.children, self.updated = text("子任务"), text("更新")
        self.schedule, self.warning, self.expected = text("序时进度"), text("预警"), text("序时应完成")
        self.untitled, self.overdue, self.done_of_all = text("（未填写）"), text("已逾期"), text("已完成/全部")
        self.empty = text("没有符合条件的整改任务。")
        # Task.get_FOO_display() hashes every (lazy) choice on each call.
        self.categories = {value: escape(str(label)) for value, label in Category.choices}
        self.states = {value: escape(str(label)) for value, label in TaskState.choices}  # as state_badge writes them
        self.schedules = {value: escape(str(label)) for value, label in ScheduleState.choices}
        self.warnings = {value: escape(str(label)) for value, label in WarningColour.choices}
        self.zone = timezone.get_current_timezone()
        self.detail_url = _url_with_pk("ledger:task_detail")
        self.children_url = escape(reverse("ledger:task_list")) + "?parent="


def _deadline(task, labels, today):
    if task.deadline:
        day = task.deadline.isoformat()
        if is_overdue(task.deadline, task.state, today):
            return (f'<span class="badge text-bg-danger" title="{labels.overdue}">'
                    f'<i class="bi bi-exclamation-circle"></i> {day}</span>')
        return f'<span class="text-nowrap">{day}</span>'
    return f'<span class="text-secondary">{escape(task.deadline_text or "—")}</span>'


def _row(task, labels, today, show_plan, sortable):
    pk, progress = task.pk, task.progress
    plan = f'<div class="small text-secondary fw-normal">{escape(task.plan_code)}</div>' if show_plan else ""
    if task.child_total:
        children_cell = (f'<td data-label="{labels.children}" class="text-nowrap"><a href="{labels.children_url}{pk}" '
                         f'title="{labels.done_of_all}">{task.child_done}/{task.child_total}</a></td>')
    else:
        children_cell = (f'<td data-label="{labels.children}" class="text-nowrap d-none d-md-table-cell">'
                         f'<span class="text-secondary">—</span></td>')
    updated = ""
    if sortable:
        stamp = task.updated_at.astimezone(labels.zone).strftime("%m-%d %H:%M") if task.updated_at else ""
        updated = (f'<td data-label="{labels.updated}" class="d-none d-xl-table-cell small text-secondary '
                   f'text-nowrap">{stamp}</td>')
    return (
        f'<tr data-task-id="{pk}">'
        f'<td data-label="{labels.number}" class="col-number"><span class="d-md-none text-secondary">{labels.number} '
        f'</span>{escape(str(task.display_number))}</td>'
        f'<td class="col-title"><a href="{labels.detail_url(pk)}" class="task-link">'
        f'{escape(task.title) if task.title else labels.untitled}</a>{plan}</td>'
        f'<td data-label="{labels.unit}" class="col-unit">{escape(task.lead_unit_name)}</td>'
        f'<td data-label="{labels.deadline}" class="col-deadline">{_deadline(task, labels, today)}</td>'
        f'<td data-label="{labels.category}" class="text-nowrap col-category">'
        f'{labels.categories.get(task.category) or escape(task.category)}</td>'
        f'<td data-label="{labels.state}"><span class="badge rounded-pill badge-state-{escape(task.state)}">'
        f'{labels.states.get(task.state) or escape(task.state)}</span></td>'
        f'<td data-label="{labels.progress}" class="progress-cell"><div><div class="d-flex align-items-center gap-2">'
        f'<div class="progress flex-grow-1" role="progressbar" aria-label="{labels.progress}" '
        f'aria-valuenow="{progress}" aria-valuemin="0" aria-valuemax="100">'
        f'<div class="progress-bar pct-{progress}{" bg-success" if progress == 100 else ""}"></div></div>'
        f'<span class="small text-secondary">{progress}%</span></div></div></td>'
        f'{_schedule_cell(task, labels)}{_warning_cell(task, labels)}'
        f'{children_cell}{updated}</tr>'
    )


def _schedule_cell(task, labels):
    state = task.schedule_state
    if not state:
        return f'<td data-label="{labels.schedule}"><span class="text-secondary">—</span></td>'
    expected = task.expected_progress
    title = f' title="{labels.expected} {expected}%"' if expected is not None else ""
    return (f'<td data-label="{labels.schedule}"><span class="badge badge-schedule-{escape(state)}"{title}>'
            f'{labels.schedules.get(state) or escape(state)}</span></td>')


def _warning_cell(task, labels):
    colour = task.warning
    if not colour:
        return f'<td data-label="{labels.warning}"><span class="text-secondary">—</span></td>'
    return (f'<td data-label="{labels.warning}"><span class="badge badge-warning-{escape(colour)}">'
            f'{labels.warnings.get(colour) or escape(colour)}</span></td>')


@register.simple_tag
def task_rows(tasks, show_plan=False, sortable=False):
    """The <tr> elements of a task table (TableRow objects from views.common.for_table)."""
    labels = _Labels()
    today = timezone.localdate()
    rows = [_row(task, labels, today, show_plan, sortable) for task in tasks]
    if not rows:
        rows = [f'<tr class="empty-row"><td colspan="11" class="text-center text-secondary py-4">{labels.empty}'
                '</td></tr>']
    return mark_safe("\n".join(rows))
