"""Every page has an icon: the app's and the public site's link it, and the
Django admin, which links none, finds it at /favicon.ico instead of a 404."""

import pytest
from django.contrib.staticfiles import finders


@pytest.mark.django_db
def test_favicon_ico_leads_to_the_served_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    target = response["Location"]
    assert target.endswith("core/favicon.svg")
    assert finders.find("core/favicon.svg")
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/login/", "/public/"])
def test_pages_link_the_icon(client, path):
    html = client.get(path, follow=True).content.decode()
    assert 'rel="icon"' in html and "core/favicon.svg" in html
