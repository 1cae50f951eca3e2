"""节假日安排 (/calendar/<year>/): the year's holidays and adjusted working days as the system counts them,
where each comes from, and — for administrators — forms to enter a year or correct a day."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.core import scoping
from ducha.core.actions import FIRST_YEAR, LAST_YEAR

from .. import actions, official_calendar
from ..forms import DayForm, YearForm
from ..models import CalendarDay, CalendarYear
from ..reading import MAX_BYTES, read_days


def _year(year):
    if year is None:
        return dt.date.today().year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


@login_required
def calendar_year(request, year=None):
    year = _year(year)
    calendar = official_calendar()
    entered = {d.date: d for d in CalendarDay.objects.filter(date__year=year).select_related("entered_by")}
    days = [{"day": d, "entered": entered.get(d.date)} for d in calendar.days_in(year)]
    return render(request, "holidays/year.html", {
        "year": year, "days": days, "known": year in calendar.years,
        "record": CalendarYear.objects.filter(year=year).first(),
        "may_edit": scoping.may_edit_calendar(request.user),
        "day_form": DayForm(), "year_form": YearForm(),
        "years": sorted(calendar.years | {year, year + 1})[-8:],
    })


def _fail(request, error):
    for message in getattr(error, "messages", [str(error)]):
        messages.error(request, message)


@login_required
@require_POST
def set_day(request, year):
    form = DayForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label if field in form.fields else field}：{errors[0]}")
        return redirect("holidays:year", year=_year(year))
    try:
        actions.set_day(acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("已记录 %(date)s。") % {"date": form.cleaned_data["date"]})
    except (ValidationError, PermissionDenied) as error:
        _fail(request, error)
    return redirect("holidays:year", year=form.cleaned_data["date"].year)


@login_required
@require_POST
def remove_day(request, year):
    try:
        date = dt.date.fromisoformat(request.POST.get("date", "")[:10])
        actions.remove_day(acting_user=request.user, date=date)
        messages.success(request, _("已撤销 %(date)s 的调整。") % {"date": date})
    except ValueError:
        messages.error(request, _("日期无效。"))
    except (ValidationError, PermissionDenied) as error:
        _fail(request, error)
    return redirect("holidays:year", year=_year(year))


@login_required
@require_POST
def publish_year(request, year):
    year = _year(year)
    if not scoping.may_edit_calendar(request.user):
        raise PermissionDenied
    form = YearForm(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}：{errors[0]}")
        return redirect("holidays:year", year=year)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > MAX_BYTES:
            raise ValidationError({"file": [_("文件过大（最多 64 KB）。")]})
        days = read_days(upload.read(MAX_BYTES + 1))
        actions.publish_year(acting_user=request.user, year=year, days=days, source=form.cleaned_data["source"])
        messages.success(request, _("已录入 %(year)s 年节假日安排（%(n)s 个日期）。") % {"year": year, "n": len(days)})
    except (ValidationError, PermissionDenied) as error:
        _fail(request, error)
    return redirect("holidays:year", year=year)
