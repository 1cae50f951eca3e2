"""Schemathesis against the whole API, in-process, as an admin and as an officer.

The schema comes from the app itself (/api/schema/); every operation gets a
fixed number of generated requests (valid and invalid ones), derandomised so
a CI failure replays exactly. Each answer must not be a 5xx and must match
the schema (status code, content type, body). Part of `make test`.
"""

import os

import pytest
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance, response_schema_conformance, status_code_conformance,
)

pytestmark = pytest.mark.fuzz

# Bounded: ~30 operations x 2 modes x this many examples x 2 users stays
# around a minute per database on a shared 2-core machine.
MAX_EXAMPLES = int(os.environ.get("DUCHA_FUZZ_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# Operations whose failures belong to code being rewritten elsewhere (see the report in the branch);
# they still run, and a failure there is reported as xfail, not hidden.
KNOWN = {}


@pytest.fixture
def wsgi_app():
    """Django's own WSGI handler, sharing the test's database transaction:
    like the test client, it must not close the connection at the start or
    end of a request (on PostgreSQL that ends the test's transaction). The
    test client reconnects those handlers after each of its own requests, so
    they are disconnected per request, until the response is closed."""
    from django.core.wsgi import get_wsgi_application

    handler = get_wsgi_application()

    def app(environ, start_response):
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            response = handler(environ, start_response)
            body = b"".join(response)
            response.close()  # sends request_finished
            return [body]
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)

    return app


def _token(client, username, password):
    """A token the way an API user gets one, whatever the token scheme is."""
    response = client.post("/api/auth/token/", {"username": username, "password": password})
    assert response.status_code in (200, 201), response.content
    return response.json()["token"]


def _fuzz(world, make_task, wsgi_app, username):
    from django.test import Client

    parent = make_task(units=("eco", "ld_gov"))
    make_task(units=("ld_gov",), parent=parent, division="ld")
    make_task(units=("eco",))
    token = _token(Client(), username, f"pw-{username}")
    headers = {"Authorization": f"Token {token}"}
    # The schema, like the docs, is for signed-in users only.
    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app, headers=headers)
    failures = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        strategy = st.one_of(operation.as_strategy(generation_mode=mode)
                             for mode in (schemathesis.GenerationMode.POSITIVE,
                                          schemathesis.GenerationMode.NEGATIVE))

        @settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck), phases=["explicit", "generate"])
        @given(case=strategy)
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - collect every operation's failures
            failures[operation.label] = error
    return failures


def _report(failures):
    unexpected = {label: error for label, error in failures.items() if label not in KNOWN}
    assert not unexpected, "\n\n".join(f"== {label}\n{error}" for label, error in unexpected.items())
    if failures:
        pytest.xfail("; ".join(f"{label}: {KNOWN[label]}" for label in failures))


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["admin", "eco_officer"])
def test_api_answers_every_generated_request_within_its_schema(world, make_task, wsgi_app, username):
    _report(_fuzz(world, make_task, wsgi_app, username))
