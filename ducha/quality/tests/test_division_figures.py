"""Figures on the quality page are written one way in every column and sentence (ducha.quality.display):
a space between number and unit ("低于 24 微克/立方米", "0 个"), none before a percent sign ("不低于 97%",
"96.9%"); pollutants with subscripts (PM₂.₅, O₃)."""

from bs4 import BeautifulSoup
from django.urls import reverse

from .test_views import lishui_2026  # noqa: F401 (fixture)


def test_year_to_date_figures_are_written_like_their_targets(client, lishui_2026):
    client.force_login(lishui_2026.users["coord"])
    page = BeautifulSoup(client.get(reverse("quality:division", args=["331100"]), {"year": 2026}).content, "lxml")
    cells = {row["data-indicator"]: [td.get_text(" ", strip=True) for td in row.select("td")]
             for row in page.select("#targets .target-row")}
    assert cells["good_days_ratio"][1:3] == ["不低于 97%", "96.9%"]
    assert cells["pm25_mean"][1:3] == ["低于 24 微克/立方米", "24 微克/立方米"]  # was 24微克/立方米 here,
    assert "须不高于 19 微克/立方米" in cells["pm25_mean"][4]  # and 19 微克/立方米 in the advice
    assert cells["inferior_v_sections"][1:3] == ["不高于 0 个", "0 个"]


def test_pollutants_are_written_with_subscripts_everywhere_on_the_page(client, lishui_2026):
    """The target's name, the advice, the primary pollutant and the chart's legend all write PM₂.₅ and O₃ (the
    ranking said O3 beside a PM₂.₅ elsewhere); the figures behind them keep the plain names."""
    client.force_login(lishui_2026.users["coord"])
    response = client.get(reverse("quality:division", args=["331100"]), {"year": 2026})
    page = BeautifulSoup(response.content, "lxml")
    row = page.select_one('#targets .target-row[data-indicator="pm25_mean"]')
    assert row.select_one(".col-title").get_text(strip=True) == "PM₂.₅平均浓度"
    assert "剩余 40 天 PM₂.₅ 日均浓度" in row.select_one(".advice").get_text()
    shown = page.select_one("main").get_text(" ")
    for plain in ("PM2.5", "PM10", "O3", "NO2", "SO2"):
        assert plain not in shown, plain
    ranking = response.context["ranking"]
    assert ranking.primary == "PM2.5"  # the figure itself, as ducha.standards names it
    assert "最大单项指数：PM₂.₅" in page.select_one("#composite-ranking").get_text()
    chart = page.select_one("#quality-chart-data").string
    assert '"pm25": "PM\\u2082.\\u2085"' in chart or '"pm25": "PM₂.₅"' in chart
