"""A form sent with a token that is no longer valid (the page sat open while the user signed in again in
another window, or cookies are off) is refused with a page that says what happened and what to do."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)


def test_a_login_form_left_open_while_signing_in_elsewhere_is_refused_in_plain_chinese(world):
    browser = Client(enforce_csrf_checks=True)
    stale = _token(browser.get("/login/"))
    fresh = _token(browser.get("/login/"))
    assert browser.post("/login/", {"username": "coord", "password": "pw-coord",
                                    "csrfmiddlewaretoken": fresh}).status_code == 302  # rotates the token
    refused = browser.post("/login/", {"username": "coord", "password": "pw-coord", "csrfmiddlewaretoken": stale})
    page = refused.content.decode()
    assert refused.status_code == 403 and "页面已失效" in page and "后退" in page
    assert "DEBUG" not in page and "CSRF" not in page and 'href="/"' in page


def test_an_objection_sent_without_cookies_points_back_to_the_public_site(world):
    refused = Client(enforce_csrf_checks=True).post("/public/notices/1/", {"text": "意见"})
    page = refused.content.decode()
    assert refused.status_code == 403 and "Cookie" in page and 'href="/public/"' in page and "DEBUG" not in page
