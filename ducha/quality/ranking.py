"""A division's air composite index and its rank among its peers, as the
ranking releases state them (`ducha.standards.air_rank`): the year to date,
the same period a year earlier (its statistics over this period's limits,
so the change rate compares like with like), and month by month.

Peers are the divisions at the same level under the same parent that have
air data in the period (a province's cities, a city's counties). Only the
division's own figures and its place are shown; the peers' data are read to
rank it, as a published ranking would.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ducha.jurisdictions.models import Division
from ducha.standards.air_evaluate import evaluate_days
from ducha.standards.air_rank import (
    RULE_LABELS, change_rate, composite_index, limit_set_for, previous_year, primary_label, rule_for,
)
from ducha.standards.ranking import rank

from .models import AirDailyValue

SERIES = ("so2", "no2", "co", "o3_8h", "pm10", "pm25")
# evaluate_days statistic -> air_rank pollutant
STATISTICS = {"so2": "so2_mean", "no2": "no2_mean", "pm10": "pm10_mean", "pm25": "pm25_mean", "co": "co_p95",
              "o3_8h": "o3_8h_p90"}


@dataclass
class MonthIndex:
    label: str
    composite: Decimal | None


@dataclass
class PeerRanking:
    first: dt.date
    last: dt.date
    composite: Decimal | None
    primary: str
    rank: int | None
    peers: int                      # peers with a composite index in the period, the division included
    parent: str
    rules: str
    previous: Decimal | None        # same period a year earlier
    change: Decimal | None          # 同比变化率, %
    months: list[MonthIndex] = field(default_factory=list)


def _days(division_ids, first: dt.date, last: dt.date) -> dict[int, dict]:
    by_division: dict[int, dict] = {}
    rows = AirDailyValue.objects.filter(division_id__in=division_ids, day__range=(first, last))
    for r in rows.values_list("division_id", "day", *SERIES):
        by_division.setdefault(r[0], {})[r[1]] = dict(zip(SERIES, r[2:]))
    return by_division


def period_composite(days: dict, first: dt.date, last: dt.date, kind: str = "range", limit_set: str | None = None):
    """air_rank.CompositeIndex of one division's daily values over a period
    (limits of the rule in force at its end unless `limit_set` is given),
    None when a statistic is missing or the data fail the count rule."""
    if not days:
        return None
    ev = evaluate_days(days, first, last, kind)
    if not ev["valid"] or any(ev[s] is None for s in STATISTICS.values()):
        return None
    stats = {p: ev[s] for p, s in STATISTICS.items()}
    return composite_index(stats, limit_set or limit_set_for(rule_for(last), last))


def peer_ranking(division: Division, year: int, as_of: dt.date | None) -> PeerRanking | None:
    """The year to date (1 January to `as_of`) of `division` among its peers."""
    if as_of is None:
        return None
    first, last = dt.date(year, 1, 1), as_of
    peers = list(Division.objects.filter(parent_id=division.parent_id, level=division.level)
                 .values_list("id", flat=True))
    data = _days(peers, first, last)
    results = {pk: period_composite(days, first, last) for pk, days in data.items()}
    ranked = [pk for pk, res in results.items() if res is not None]
    ranks = dict(zip(ranked, rank([results[pk].composite for pk in ranked])))
    own = results.get(division.pk)
    prev_first, prev_last = previous_year(first, last)
    # like with like: last year's statistics over this period's limits (across 2026-03-01 the limits change, and
    # an index falling only because its denominators grew is no improvement; how the 2026 rules compare is unknown)
    prev = period_composite(_days([division.pk], prev_first, prev_last).get(division.pk, {}), prev_first, prev_last,
                            limit_set=own.limit_set if own else None)
    months = []
    own_days = data.get(division.pk, {})
    for m in range(1, last.month + 1):
        m_first = dt.date(year, m, 1)
        m_end = dt.date(year, m, calendar.monthrange(year, m)[1])
        m_last = min(m_end, last)
        days = {d: v for d, v in own_days.items() if m_first <= d <= m_last}
        res = period_composite(days, m_first, m_last, "month" if m_last == m_end else "range")
        months.append(MonthIndex(f"{m}月", res.composite if res else None))
    return PeerRanking(
        first=first,
        last=last,
        composite=own.composite if own else None,
        primary=primary_label(own.primary) if own else "",
        rank=ranks.get(division.pk),
        peers=len(ranked),
        parent=division.parent.name if division.parent_id else "",
        rules=RULE_LABELS[rule_for(last)],
        previous=prev.composite if prev else None,
        change=change_rate(own.composite, prev.composite) if (own and prev) else None,
        months=months,
    )
