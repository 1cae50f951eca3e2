"""The API docs in a real browser (Debian's chromium through Playwright) fetch
nothing from outside hosts: an intranet without internet shows them whole."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_api_docs_request_nothing_from_outside_hosts(logged_in_tab, transactional_db, live_server, world, path):
    tab = logged_in_tab(1366, user="admin")
    outside, blocked = [], []
    tab.on("request", lambda request: outside.append(request.url)
           if request.url.startswith(("http:", "https:")) and not request.url.startswith(live_server.url) else None)
    # A request the page's Content-Security-Policy stops never leaves the browser.
    tab.on("requestfailed", lambda request: blocked.append(request.url) if request.failure == "csp" else None)
    tab.goto(live_server.url + path)
    tab.wait_for_load_state("networkidle")
    tab.wait_for_timeout(300)
    assert "ducha API" in tab.title()
    assert tab.get_by_text("/api/tasks/").count() + tab.get_by_text("tasks").count() > 0
    assert [url for url in outside if url not in blocked] == []
