"""The outward side of the complaint-case demo: after the cases demo has loaded its batches, propose
repeats among them (as an import would) and give a few cases of 莲都区 map points, so that `make demo`
shows repeat proposals, the statistics map and, for reviewed cases, the public tables and Open311."""

from collections import Counter
from decimal import Decimal

# Real places in 莲都区 (WGS-84), for cases whose text names them.
# County seats of 丽水市 (approximate): a demo case in a county gets a point near its seat.
SEATS = {"莲都区": ("28.4463", "119.9126"), "青田县": ("28.1395", "120.2896"), "缙云县": ("28.6595", "120.0916"),
         "遂昌县": ("28.5924", "119.2761"), "松阳县": ("28.4495", "119.4818"), "云和县": ("28.1160", "119.5733"),
         "庆元县": ("27.6190", "119.0625"), "景宁畲族自治县": ("27.9733", "119.6354"), "龙泉市": ("28.0743", "119.1412")}
POINTED = 40  # cases given a point (the others have none, as most real cases)


def load_cases_out(loader=None) -> Counter:
    from ducha.cases.actions.repeats import find_repeats
    from ducha.cases.models import Case, RepeatLink

    created = Counter()
    cases = Case.objects.all()
    if not cases.exists():
        return created
    if cases.filter(latitude__isnull=False).exists():  # placed on an earlier run
        seats = ()
    else:
        seats = cases.filter(division__isnull=False).select_related("division").order_by("id")[:POINTED]
    for n, case in enumerate(seats):
        seat = SEATS.get(case.division.name)
        if seat is None:
            continue
        # Spread the points a little around the seat, the same way on every load.
        lat = Decimal(seat[0]) + Decimal((n * 37) % 41 - 20) / 1000
        lon = Decimal(seat[1]) + Decimal((n * 53) % 43 - 21) / 1000
        created["case points"] += cases.filter(pk=case.pk).update(latitude=lat, longitude=lon)
    if not RepeatLink.objects.exists():
        created["repeat proposals"] += find_repeats(cases, acting_user=None)
    return created
