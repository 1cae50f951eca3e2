"""The quality-targets page of a division: each target of the year, the
year-to-date figure, whether it is on course and what the rest of the year
must average."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from .access import visible_divisions
from .figures import STATE_LABELS, DivisionYear, target_status
from .models import IndicatorTarget
from .ranking import peer_ranking


@login_required
def division_index(request):
    """The user's own division, or the first one with targets they can see."""
    division = request.user.scope_division
    if division is None:
        target = IndicatorTarget.objects.restrict(request.user).select_related("division").first()
        division = target.division if target else None
    if division is None:
        raise Http404("no division")
    return redirect("quality:division", code=division.code)


@login_required
def division_targets(request, code):
    division = get_object_or_404(visible_divisions(request.user), code=code)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        raise Http404("bad year") from None
    data = DivisionYear(division, year)
    targets = IndicatorTarget.objects.restrict(request.user).filter(division=division, year=year)
    statuses = [target_status(t, data) for t in targets.select_related("plan")]
    for s in statuses:
        s.state_label = STATE_LABELS[s.state]
    years = sorted(set(IndicatorTarget.objects.restrict(request.user).filter(division=division)
                       .values_list("year", flat=True)) | {year})
    return render(request, "quality/division.html", {
        "division": division,
        "year": year,
        "years": years,
        "statuses": statuses,
        "as_of": data.as_of,
        "remaining_days": data.remaining_days,
        "calendar": data.calendar(),
        "charts": {"monthly": data.monthly(), "water": data.class_distribution()},
        "sections": sorted(data.section_classes().items()),
        "ranking": peer_ranking(division, year, data.as_of),
    })
