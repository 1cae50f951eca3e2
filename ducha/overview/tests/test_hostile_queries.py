"""Every URL of the project, every query parameter any list reads, hostile
values: no answer is a server error.

The URLs come from the resolver itself, so a new page is walked without
anyone adding it here; path parameters are filled with rows of the test
world (and with ids past the database's integer range).
"""

import re

import pytest
from django.contrib.admindocs.views import extract_views_from_urlpatterns, simplify_regex
from django.test import Client
from django.urls import get_resolver

from ducha.plans.tests.review_samples import document, reader  # noqa: F401 - fixtures

HOSTILE = [
    "abc", "-5", "1.5", "1e400", "NaN", "9223372036854775808", "-9223372036854775809", "2020-13-45",
    "99999-12-31", "\x00", "x" * 5000, "'\"<>",
]
# Parameters the pages and the API read besides the filtersets' own fields.
COMMON = ["page", "page_size", "ordering", "year", "format", "q", "next", "lang", "o", "p", "e", "all", "plan",
          "task", "unit", "division", "month", "kind", "status", "round", "date", "tab"]
OVERFLOW = "9223372036854775808"


def _param_names():
    """Every field of every filterset of the project (the URL patterns import them all), and the common ones."""
    from ducha.core.filters import BoundedFilterSet

    get_resolver().url_patterns  # imports every view, so every filterset class exists
    names = set(COMMON)
    pending = [BoundedFilterSet]
    while pending:
        filterset = pending.pop()
        pending.extend(filterset.__subclasses__())
        names.update(filterset.base_filters)
    return sorted(names)


def _routes():
    """Every URL pattern as a path with <placeholders>, e.g. /tasks/<int:pk>/edit/."""
    return sorted({simplify_regex(regex) for _view, regex, _ns, _name in
                   extract_views_from_urlpatterns(get_resolver().url_patterns)})


def _fill(route, ids):
    """Concrete paths for a route: its placeholders filled with a real row, and with an overflowing id."""
    placeholders = re.findall(r"<(?:\w+:)?(\w+)>", route)
    if not placeholders:
        return [route]
    kind = next((key for key in ids if route.startswith(key)), None)

    def value(name, overflow):
        if name == "code":
            return "331100"
        if overflow:
            return OVERFLOW
        if name == "item_pk":
            return str(ids["item"])
        return str(ids.get(kind, 1))

    paths = [re.sub(r"<(?:\w+:)?(\w+)>", lambda m, o=overflow: value(m.group(1), o), route)
             for overflow in (False, True)]
    if len(placeholders) > 1:  # real parents, only the last id past the range (…/7/evidence/<huge>/)
        last = len(placeholders) - 1
        counter = iter(range(len(placeholders)))
        paths.append(re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value(m.group(1), next(counter) == last), route))
    return paths


@pytest.fixture
def ids(world, make_task, document):
    from ducha.ledger.models import Problem

    parent = make_task(units=("eco", "ld_gov"))
    make_task(units=("ld_gov",), parent=parent, division="ld")
    problem = Problem.objects.create(inspection=world.inspection, division=world.div["ls"], description="扬尘")
    # Longest prefix first: /api/tasks/ before /tasks/ matters only for the admin, which takes any id.
    return {
        "/api/tasks/": parent.pk, "/tasks/plans/": world.plan.pk, "/tasks/": parent.pk,
        "/api/plans/": world.plan.pk, "/api/units/": world.units["eco"].pk,
        "/api/inspections/": world.inspection.pk, "/api/problems/": problem.pk,
        "/plans/": document.pk, "item": document.items.first().pk, "/admin/": world.users["coord"].pk,
    }


def _server_errors(client, urls, queries):
    errors = []
    for url in urls:
        for query in queries:
            response = client.get(url, query)
            if response.status_code >= 500:
                errors.append(f"{response.status_code} GET {url} {str(query)[:200]}")
    return errors


# Pages that read no query string and cost seconds each (the schema is built
# per request): walked with two hostile queries, not every one.
SLOW = ("/admin/", "/api/schema/", "/api/docs/", "/api/redoc/")


@pytest.mark.django_db
def test_no_url_answers_a_server_error_to_hostile_query_strings(world, ids):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["admin"])
    names = _param_names()
    urls = [url for route in _routes() if not route.startswith("/logout") for url in _fill(route, ids)]
    # Every parameter at once with each hostile value, and long lists of values.
    queries = [{name: value for name in names} for value in HOSTILE]
    queries.append({name: [str(i) for i in range(1, 251)] for name in names})
    ours = [url for url in urls if not url.startswith(SLOW)]
    errors = _server_errors(client, ours, queries)
    errors += _server_errors(client, [url for url in urls if url not in ours], queries[:2])
    # Then each parameter alone on the lists, so that one refusal cannot hide
    # another parameter's crash.
    lists = [route for route in _routes() if "<" not in route and route in ours and client.get(route).status_code == 200]
    errors += _server_errors(client, lists, [{name: value} for name in names for value in ("abc", OVERFLOW)])
    assert not errors, "\n".join(errors)
