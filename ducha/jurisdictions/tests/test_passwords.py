"""Passwords: Django's validators plus the Chinese common-password list, and the self-service change page."""

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from ducha.audit.models import AuditEntry
from ducha.jurisdictions.passwords import ChineseCommonPasswordValidator, common_passwords

STRONG = "Lishui-dc-2026-整改"


def refusal(password, user=None):
    with pytest.raises(ValidationError) as caught:
        password_validation.validate_password(password, user)
    return " ".join(caught.value.messages)


@pytest.mark.parametrize("password", ["password", "12345678", "123456", "woaini1314", "5201314", "qq123456"])
def test_the_passwords_testers_used_are_refused_in_chinese(password):
    message = refusal(password)
    assert any("\u4e00" <= c <= "\u9fff" for c in message)


def test_short_passwords_are_refused_below_ten_characters():
    assert "10" in refusal("Zq7#kLm2!")  # nine characters, nothing common about them
    password_validation.validate_password("Zq7#kLm2!x")


@pytest.mark.parametrize("password", ["woaini1314520", "1qaz2wsx3edc", "woaini5201314", "Woaini1314!", "qq123456789"])
def test_long_common_chinese_passwords_are_refused_by_the_list(password):
    with pytest.raises(ValidationError) as caught:
        ChineseCommonPasswordValidator().validate(password)
    assert caught.value.code == "password_too_common_zh" and "常用的密码" in caught.value.messages[0]


def test_the_bundled_list_holds_thousands_of_entries_with_pinyin():
    listed = common_passwords()
    assert len(listed) >= 3000
    assert {"123456", "a123456", "5201314", "woaini1314", "qq123456", "1qaz2wsx", "woaini", "zhangwei"} <= listed


def test_a_password_like_the_username_is_refused(world):
    assert "相似" in refusal("ld_officer2026", world.users["ld_officer"])


def test_a_strong_password_passes(world):
    password_validation.validate_password(STRONG, world.users["coord"])


# The self-service page.

@pytest.fixture
def coord(client, world):
    client.force_login(world.users["coord"])
    return client


def change(client, old, new, again=None):
    return client.post(reverse("account:password"),
                       {"old_password": old, "new_password1": new, "new_password2": again or new})


def test_the_user_menu_links_to_the_password_page(coord):
    html = coord.get(reverse("overview:overview")).content.decode()
    assert f'href="{reverse("account:password")}"' in html
    page = coord.get(reverse("account:password")).content.decode()
    assert "修改密码" in page and 'name="old_password"' in page


def test_the_password_page_needs_sign_in(client, world):
    assert client.get(reverse("account:password")).status_code == 302


def test_a_wrong_old_password_changes_nothing(coord, world):
    response = change(coord, "nope", STRONG)
    assert response.status_code == 200 and "旧密码" in response.content.decode()
    world.users["coord"].refresh_from_db()
    assert world.users["coord"].check_password("pw-coord")
    assert not AuditEntry.objects.filter(action="user.password").exists()


@pytest.mark.parametrize("new", ["woaini1314520", "12345678"])
def test_a_common_new_password_is_refused_on_the_page(coord, world, new):
    html = change(coord, "pw-coord", new).content.decode()
    assert "is-invalid" in html
    world.users["coord"].refresh_from_db()
    assert world.users["coord"].check_password("pw-coord")


def test_changing_the_password_is_audited_and_ends_tokens_and_other_sessions(coord, world):
    elsewhere = Client()
    elsewhere.force_login(world.users["coord"])
    token = APIClient().post("/api/auth/token/", {"username": "coord", "password": "pw-coord"},
                             format="json").json()["token"]
    response = change(coord, "pw-coord", STRONG)
    assert response.status_code == 302
    # This session stays; the other one and the token are over.
    assert coord.get(reverse("overview:overview")).status_code == 200
    assert elsewhere.get(reverse("overview:overview")).status_code == 302
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/me/").status_code == 401
    entry = AuditEntry.objects.get(action="user.password")
    assert (entry.actor_name, entry.object_id, entry.after["usable"]) == ("coord", str(world.users["coord"].pk), True)
    assert len(entry.after["tokens_revoked"]) == 1
    assert "pbkdf2" not in str(entry.after) and "md5" not in str(entry.after)
    world.users["coord"].refresh_from_db()
    assert world.users["coord"].check_password(STRONG)
