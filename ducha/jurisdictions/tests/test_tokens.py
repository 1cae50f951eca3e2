"""API tokens (django-rest-knox): stored hashed, expiring, revoked at logout, listed and revoked by their user."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from ducha.audit.models import AuditEntry


def obtain(username="coord"):
    response = APIClient().post("/api/auth/token/", {"username": username, "password": f"pw-{username}"},
                                format="json")
    assert response.status_code == 200
    return response.json()


def with_token(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_the_token_is_stored_only_as_a_digest(world):
    token = obtain()["token"]
    row = AuthToken.objects.values().get()
    assert all(token != value and token not in str(value) for value in row.values())
    assert with_token(token).get("/api/me/").json()["username"] == "coord"


def test_a_token_expires_after_eight_hours_by_default(world):
    data = obtain()
    expiry = dt.datetime.fromisoformat(data["expiry"])
    assert dt.timedelta(hours=7, minutes=59) < expiry - timezone.now() <= dt.timedelta(hours=8)
    AuthToken.objects.update(expiry=timezone.now() - dt.timedelta(seconds=1))
    response = with_token(data["token"]).get("/api/me/")
    assert response.status_code == 401 and response.json() == {"detail": "认证令牌无效或已过期。"}


def test_api_logout_revokes_the_current_token_only(world):
    first, second = obtain()["token"], obtain()["token"]
    assert with_token(first).post("/api/auth/logout/").status_code == 204
    assert with_token(first).get("/api/me/").status_code == 401
    assert with_token(second).get("/api/me/").status_code == 200


def test_api_logoutall_revokes_every_token_of_the_user(world):
    mine = [obtain()["token"] for _ in range(3)]
    theirs = obtain("supervisor")["token"]
    assert with_token(mine[0]).post("/api/auth/logoutall/").status_code == 204
    assert [with_token(t).get("/api/me/").status_code for t in mine] == [401, 401, 401]
    assert with_token(theirs).get("/api/me/").status_code == 200


def test_signing_out_of_the_web_revokes_the_users_tokens(client, world):
    token = obtain()["token"]
    client.force_login(world.users["coord"])
    client.post(reverse("logout"))
    assert with_token(token).get("/api/me/").status_code == 401
    entry = AuditEntry.objects.get(action="token.revoke")
    assert entry.after["reason"] == "logout"


def test_the_user_lists_and_revokes_their_own_tokens_by_id(world):
    kept, other = obtain(), obtain()
    client = with_token(kept["token"])
    rows = client.get("/api/auth/tokens/").json()
    assert sorted(r["id"] for r in rows) == sorted([kept["id"], other["id"]])
    assert [r["current"] for r in rows if r["id"] == kept["id"]] == [True]
    assert all(kept["token"] not in str(r) for r in rows)
    assert client.delete(f"/api/auth/tokens/{other['id']}/").status_code == 204
    assert with_token(other["token"]).get("/api/me/").status_code == 401
    # Someone else's token id is not found, and stays valid.
    theirs = obtain("supervisor")
    assert client.delete(f"/api/auth/tokens/{theirs['id']}/").status_code == 404
    assert with_token(theirs["token"]).get("/api/me/").status_code == 200


def test_token_creation_and_revocation_are_audited_without_the_token(world):
    data = obtain()
    with_token(data["token"]).post("/api/auth/logout/")
    created = AuditEntry.objects.get(action="token.create")
    revoked = AuditEntry.objects.get(action="token.revoke")
    assert created.after["token"] == data["id"] and revoked.after["tokens"] == [data["id"]]
    assert all(data["token"] not in str((e.before, e.after)) for e in AuditEntry.objects.all())


def test_logout_without_a_token_is_refused(world):
    client = APIClient()
    client.force_authenticate(world.users["coord"])
    assert client.post("/api/auth/logout/").status_code == 400


@pytest.mark.parametrize("path", ["/api/auth/logout/", "/api/auth/logoutall/", "/api/auth/tokens/"])
def test_token_management_needs_a_signed_in_caller(world, path):
    response = APIClient().post(path) if "logout" in path else APIClient().get(path)
    assert response.status_code == 401


def test_the_tokens_page_shows_a_new_token_once_and_revokes(client, world):
    client.force_login(world.users["coord"])
    nonce = client.get(reverse("account:tokens")).context["nonce"]
    html = client.post(reverse("account:tokens"), {"op": "create", "nonce": nonce}).content.decode()
    token_row = AuthToken.objects.get()
    assert 'id="new-token"' in html
    page = client.get(reverse("account:tokens")).content.decode()
    assert token_row.digest[:16] in page and 'id="new-token"' not in page
    client.post(reverse("account:tokens"), {"op": "revoke", "token": token_row.digest[:16]})
    assert not AuthToken.objects.exists()
    assert AuditEntry.objects.filter(action="token.revoke").count() == 1


def test_the_tokens_page_needs_sign_in(client, world):
    assert client.get(reverse("account:tokens")).status_code == 302


def test_reloading_the_page_that_showed_a_new_token_does_not_make_another(client, world):
    """The page showing the new token is the answer to a post: reloading it sends the post again. One
    click makes one token; the repeat is told so and the page's next click makes the next one."""
    client.force_login(world.users["coord"])
    nonce = client.get(reverse("account:tokens")).context["nonce"]
    first = client.post(reverse("account:tokens"), {"op": "create", "nonce": nonce})
    assert 'id="new-token"' in first.content.decode()
    again = client.post(reverse("account:tokens"), {"op": "create", "nonce": nonce}, follow=True)
    assert "未再创建令牌" in again.content.decode() and 'id="new-token"' not in again.content.decode()
    assert AuthToken.objects.filter(user=world.users["coord"]).count() == 1
    nonce = again.context["nonce"]
    client.post(reverse("account:tokens"), {"op": "create", "nonce": nonce})
    assert AuthToken.objects.filter(user=world.users["coord"]).count() == 2
