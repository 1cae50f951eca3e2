"""Divisions, units, the current user and API tokens."""

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient


@pytest.fixture
def api(world):
    client = APIClient()
    client.force_authenticate(world.users["ld_officer"])
    return client


def codes(response):
    return [row["code"] for row in response.json()["results"]]


@pytest.mark.parametrize("query, expected", [
    ("", ["330000", "330300", "331100", "331102", "331121"]),
    ("level=3", ["331102", "331121"]),
    ("parent=331100", ["331102", "331121"]),
    ("code=3311", ["331100", "331102", "331121"]),
    ("q=青田", ["331121"]),
    ("level=2&code=33", ["330300", "331100"]),
])
def test_divisions_filter_by_level_parent_code_prefix_and_name(api, query, expected):
    response = api.get(f"/api/divisions/?{query}")
    assert response.status_code == 200 and codes(response) == expected


def test_one_division_by_code(api):
    data = api.get("/api/divisions/331121/").json()
    assert data == {"code": "331121", "name": "青田县", "level": 3, "level_display": "县级", "parent": "331100",
                    "path": "330000/331100/331121/"}
    assert api.get("/api/divisions/999999/").status_code == 404


def test_a_bad_level_is_a_400_naming_it(api):
    response = api.get("/api/divisions/?level=9")
    assert response.status_code == 400 and list(response.json()) == ["level"]


def test_units_filter_and_search(api, world):
    names = lambda r: [row["name"] for row in r.json()["results"]]  # noqa: E731
    assert names(api.get("/api/units/?division=331102")) == ["丽水市生态环境局莲都分局", "莲都区人民政府"]
    assert names(api.get("/api/units/?kind=government")) == ["莲都区人民政府", "青田县人民政府"]
    assert names(api.get("/api/units/?within=331100&kind=department")) == [
        "丽水市发展和改革委员会", "丽水市生态环境局", "丽水市生态环境局莲都分局"]
    # Aliases are searched too, and listed.
    response = api.get("/api/units/?q=发改委")
    assert names(response) == ["丽水市发展和改革委员会"]
    assert response.json()["results"][0]["aliases"] == ["市发改委", "丽水市发改委"]
    assert response.json()["results"][0]["division"]["code"] == "331100"


def test_units_and_divisions_are_read_only(api, world):
    assert api.post("/api/units/", {"name": "x"}).status_code == 405
    assert api.delete(f"/api/units/{world.units['eco'].pk}/").status_code == 405
    assert api.patch("/api/divisions/331121/", {"name": "x"}).status_code == 405


@pytest.mark.parametrize("username, role, scope, may", [
    ("ld_officer", "officer", "331102", ["view", "change"]),
    ("coord", "coordinator", "331100", ["view", "change", "add", "flag", "delete"]),
    ("supervisor", "supervisor", "331100", ["view", "flag"]),
])
def test_me_shows_role_scope_and_allowed_actions(world, username, role, scope, may):
    client = APIClient()
    client.force_authenticate(world.users[username])
    data = client.get("/api/me/").json()
    assert (data["username"], data["role"], data["scope"]["code"], data["may"]) == (username, role, scope, may)
    assert data["unit"]["id"] == world.users[username].unit_id


def test_token_from_username_and_password_works_for_later_calls(world):
    client = APIClient()
    response = client.post("/api/auth/token/", {"username": "coord", "password": "pw-coord"}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    assert AuthToken.objects.get(user=world.users["coord"]).digest != token  # stored hashed
    assert client.get("/api/me/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/me/").json()["username"] == "coord"
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = client.get("/api/me/")
    assert response.status_code == 401 and response.json() == {"detail": "认证令牌无效或已过期。"}
    assert response["WWW-Authenticate"] == "Token"


def test_a_bad_password_gets_a_400_json(world):
    response = APIClient().post("/api/auth/token/", {"username": "coord", "password": "wrong"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]
    response = APIClient().post("/api/auth/token/", {"username": "coord"}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["password"]
