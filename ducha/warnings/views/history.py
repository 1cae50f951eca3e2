"""Warning history of a unit (the tasks it leads), and the month's warning list as a styled workbook."""

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from ducha.core import scoping
from ducha.jurisdictions.models import Unit

from ..exporting import export_month
from ..models import DECIDED, Consequence, TaskWarning
from .months import bad_query, month_of, month_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def unit_history(request, pk):
    unit = get_object_or_404(Unit, pk=pk)
    warnings = (TaskWarning.objects.restrict(request.user, scoping.VIEW)
                .filter(task__lead_unit=unit, state__in=DECIDED)
                .select_related("task", "task__plan").order_by("-month", "task__sort_key")[:500])
    consequences = Consequence.objects.restrict(request.user, scoping.VIEW).filter(unit=unit).select_related("task")
    if not warnings and not consequences.exists() and not scoping.restrict(
            unit.led_tasks.all(), request.user, scoping.VIEW).exists():
        # A unit none of whose tasks the user sees: nothing to show, and no telling whether it exists.
        raise Http404
    return render(request, "warnings/unit_history.html", {
        "unit": unit, "warnings": warnings, "consequences": consequences[:200],
        "points": sum((c.points for c in consequences), start=0),
    })


@login_required
def month_export(request):
    try:
        month = month_of(request)
    except ValidationError as error:
        return bad_query(request, error=error)
    out = io.BytesIO()
    export_month(month_rows(request.user, month), month, out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=f"预警-{month:%Y-%m}.xlsx", content_type=XLSX)
