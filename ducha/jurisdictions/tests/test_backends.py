"""The signed-in user comes with what every request reads of it (unit, the unit's division, the scope), by
session and by API token alike: no page or API call pays one more query for each of them."""

from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken
from rest_framework.test import APIRequestFactory

from ducha.core import scoping
from ducha.jurisdictions.api.authentication import TokenAuthentication


def _reach_reads(user):
    """Queries it takes to read what the scope rules read of the user."""
    with CaptureQueriesContext(connection) as reads:
        scoping.division_prefix(user)
        assert user.unit is None or user.unit.division.code
    return len(reads)


def test_the_session_user_is_loaded_with_unit_division_and_scope(client, world):
    for name in ("ld_officer", "coord"):
        client.force_login(world.users[name])
        request = client.get("/").wsgi_request
        assert request.session[SESSION_KEY] == str(world.users[name].pk)
        assert request.user.pk == world.users[name].pk
        assert _reach_reads(request.user) == 0, name


def test_the_token_user_is_loaded_with_unit_division_and_scope(world):
    _instance, key = AuthToken.objects.create(user=world.users["ld_officer"])
    request = APIRequestFactory().get("/api/tasks/", HTTP_AUTHORIZATION=f"Token {key}")
    user, _token = TokenAuthentication().authenticate(request)
    assert user.pk == world.users["ld_officer"].pk and user.unit_id == world.users["ld_officer"].unit_id
    assert _reach_reads(user) == 0


def test_an_inactive_user_is_still_refused(client, world):
    officer = world.users["ld_officer"]
    client.force_login(officer)
    type(officer).objects.filter(pk=officer.pk).update(is_active=False)
    assert not client.get("/").wsgi_request.user.is_authenticated
