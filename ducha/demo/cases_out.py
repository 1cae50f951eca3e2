"""The outward side of the complaint-case demo: after the cases demo has loaded its batches, propose
repeats among them (as an import would) and give a few cases of 莲都区 map points, so that `make demo`
shows repeat proposals, the statistics map and, for reviewed cases, the public tables and Open311."""

from collections import Counter
from decimal import Decimal

# Real places in 莲都区 (WGS-84), for cases whose text names them.
POINTS = {"碧湖": (Decimal("28.3416"), Decimal("119.7906")), "紫金": (Decimal("28.4556"), Decimal("119.9219")),
          "大港头": (Decimal("28.2780"), Decimal("119.7420")), "南明山": (Decimal("28.4350"), Decimal("119.9047")),
          "联城": (Decimal("28.4100"), Decimal("119.8300")), "老竹": (Decimal("28.5190"), Decimal("119.8060"))}


def load_cases_out(loader=None) -> Counter:
    from ducha.cases.actions.repeats import find_repeats
    from ducha.cases.models import Case, RepeatLink

    created = Counter()
    cases = Case.objects.all()
    if not cases.exists():
        return created
    for place, (lat, lon) in POINTS.items():
        created["case points"] += cases.filter(summary__contains=place, latitude__isnull=True).update(
            latitude=lat, longitude=lon)
    if not RepeatLink.objects.exists():
        created["repeat proposals"] += find_repeats(cases, acting_user=None)
    return created
