"""Figures on the quality page read the same way in both columns: the unit
follows the number directly, as the target states it ("不低于 97%", "96.9%")."""

from bs4 import BeautifulSoup
from django.urls import reverse

from .test_views import lishui_2026  # noqa: F401 (fixture)


def test_year_to_date_figures_are_written_like_their_targets(client, lishui_2026):
    client.force_login(lishui_2026.users["coord"])
    page = BeautifulSoup(client.get(reverse("quality:division", args=["331100"]), {"year": 2026}).content, "lxml")
    cells = {row["data-indicator"]: [td.get_text(" ", strip=True) for td in row.select("td")]
             for row in page.select("#targets .target-row")}
    assert cells["good_days_ratio"][1:3] == ["不低于 97%", "96.9%"]
    assert cells["pm25_mean"][1:3] == ["低于 24微克/立方米", "24微克/立方米"]
    assert cells["inferior_v_sections"][1:3] == ["不高于 0个", "0个"]
