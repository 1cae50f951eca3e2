"""Guessing passwords: django-axes locks a username and an address after a few failures,
on the login page, the admin login and the API token endpoint."""

import datetime as dt

from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from ducha.audit.models import AuditEntry

LIMIT = 5  # settings.AXES_FAILURE_LIMIT by default


def login(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_forty_wrong_passwords_then_the_right_one_does_not_sign_in(client, world):
    for _ in range(40):
        login(client, "coord", "guess")
    response = login(client, "coord", "pw-coord")
    assert response.status_code == 429
    html = response.content.decode()
    assert "登录已锁定" in html and "15 分钟后再试" in html
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("overview:overview")).status_code == 302


def test_the_lockout_starts_at_the_fifth_failure_and_is_audited_once(client, world):
    for _ in range(LIMIT - 1):
        assert login(client, "coord", "guess").status_code == 200
    assert login(client, "coord", "guess").status_code == 429
    for _ in range(3):
        login(client, "coord", "guess")
    entries = AuditEntry.objects.filter(action="login.lockout")
    assert entries.count() == 1
    assert entries.get().after == {"username": "coord", "ip": "10.0.0.1"}
    assert entries.get().object_id == str(world.users["coord"].pk)


def test_a_locked_username_is_locked_from_every_address(client, world):
    for i in range(LIMIT):
        login(client, "coord", "guess", ip=f"10.0.1.{i}")
    assert login(client, "coord", "pw-coord", ip="10.9.9.9").status_code == 429
    # Other people at those addresses are not affected by one username's lockout.
    assert login(client, "supervisor", "pw-supervisor", ip="10.0.1.1").status_code == 302


def test_a_colleague_signing_in_does_not_lift_another_accounts_lockout(client, world):
    """Anyone with an account, signing in between guesses from the same address, must not reset the
    count of the account they are guessing."""
    for _ in range(LIMIT):
        login(client, "coord", "guess")
    assert login(client, "supervisor", "pw-supervisor").status_code == 302
    client.logout()
    assert login(client, "coord", "pw-coord").status_code == 429
    assert "_auth_user_id" not in client.session


ADDRESS_LIMIT = 30  # settings.DUCHA_ADDRESS_FAILURE_LIMIT by default


def test_colleagues_behind_one_address_do_not_lock_each_other_out(client, world):
    # An office behind NAT: ten people each mistype once or twice within the cool-off.
    for i in range(10):
        login(client, f"staff{i}", "typo", ip="10.0.2.1")
        login(client, f"staff{i}", "typo", ip="10.0.2.1")
    assert login(client, "supervisor", "pw-supervisor", ip="10.0.2.1").status_code == 302


def test_an_address_trying_many_usernames_is_locked_out(client, world):
    for i in range(ADDRESS_LIMIT - 1):
        assert login(client, f"user{i}", "guess", ip="10.0.2.1").status_code == 200
    assert login(client, "user-last", "guess", ip="10.0.2.1").status_code == 429  # the 30th failure
    response = login(client, "supervisor", "pw-supervisor", ip="10.0.2.1")
    assert response.status_code == 429 and "同一地址 30 次" in response.content.decode()
    assert login(client, "supervisor", "pw-supervisor", ip="10.0.2.2").status_code == 302
    # Signing in elsewhere clears that account's own failures, not the address's.
    assert login(client, "user-next", "guess", ip="10.0.2.1").status_code == 429


def test_after_the_cool_off_the_right_password_works_again(client, world):
    for _ in range(LIMIT):
        login(client, "coord", "guess")
    assert login(client, "coord", "pw-coord").status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=16))
    assert login(client, "coord", "pw-coord").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_failure_limit_is_configurable(client, world):
    for _ in range(3):
        login(client, "coord", "guess")
    assert login(client, "coord", "pw-coord").status_code == 429


def test_the_admin_login_is_throttled_too(client, world):
    url = reverse("admin:login")
    for _ in range(LIMIT):
        client.post(url, {"username": "admin", "password": "guess"}, REMOTE_ADDR="10.0.3.1")
    response = client.post(url, {"username": "admin", "password": "pw-admin"}, REMOTE_ADDR="10.0.3.1")
    assert response.status_code == 429 and "登录已锁定" in response.content.decode()


def test_the_api_token_endpoint_is_throttled_with_a_json_answer(world):
    client = APIClient(REMOTE_ADDR="10.0.4.1")
    for _ in range(LIMIT - 1):
        response = client.post("/api/auth/token/", {"username": "coord", "password": "guess"}, format="json")
        assert response.status_code == 400
    response = client.post("/api/auth/token/", {"username": "coord", "password": "guess"}, format="json")
    assert response.status_code == 429
    response = client.post("/api/auth/token/", {"username": "coord", "password": "pw-coord"}, format="json")
    assert response.status_code == 429 and "token" not in response.json()
    assert "分钟后再试" in response.json()["detail"]


def test_a_successful_sign_in_is_audited_and_clears_the_failures(client, world):
    for _ in range(LIMIT - 1):
        login(client, "coord", "guess")
    assert login(client, "coord", "pw-coord").status_code == 302
    entry = AuditEntry.objects.get(action="login.success")
    assert (entry.actor_name, entry.after) == ("coord", {"ip": "10.0.0.1", "via": "/login/"})
    client.logout()
    # The count starts again: four more failures do not lock.
    for _ in range(LIMIT - 1):
        login(client, "coord", "guess")
    assert login(client, "coord", "pw-coord").status_code == 302


def test_tests_signing_in_with_force_login_write_no_sign_in_entry(client, world):
    client.force_login(world.users["coord"])
    assert not AuditEntry.objects.filter(action="login.success").exists()


@override_settings(BEHIND_PROXY=True)
def test_behind_a_proxy_the_address_is_the_one_the_proxy_appended(client, world):
    for i in range(ADDRESS_LIMIT):
        client.post(reverse("login"), {"username": f"x{i}", "password": "guess"}, REMOTE_ADDR="127.0.0.1",
                    HTTP_X_FORWARDED_FOR=f"1.2.3.{i}, 10.0.5.1")
    # The spoofed first entry changes nothing: the address is the proxy's view, 10.0.5.1.
    response = client.post(reverse("login"), {"username": "coord", "password": "pw-coord"}, REMOTE_ADDR="127.0.0.1",
                           HTTP_X_FORWARDED_FOR="9.9.9.9, 10.0.5.1")
    assert response.status_code == 429
