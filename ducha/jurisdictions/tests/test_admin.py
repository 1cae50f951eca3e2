"""The Django admin: every account change through its pages is in the audit log, in Chinese,
with no way around the actions (no signals: the admin calls ducha.jurisdictions.actions.users)."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from knox.models import AuthToken

from ducha.audit.models import AuditEntry
from ducha.jurisdictions.models import Role


def form_data(user, **changes):
    data = {"username": user.username, "full_name": user.full_name, "email": user.email, "phone": user.phone,
            "role": user.role, "unit": user.unit_id or "", "scope": user.scope_id or "",
            "is_active": user.is_active, "is_staff": user.is_staff, "is_superuser": user.is_superuser,
            "groups": list(user.groups.values_list("pk", flat=True))}
    data.update(changes)
    # Unticked checkboxes are not sent at all.
    return {k: ("on" if v is True else v) for k, v in data.items() if v is not False}


def post_change(client, user, **changes):
    response = client.post(reverse("admin:jurisdictions_user_change", args=[user.pk]), form_data(user, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    user.refresh_from_db()
    return response


def entries(user, action="user.change"):
    return list(AuditEntry.objects.filter(action=action, object_id=str(user.pk)).order_by("id"))


def test_role_scope_superuser_groups_and_password_changes_each_leave_one_entry(root, world):
    target = world.users["ld_officer"]
    group = Group.objects.create(name="dispatchers")

    post_change(root, target, role=Role.COORDINATOR)
    assert target.role == Role.COORDINATOR
    post_change(root, target, scope=world.div["ls"].pk)
    assert target.scope == world.div["ls"]
    post_change(root, target, is_superuser=True, is_staff=True)
    assert target.is_superuser
    post_change(root, target, groups=[group.pk])
    assert list(target.groups.all()) == [group]
    response = root.post(reverse("admin:auth_user_password_change", args=[target.pk]),
                         {"password1": "Lishui-dc-2026-整改", "password2": "Lishui-dc-2026-整改",
                          "usable_password": "true"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.check_password("Lishui-dc-2026-整改")

    changes = entries(target)
    assert [(e.before, e.after) for e in changes] == [
        ({"role": "officer"}, {"role": "coordinator"}),
        ({"scope_id": None}, {"scope_id": world.div["ls"].pk}),
        ({"is_staff": False, "is_superuser": False}, {"is_staff": True, "is_superuser": True}),
        ({"groups": []}, {"groups": [group.pk]}),
    ]
    assert all(e.actor_name == "admin" for e in changes)
    assert len(entries(target, "user.password")) == 1
    for entry in AuditEntry.objects.all():
        assert "password" not in (entry.before or {}) and "password" not in (entry.after or {})


def test_a_save_without_changes_writes_no_entry(root, world):
    post_change(root, world.users["qt_officer"])
    assert entries(world.users["qt_officer"]) == []


@pytest.mark.parametrize("field", ["groups", "unit", "scope"])
def test_an_id_no_database_stores_is_a_named_error_not_a_500(root, world, field):
    target = world.users["ld_officer"]
    data = form_data(target, **{field: ["99999999999999999999"] if field == "groups" else "99999999999999999999"})
    response = root.post(reverse("admin:jurisdictions_user_change", args=[target.pk]), data)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert entries(target) == []


def test_creating_and_deleting_a_user_in_the_admin_is_audited(root, world):
    response = root.post(reverse("admin:jurisdictions_user_add"),
                         {"username": "newbie", "password1": "Lishui-dc-2026-整改",
                          "password2": "Lishui-dc-2026-整改", "usable_password": "true"})
    assert response.status_code == 302
    created = AuditEntry.objects.get(action="user.create")
    assert created.after["username"] == "newbie" and "password" not in created.after
    from ducha.jurisdictions.models import User

    newbie = User.objects.get(username="newbie")
    root.post(reverse("admin:jurisdictions_user_delete", args=[newbie.pk]), {"post": "yes"})
    assert not User.objects.filter(username="newbie").exists()
    assert AuditEntry.objects.get(action="user.delete").before["username"] == "newbie"


def test_the_admin_refuses_common_passwords(root, world):
    target = world.users["ld_officer"]
    response = root.post(reverse("admin:auth_user_password_change", args=[target.pk]),
                         {"password1": "woaini1314520", "password2": "woaini1314520", "usable_password": "true"})
    assert response.status_code == 200 and "常用的密码" in response.content.decode()
    assert entries(target, "user.password") == []


def test_a_staff_officer_with_the_change_permission_cannot_make_themselves_superuser(client, world):
    officer = world.users["eco_officer"]
    officer.is_staff = True
    officer.save()
    officer.user_permissions.add(*Permission.objects.filter(codename__in=["change_user", "view_user"]))
    client.force_login(officer)
    response = client.post(reverse("admin:jurisdictions_user_change", args=[officer.pk]),
                           form_data(officer, is_superuser=True, role=Role.ADMIN))
    assert response.status_code == 403
    officer.refresh_from_db()
    assert not officer.is_superuser and officer.role == Role.OFFICER
    assert entries(officer) == []


def test_a_role_admin_who_is_not_superuser_cannot_grant_superuser(client, world):
    role_admin = world.users["admin"]  # Role.ADMIN, not a superuser
    role_admin.is_staff = True
    role_admin.save()
    role_admin.user_permissions.add(*Permission.objects.filter(codename__in=["change_user", "view_user"]))
    client.force_login(role_admin)
    target = world.users["coord"]
    response = client.post(reverse("admin:jurisdictions_user_change", args=[target.pk]),
                           form_data(target, is_superuser=True))
    assert response.status_code == 403
    target.refresh_from_db()
    assert not target.is_superuser
    # The role itself a role-admin may change.
    post_change(client, target, role=Role.SUPERVISOR)
    assert target.role == Role.SUPERVISOR


def test_tokens_in_the_admin_show_no_token_and_their_revocation_is_audited(root, world):
    instance, token = AuthToken.objects.create(user=world.users["coord"])
    listing = root.get(reverse("admin:jurisdictions_apitoken_changelist")).content.decode()
    # The digest (a SHA-512 hash) is the row's key in its URLs; the token itself is nowhere.
    assert instance.digest[:16] in listing and token not in listing
    assert "令牌标识" in listing and "过期时间" in listing
    detail = root.get(reverse("admin:jurisdictions_apitoken_change", args=[instance.pk])).content.decode()
    assert token not in detail and 'name="expiry"' not in detail
    assert root.get(reverse("admin:jurisdictions_apitoken_add")).status_code == 403
    root.post(reverse("admin:jurisdictions_apitoken_delete", args=[instance.pk]), {"post": "yes"})
    assert not AuthToken.objects.exists()
    entry = AuditEntry.objects.get(action="token.revoke")
    assert (entry.actor_name, entry.after) == ("admin", {"tokens": [instance.digest[:16]], "reason": "admin"})


def test_unlocking_a_failed_login_in_the_admin_is_audited(root, world):
    for _ in range(5):
        root.post(reverse("login"), {"username": "coord", "password": "guess"}, REMOTE_ADDR="10.0.9.1")
    attempt = AccessAttempt.objects.get()
    root.post(reverse("admin:jurisdictions_failedlogin_delete", args=[attempt.pk]), {"post": "yes"})
    assert not AccessAttempt.objects.exists()
    assert AuditEntry.objects.get(action="login.unlock").before["attempts"][0]["username"] == "coord"


def test_the_admin_speaks_chinese_and_offers_no_group_or_third_party_english(root, world):
    html = root.get(reverse("admin:index")).content.decode()
    for text in ["督察整改 · 系统管理", "区划、单位与用户", "API 令牌", "登录失败记录", "审计日志", "用户", "单位"]:
        assert text in html
    for text in ["Knox", "Axes", "auth token", "access attempt", "Django 管理", "Django administration"]:
        assert text not in html
    assert root.get("/admin/auth/group/").status_code == 404
    change = root.get(reverse("admin:jurisdictions_user_change", args=[world.users["coord"].pk])).content.decode()
    assert "督察整改" in change and "个人信息" in change and "角色" in change


def test_the_admin_and_djangos_own_texts_are_chinese_whatever_the_browser_prefers(root, world):
    """A browser set to English (a common default) got the admin in English around ducha's Chinese: Chinese
    only, for every visitor."""
    client = root
    page = client.get("/admin/jurisdictions/user/add/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "用户名" in page and "保存" in page
    assert "Username" not in page and "Save and add another" not in page
    client.logout()
    login = client.post("/login/", {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "该字段是必填项" in login and "This field is required" not in login
