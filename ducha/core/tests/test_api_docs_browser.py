"""The API docs in a real browser (Debian's chromium through Playwright) fetch
nothing from outside hosts, not even a request the Content-Security-Policy
would stop: an intranet without internet shows them whole. And the pages
people use work under the site's Content-Security-Policy."""

import pytest

pytestmark = pytest.mark.browser


def watch(tab, live_server):
    seen = {"outside": [], "csp": []}
    tab.on("request", lambda request: seen["outside"].append(request.url)
           if request.url.startswith(("http:", "https:")) and not request.url.startswith(live_server.url) else None)
    tab.on("console", lambda message: seen["csp"].append(message.text)
           if "Content Security Policy" in message.text else None)
    return seen


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_api_docs_request_nothing_from_outside_hosts(logged_in_tab, transactional_db, live_server, world, path):
    tab = logged_in_tab(1366, user="admin")
    seen = watch(tab, live_server)
    tab.goto(live_server.url + path)
    tab.wait_for_load_state("networkidle")
    tab.wait_for_timeout(300)
    assert "ducha API" in tab.title()
    assert tab.get_by_text("/api/tasks/").count() + tab.get_by_text("tasks").count() > 0
    assert seen == {"outside": [], "csp": []}


def test_pages_work_under_the_content_security_policy(logged_in_tab, transactional_db, live_server, world,
                                                       make_task):
    make_task()
    tab = logged_in_tab(1366, user="coord")
    seen = watch(tab, live_server)
    for path in ["/", "/tasks/", "/quality/331100/", "/account/password/", "/account/tokens/"]:
        tab.goto(live_server.url + path)
        tab.wait_for_load_state("networkidle")
    # Scripts run: the user menu opens (Bootstrap's dropdown) and leads to the password page.
    tab.goto(live_server.url + "/")
    tab.click("#user-menu")
    tab.click("#password-link")
    tab.wait_for_url(live_server.url + "/account/password/")
    assert seen == {"outside": [], "csp": []}


def test_the_admin_works_under_the_content_security_policy(logged_in_tab, transactional_db, live_server, world):
    root = world.users["admin"]
    root.is_staff = root.is_superuser = True
    root.save()
    tab = logged_in_tab(1366, user="admin")
    seen = watch(tab, live_server)
    for path in ["/admin/", "/admin/jurisdictions/user/", f"/admin/jurisdictions/user/{world.users['coord'].pk}/change/",
                 "/admin/jurisdictions/apitoken/", "/admin/jurisdictions/failedlogin/"]:
        tab.goto(live_server.url + path)
        tab.wait_for_load_state("networkidle")
        assert "督察整改" in tab.title()
    assert seen == {"outside": [], "csp": []}
