"""A page that fails says so in Chinese, whatever the failure (Django's own 400/500 pages are English)."""

from django.core.exceptions import SuspiciousOperation

from ducha.core.errors import bad_request, server_error


def test_a_server_error_page_is_in_chinese_and_leads_home(rf):
    response = server_error(rf.get("/tasks/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错了" in html and "Server Error" not in html and 'lang="en"' not in html
    assert 'href="/"' in html


def test_a_bad_request_page_is_in_chinese(rf):
    response = bad_request(rf.get("/tasks/"), SuspiciousOperation("bad"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "请求有误" in html and "Bad Request" not in html


def test_an_api_server_error_stays_json(rf):
    response = server_error(rf.get("/api/tasks/"))
    assert response.status_code == 500 and response["Content-Type"].startswith("application/json")
