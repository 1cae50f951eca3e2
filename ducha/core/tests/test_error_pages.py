"""Error pages Django renders itself (a refused Host, too many fields, an unexpected failure) are in
Chinese like every other page, never Django's English "Bad Request (400)" / "Server Error (500)"."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client, RequestFactory

from ducha.core.errors import bad_request, server_error


@pytest.mark.django_db
def test_a_request_for_another_host_is_refused_in_chinese(settings):
    settings.ALLOWED_HOSTS = ["ducha.example"]
    response = Client().get("/public/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "请求无法处理" in page and "Bad Request" not in page


def test_the_server_error_page_is_in_chinese():
    response = server_error(RequestFactory().get("/tasks/"))
    page = response.content.decode()
    assert response.status_code == 500 and "服务器出错" in page and "Server Error" not in page


def test_a_bad_request_page_is_in_chinese():
    response = bad_request(RequestFactory().post("/public/notices/1/"), SuspiciousOperation("too many fields"))
    assert response.status_code == 400 and "请求无法处理" in response.content.decode()
