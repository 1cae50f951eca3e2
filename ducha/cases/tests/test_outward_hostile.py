import pytest
from django.test import Client

from ducha.cases.tests.outward_world import cases_world  # noqa: F401

HOSTILE = ["abc", "-5", "1.5", "1e400", "NaN", "9223372036854775808", "2020-13-45", "\x00", "x" * 5000, "'\"<>"]
URLS = ["/public/cases/", "/public/cases/zj2/1/", "/public/cases/zj2/1.xlsx", "/open311/v2/services.json",
        "/open311/v2/requests.json", "/open311/v2/requests.xml", "/cases/stats/"]


@pytest.mark.django_db
def test_hostile(cases_world):
    cases_world.case(1)
    client = Client()
    client.force_login(cases_world.users["coord"])
    for url in URLS:
        for name in ["start_date", "end_date", "status", "service_code", "service_request_id", "inspection", "page"]:
            for value in HOSTILE:
                response = client.get(url, {name: value})
                assert response.status_code < 500, (url, name, value)
