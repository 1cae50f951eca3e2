"""This month's warnings for the office: propose, confirm all blue in one click, confirm or override each;
anyone may read the warnings of tasks they can see."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.core import scoping
from ducha.core.actions import StaleEdit
from ducha.ledger.models import WarningColour

from .. import actions
from ..forms import MonthFilterForm, OverrideForm
from ..models import TaskWarning, WarningState

PAGE_SIZE = 50


def _messages_of(error):
    if isinstance(error, ValidationError):
        return [m for ms in getattr(error, "message_dict", {"": error.messages}).values() for m in ms]
    return [str(error)]


def bad_query(request, *, error=None, form=None):
    """A query string the page cannot show (a hand-edited address): the site's error page saying which
    value and why, with the navigation to go on."""
    if form is not None:
        detail = [f"{form[name].label}：{m}" if name in form.fields else m for name, ms in form.errors.items() for m in ms]
    else:
        detail = _messages_of(error)
    return render(request, "400.html", {"detail": " ".join(detail)}, status=400)


def month_of(request):
    """The month a request names (?month=YYYY-MM), this month when none; ValidationError when malformed."""
    raw = request.GET.get("month") or request.POST.get("month")
    return actions.parse_month(raw) if raw else actions.this_month()


def month_rows(user, month, colour="", state=""):
    rows = TaskWarning.objects.restrict(user, scoping.VIEW).filter(month=month)
    if state:
        rows = rows.filter(state=state)
    if colour:
        # The colour a reader sees: the decided one, else the proposal.
        rows = rows.filter(colour=colour) | rows.filter(colour="", proposed=colour)
    return rows


@login_required
def warning_month(request):
    form = MonthFilterForm(request.GET)
    try:
        month = month_of(request)
    except ValidationError as error:
        return bad_query(request, error=error)
    if not form.is_valid():
        return bad_query(request, form=form)
    return _month_page(request, month, form)


def _month_page(request, month, form, refused=None, status=200):
    """The month's page; `refused`: an override the action refused, shown again above the table with the
    colour chosen and the reason written."""
    rows = month_rows(request.user, month, form.cleaned_data["colour"], form.cleaned_data["state"])
    rows = rows.select_related("task", "task__lead_unit", "task__plan", "decided_by").order_by("state", "task__sort_key",
                                                                                               "id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    all_rows = month_rows(request.user, month)
    counts = {
        "proposed": {c: all_rows.filter(state=WarningState.PROPOSED, proposed=c).count() for c in WarningColour.values},
        "decided": {c: all_rows.exclude(state=WarningState.PROPOSED).filter(colour=c).count()
                    for c in WarningColour.values},
    }
    office = scoping.role_allows(request.user, scoping.ADD) and bool(
        request.user.is_admin or scoping.division_prefix(request.user))
    return render(request, "warnings/month.html", {
        "month": month, "form": form, "page": page, "rows": page.object_list, "counts": counts, "office": office,
        "colours": WarningColour.choices, "refused": refused,
        "blue_seen": actions.blue_seen(acting_user=request.user, month=month) if office else "",
    }, status=status)


def _back(request, month):
    return redirect(reverse("warnings:month") + f"?month={month:%Y-%m}")


def _for_month(request, run, success):
    """Run a month-wide action on the month the form names; say what it did, or why not (back on that month
    when it is one)."""
    month = None
    try:
        month = month_of(request)
        result = run(acting_user=request.user, month=month)
    except (ValidationError, PermissionDenied) as error:
        for message in _messages_of(error):
            messages.error(request, message)
        return _back(request, month) if month else redirect("warnings:month")
    messages.success(request, success(result))
    return _back(request, month)


@login_required
@require_POST
def propose(request):
    return _for_month(request, actions.propose_month, lambda counts: _(
        "已生成提议：新增 %(created)s 项，更新 %(updated)s 项，已确认的 %(decided)s 项未改动。") % counts)


@login_required
@require_POST
def confirm_blue(request):
    def run(**kwargs):  # the blues the page showed, if it says (an old page's click is refused)
        return actions.confirm_blue(**kwargs, seen=request.POST.get("seen"))

    return _for_month(request, run, lambda n: _("已确认蓝签 %(n)s 项。") % {"n": n})


def _visible_warning(request, pk):
    return get_object_or_404(TaskWarning.objects.restrict(request.user, scoping.VIEW), pk=pk)


@login_required
@require_POST
def decide(request, pk, name):
    warning = _visible_warning(request, pk)
    if name == "override":
        return _override(request, warning)
    try:
        actions.confirm_warning(acting_user=request.user, warning=warning, version=request.POST.get("version", ""))
    except (ValidationError, PermissionDenied, StaleEdit) as error:
        for message in _messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, _("预警已确认。"))
    return _back(request, warning.month)


def _override(request, warning):
    form = OverrideForm(request.POST)
    if not form.is_valid():  # each refusal after its field's label: the form shown again is above the table
        for message in [f"{form.fields[k].label}：{m}" if k in form.fields and form.fields[k].label else m
                        for k, v in form.errors.items() for m in v]:
            messages.error(request, message)
        return _refused_override(request, warning, form, form.data.get("version"))
    try:
        actions.override_warning(acting_user=request.user, warning=warning, colour=form.cleaned_data["colour"],
                                 reason=form.cleaned_data["reason"], version=form.cleaned_data["version"])
    except PermissionDenied as error:
        messages.error(request, str(error))
        return _back(request, warning.month)
    except (ValidationError, StaleEdit) as error:
        for message in _messages_of(error):
            messages.error(request, message)
        # Sent again, having read the message, it applies to the warning as it is now (a decided one is
        # refused again, saying so).
        return _refused_override(request, warning, form)
    messages.success(request, _("预警已改定。"))
    return _back(request, warning.month)


def _refused_override(request, warning, form, version=None):
    """The month's page again (400) with the refused override above the table: the colour chosen and the
    reason written, instead of a redirect to an empty form; at `version` (the one posted), else the
    warning's current one."""
    warning.refresh_from_db()
    everything = MonthFilterForm({})
    everything.is_valid()
    return _month_page(request, warning.month, everything, status=400, refused={
        "warning": warning, "colour": form.data.get("colour", ""), "reason": form.data.get("reason", ""),
        "version": version or warning.version})
