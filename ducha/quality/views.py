"""The quality-targets page of a division: each target of the year, the
year-to-date figure, whether it is on course and what the rest of the year
must average."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ducha.core.actions import FIRST_YEAR, LAST_YEAR
from ducha.core.filters import QueryForm, refuse_query

from .access import visible_divisions
from .display import AIR_UNIT, pollutants, quantity
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


class YearQuery(QueryForm):
    # Monitoring under GB 3095 starts long after 1900; the bounds only keep
    # dates and the database's year lookups valid.
    year = forms.IntegerField(label=_("年份"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)


@login_required
def division_targets(request, code):
    division = get_object_or_404(visible_divisions(request.user), code=code)
    query = YearQuery(request.GET)
    if not query.is_valid():
        return refuse_query(request, query)
    year = query.cleaned_data["year"] or timezone.localdate().year
    data = DivisionYear(division, year)
    targets = IndicatorTarget.objects.restrict(request.user).filter(division=division, year=year)
    statuses = [target_status(t, data) for t in targets.select_related("plan")]
    for s in statuses:  # as the page writes them: PM₂.₅, 24 微克/立方米 (ducha.quality.display)
        s.state_label = STATE_LABELS[s.state]
        s.name = pollutants(s.target.name or s.target.get_indicator_display())
        s.target_text = f"{s.target.get_comparator_display()} {quantity(s.target.value, s.target.unit)}"
        s.current_text = quantity(s.current, s.unit)
        s.advice_text = pollutants(s.advice)
    ranking = peer_ranking(division, year, data.as_of)
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
        "charts": {"monthly": data.monthly(), "water": data.class_distribution(),
                   "labels": {"pm25": pollutants("PM2.5"), "unit": AIR_UNIT}},
        "sections": sorted(data.section_classes().items()),
        "ranking": ranking,
        "primary": pollutants(ranking.primary) if ranking else "",
    })
