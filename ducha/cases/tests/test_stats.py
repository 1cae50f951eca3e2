import json
from decimal import Decimal

import pytest
from django.test import Client

from ducha.cases import geo
from ducha.cases.models import Case, CaseState, Verdict
from ducha.cases.stats import case_stats

from .outward_world import cases_world  # noqa: F401


@pytest.fixture
def spread(cases_world):
    w = cases_world
    w.case(1, verdict=Verdict.FALSE, state=CaseState.DONE)
    w.case(1, verdict=Verdict.TRUE, state=CaseState.STAGED, latitude=Decimal("28.45"), longitude=Decimal("119.92"))
    w.case(2, verdict=Verdict.PARTLY, state=CaseState.HANDLING, division="qt", types=("water", "air"))
    w.case(2, verdict="", state=CaseState.HANDLING, division=None)
    return w


def test_rates_over_named_denominators(spread):
    s = case_stats(Case.objects.all())
    o = s.overall
    assert (o.total, o.verified, o.false, o.true_any) == (4, 3, 1, 2)
    assert o.false_rate == "33.3%"  # 1 of the 3 verified, not of all 4
    assert o.completion_rate == "50.0%"  # done + staged over all 4
    assert o.true_completion_rate == "50.0%"  # 1 of the 2 found true
    assert [(line.label, line.total) for line in s.by_batch] == [("第1批", 2), ("第2批", 2)]
    assert {line.label: line.total for line in s.by_division} == {"莲都区": 2, "青田县": 1, "待分办": 1}
    assert {line.label: line.total for line in s.by_type} == {"大气": 4, "水": 1}
    assert {line.label for line in s.by_verdict} == {"不属实", "属实", "部分属实", "未核实"}


def test_boundaries_of_lishui_are_its_nine_counties():
    from ducha.jurisdictions.models import Division

    lishui = Division(code="331100", name="丽水市", level=2)
    areas = geo.boundaries(lishui)
    assert len(areas) == 9 and {"莲都区", "青田县", "景宁畲族自治县"} <= {a["name"] for a in areas}
    lon, lat = areas[0]["polygons"][0][0][0]
    assert 118 < lon < 121 and 27 < lat < 29


def test_stats_page_scoped_with_map(spread):
    client = Client()
    client.force_login(spread.users["coord"])
    page = client.get("/cases/stats/?inspection=zj2")
    assert page.status_code == 200
    html = page.content.decode()
    assert "33.3%" in html and "不属实件数 ÷ 已给出核实结论的件数" in html
    data = json.loads(html.split('id="case-map-data" type="application/json">')[1].split("</script>")[0])
    counts = {a["name"]: a["count"] for a in data["areas"]}
    assert counts["莲都区"] == 2 and counts["青田县"] == 1 and data["unmatched"] == 1
    assert data["points"] == [{"lat": 28.45, "lon": 119.92, "n": Case.objects.get(latitude__isnull=False).number}]
    other = Client()
    other.force_login(spread.users["wz_coord"])
    assert "33.3%" not in other.get("/cases/stats/").content.decode()
    assert Client().get("/cases/stats/").status_code == 302
