"""A page that fails says so in Chinese, whatever the failure: Django's own 400/500 pages (a refused Host,
too many fields, a form too large, an unexpected failure) are English."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client

from ducha.core.errors import bad_request, server_error


def test_a_server_error_page_is_in_chinese_and_leads_home(rf):
    response = server_error(rf.get("/tasks/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错" in html and "Server Error" not in html and 'lang="en"' not in html
    assert 'href="/"' in html


def test_a_bad_request_page_is_in_chinese(rf):
    response = bad_request(rf.post("/public/notices/1/"), SuspiciousOperation("too many fields"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "请求有误" in html and "Bad Request" not in html


@pytest.mark.django_db
def test_a_request_for_another_host_is_refused_in_chinese(settings):
    settings.ALLOWED_HOSTS = ["ducha.example"]
    response = Client().get("/public/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "请求有误" in page and "Bad Request" not in page


def test_an_api_server_error_stays_json(rf):
    response = server_error(rf.get("/api/tasks/"))
    assert response.status_code == 500 and response["Content-Type"].startswith("application/json")


def test_a_form_too_large_to_read_is_named_on_the_page(client, settings, django_user_model):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    user = django_user_model.objects.create_user("big", password="x" * 12)
    client.force_login(user)
    response = client.post("/login/", {"text": "长" * 2000})
    html = response.content.decode()
    assert response.status_code == 400
    assert "请求有误" in html and "请求体超过 1000 字节的上限" in html
