import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from ducha.quality import demo, services
from ducha.quality.models import AirDailyValue, WaterSectionResult


@pytest.fixture
def lishui_2026(world):
    """Targets and 325 days of PM2.5 summing to 7817 (mean 24.05): 40 days left in 2026."""
    ls = world.div["ls"]
    coord = world.users["coord"]
    services.create_target(acting_user=coord, division=ls, indicator="pm25_mean", comparator="<", value="24",
                           year=2026, unit="微克/立方米")
    services.create_target(acting_user=coord, division=ls, indicator="good_days_ratio", comparator=">=",
                           value="97", year=2026, unit="%")
    services.create_target(acting_user=coord, division=ls, indicator="inferior_v_sections", comparator="<=",
                           value="0", year=2026, unit="个")
    first = dt.date(2026, 1, 1)
    rows = []
    for i in range(325):
        pm25 = 24 if i < 308 else 25  # 17 × 25 + 308 × 24 = 7817
        o3 = 100 if i >= 10 else 220  # O3 8h 220: IAQI > 100, so 10 days not good: 315/325 = 96.9%
        rows.append(AirDailyValue(division=ls, day=first + dt.timedelta(days=i), so2=5, no2=20, co="0.5",
                                  o3_8h=o3, pm10=40, pm25=pm25))
    AirDailyValue.objects.bulk_create(rows)
    for month, nh3n in ((1, "0.4"), (2, "2.6")):  # mean NH3-N 1.5: class Ⅳ, not 劣Ⅴ
        WaterSectionResult.objects.create(division=ls, month=dt.date(2026, month, 1), section="小安溪", waterbody="river",
                                          water_class="II" if month == 1 else "劣V", values={"nh3n": nh3n})
    return world


def test_coordinator_sees_year_to_date_figures_and_what_the_rest_must_average(client, lishui_2026):
    client.force_login(lishui_2026.users["coord"])
    page = client.get(reverse("quality:division", args=["331100"]), {"year": 2026})
    assert page.status_code == 200
    text = page.content.decode()
    assert "剩余 40 天 PM₂.₅ 日均浓度须不高于 19 微克/立方米" in text
    assert "剩余 40 天中至少须有 39 天空气质量优良" in text
    statuses = {s.target.indicator: s for s in page.context["statuses"]}
    assert statuses["pm25_mean"].current == "24" and statuses["pm25_mean"].state == "behind"
    assert statuses["good_days_ratio"].current == "96.9"
    # The section's class is that of its mean values, not of its worst month.
    assert statuses["inferior_v_sections"].current == "0" and statuses["inferior_v_sections"].state == "on_course"
    assert 'id="aqi-calendar"' in text and "vendor/chart.js/chart.umd.min.js" in text


def test_unattainable_target_says_so(client, lishui_2026):
    AirDailyValue.objects.filter(day__lt=dt.date(2026, 3, 1)).update(pm25=60)
    client.force_login(lishui_2026.users["coord"])
    page = client.get(reverse("quality:division", args=["331100"]), {"year": 2026})
    status = {s.target.indicator: s for s in page.context["statuses"]}["pm25_mean"]
    assert status.state == "unattainable" and "无法达到目标" in status.advice


def test_county_user_sees_the_city_above_but_another_city_gets_404(client, lishui_2026):
    client.force_login(lishui_2026.users["ld_leader"])
    assert client.get(reverse("quality:division", args=["331100"])).status_code == 200
    client.force_login(lishui_2026.users["wz_coord"])
    assert client.get(reverse("quality:division", args=["331100"])).status_code == 404
    assert client.get(reverse("quality:division", args=["330300"])).status_code == 200


def test_index_redirects_to_the_users_division(client, lishui_2026):
    client.force_login(lishui_2026.users["coord"])
    response = client.get(reverse("quality:index"))
    assert response.status_code == 302 and response.url.endswith("/quality/331100/")


def test_anonymous_is_sent_to_login(client, lishui_2026):
    assert client.get(reverse("quality:division", args=["331100"])).status_code == 302


def test_demo_loads_targets_and_a_year_of_data_idempotently(client, world):
    first = demo.load(world.users["coord"], world.div["ls"])
    assert first["targets"] == 5 and first["air_days"] > 300 and first["water_months"] >= 10
    again = demo.load(world.users["coord"], world.div["ls"])
    assert again["targets"] == 0 and AirDailyValue.objects.count() == first["air_days"]
    client.force_login(world.users["coord"])
    page = client.get(reverse("quality:division", args=["331100"]), {"year": 2026})
    states = {s.target.indicator: s.state for s in page.context["statuses"]}
    assert "no_data" not in states.values()
    drinking = {s.target.indicator: s for s in page.context["statuses"]}["drinking_water_attainment_ratio"]
    assert "2 个水源地" in drinking.advice  # the two reservoirs marked 是 in the demo's water files


def _water_page(client, world):
    client.force_login(world.users["coord"])
    page = client.get(reverse("quality:division", args=["331100"]), {"year": 2026})
    return {s.target.indicator: s for s in page.context["statuses"]}, page.content.decode()


def test_water_targets_say_what_the_remaining_months_need(client, lishui_2026):
    services.create_target(acting_user=lishui_2026.users["coord"], division=lishui_2026.div["ls"],
                           indicator="surface_water_good_ratio", comparator=">=", value="100", year=2026, unit="%")
    statuses, text = _water_page(client, lishui_2026)
    good = statuses["surface_water_good_ratio"]
    assert good.current == "0.0" and good.state == "behind"
    # 小安溪 NH3-N 0.4 and 2.6 so far: the other ten months must average at most (1.0 × 12 − 3.0) / 10
    assert "剩余 10 个月须至少有 1 个断面全年均值达到Ⅲ类及以上（目前 0 个，共 1 个）" in good.advice
    assert "小安溪剩余月份均值须氨氮不高于 0.9 毫克/升" in text
    inferior = statuses["inferior_v_sections"]
    assert inferior.state == "on_course" and "须至少有 1 个断面全年均值好于劣Ⅴ类（目前 1 个" in inferior.advice


def test_water_target_already_out_of_reach(client, lishui_2026):
    ls = lishui_2026.div["ls"]
    services.create_target(acting_user=lishui_2026.users["coord"], division=ls,
                           indicator="surface_water_good_ratio", comparator=">=", value="100", year=2026, unit="%")
    for month in range(1, 12):  # 大溪 NH3-N 3.0 for eleven months: 33 > 1.0 × 12 even with a zero December
        WaterSectionResult.objects.create(division=ls, month=dt.date(2026, month, 1), section="大溪", waterbody="river",
                                          water_class="劣V", values={"nh3n": "3.0"})
    statuses, _text = _water_page(client, lishui_2026)
    good = statuses["surface_water_good_ratio"]
    assert good.state == "unattainable"
    assert "至多 1 个断面全年均值能达到Ⅲ类及以上，少于所需的 2 个" in good.advice
    # 劣Ⅴ ≤ 0 is out of reach too: 大溪 would need a negative December (2.0 × 12 − 33 < 0)
    assert statuses["inferior_v_sections"].state == "unattainable"


def test_drinking_water_attainment_counts_the_marked_sources(client, lishui_2026):
    ls = lishui_2026.div["ls"]
    services.create_target(acting_user=lishui_2026.users["coord"], division=ls,
                           indicator="drinking_water_attainment_ratio", comparator=">=", value="100", year=2026,
                           unit="%")
    statuses, _text = _water_page(client, lishui_2026)
    status = statuses["drinking_water_attainment_ratio"]
    assert status.state == "no_data" and "drinking_source" in status.advice  # 小安溪 is not a source
    for month, tp in ((1, "0.05"), (2, "0.05")):
        WaterSectionResult.objects.create(division=ls, month=dt.date(2026, month, 1), section="紧水滩水库",
                                          waterbody="reservoir", water_class="III", values={"tp": tp},
                                          drinking_source=True)
        WaterSectionResult.objects.create(division=ls, month=dt.date(2026, month, 1), section="黄村水库",
                                          waterbody="reservoir", water_class="IV", values={"tp": "0.07"},
                                          drinking_source=True)
    statuses, text = _water_page(client, lishui_2026)
    status = statuses["drinking_water_attainment_ratio"]
    # 紧水滩 at the lake Ⅲ limit 0.05 attains, 黄村 0.07 does not: 1 of 2; 小安溪 (no source) not counted
    assert status.current == "50.0" and status.state == "behind"
    assert "剩余 10 个月须至少有 2 个水源地全年均值达到Ⅲ类及以上（目前 1 个，共 2 个）" in status.advice
    # (0.05 × 12 − 0.14) / 10 = 0.046
    assert "黄村水库剩余月份均值须总磷不高于 0.046 毫克/升" in text


def test_division_shows_its_composite_index_and_rank_among_peers(client, lishui_2026):
    """丽水市 against 温州市 (both cities of 浙江省) over the year to date."""
    wz = lishui_2026.div["wz"]
    first = dt.date(2026, 1, 1)
    AirDailyValue.objects.bulk_create(
        AirDailyValue(division=wz, day=first + dt.timedelta(days=i), so2=5, no2=20, co="0.5", o3_8h=100, pm10=40,
                      pm25=20)
        for i in range(325)
    )
    # last year, same period: PM2.5 30 for 丽水市
    AirDailyValue.objects.bulk_create(
        AirDailyValue(division=lishui_2026.div["ls"], day=dt.date(2025, 1, 1) + dt.timedelta(days=i), so2=5, no2=20,
                      co="0.5", o3_8h=100, pm10=40, pm25=30)
        for i in range(325)
    )
    client.force_login(lishui_2026.users["coord"])
    page = client.get(reverse("quality:division", args=["331100"]), {"year": 2026})
    ranking = page.context["ranking"]
    # 丽水市 to 2026-11-21 (GB 3095-2026 transition limits: PM10 60, PM2.5 30): SO2 5/60 0.08, NO2 20/40 0.50,
    # PM10 40/60 0.67, PM2.5 24/30 0.80, CO 0.5/4 0.12 (0.125 half-even), O3 p90 100/160 0.62 (0.625) -> 2.79
    assert ranking.composite == Decimal("2.79") and ranking.primary == "PM2.5"
    assert ranking.rank == 2 and ranking.peers == 2 and ranking.parent == "浙江省"
    # 2025 over the same GB 3095-2026 limits (like with like): 0.08 + 0.50 + 0.67 + 1.00 + 0.12 + 0.62 = 2.99;
    # (2.79 - 2.99) / 2.99 = -6.7 %. Over its own GB 3095-2012 limits it would be 2.75 and PM2.5 24 against 30
    # would read as a worsening.
    assert ranking.previous == Decimal("2.99") and ranking.change == Decimal("-6.7")
    assert [m.label for m in ranking.months][:2] == ["1月", "2月"] and len(ranking.months) == 11
    text = page.content.decode()
    assert 'id="composite-ranking"' in text and "在浙江省所辖 2 个同级区划中排第" in text and "同比变化率 -6.7%（改善）" in text


@pytest.mark.parametrize("year", ["-5", "0", "99999999999", "abc", "1e3"])
def test_a_year_out_of_range_is_a_400_naming_the_year(client, world, year):
    client.force_login(world.users["coord"])
    response = client.get(reverse("quality:division", args=["331100"]), {"year": year})
    assert response.status_code == 400
    assert "年份：" in response.content.decode()
