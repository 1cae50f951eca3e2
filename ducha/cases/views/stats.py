"""/cases/stats/: statistics and the map of cases, for staff, over the cases the reader may see."""

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ducha.cases import geo
from ducha.cases.models import Case, CaseSetup
from ducha.cases.stats import DENOMINATORS, case_stats
from ducha.core import scoping

POINTS = 2000


def _map(cases, division):
    if division is None:
        return None
    level = geo.map_level(division)
    counts = Counter()
    for path in cases.exclude(division__isnull=True).values_list("division__path", flat=True).iterator():
        codes = [c for c in path.split("/") if c]
        if len(codes) >= level:
            counts[codes[level - 1]] += 1
    areas = geo.boundaries(division)
    points = [{"lat": float(lat), "lon": float(lon), "n": number}
              for lat, lon, number in cases.filter(latitude__isnull=False, longitude__isnull=False)
              .values_list("latitude", "longitude", "number")[:POINTS]]
    return {"areas": [{**a, "count": counts.get(a["code"], 0)} for a in areas], "points": points,
            "unmatched": cases.filter(division__isnull=True).count()}


@require_safe
@login_required
def stats(request):
    cases = scoping.restrict(Case.objects.all(), request.user, scoping.VIEW)
    setups = list(scoping.restrict(CaseSetup.objects.select_related("inspection__division"), request.user,
                                   scoping.VIEW).order_by("code"))
    chosen = next((s for s in setups if s.code == request.GET.get("inspection", "")[:32]), None)
    if chosen:
        cases = cases.filter(inspection_id=chosen.inspection_id)
    division = chosen.inspection.division if chosen else request.user.scope_division
    return render(request, "cases/stats.html", {
        "stats": case_stats(cases), "setups": setups, "chosen": chosen, "denominators": DENOMINATORS,
        "map": _map(cases, division), "map_division": division})
