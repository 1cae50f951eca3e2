"""The bell, the notifications page and API, marking read (one's own only), pruning."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from ducha.notifications import actions
from ducha.notifications.models import Notification


def note(user, title="第3次调度：请于12月5日前报送进展", read=False, **fields):
    return Notification.objects.create(recipient=user, kind="round.reminder", title=title, url="/my/",
                                       read_at=timezone.now() if read else None, **fields)


def signed_in(client, world, username):
    client.force_login(world.users[username])
    return client


def test_the_bell_counts_the_users_own_unread_notifications_with_one_query(client, world):
    me, other = world.users["ld_officer"], world.users["qt_officer"]
    for _ in range(3):
        note(me)
    note(me, read=True)
    note(other)
    signed_in(client, world, "ld_officer")
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("mywork:my_work")).content.decode()
    assert 'class="badge rounded-pill text-bg-danger bell-count">3<' in html
    assert "通知（3 条未读）" in html
    assert len([q for q in queries if "notifications_notification" in q["sql"]]) == 1


def test_no_badge_when_everything_is_read(client, world):
    note(world.users["coord"], read=True)
    html = signed_in(client, world, "coord").get(reverse("notifications:list")).content.decode()
    assert "bell-count" not in html and "bi-bell-fill" not in html


def test_the_list_shows_own_notifications_newest_first_paginated(client, world):
    me = world.users["coord"]
    for i in range(25):
        n = note(me, title=f"通知{i:02d}")
        Notification.objects.filter(pk=n.pk).update(created_at=timezone.now() - dt.timedelta(minutes=100 - i))
    note(world.users["wz_coord"], title="温州的通知")
    signed_in(client, world, "coord")
    first = client.get(reverse("notifications:list"))
    titles = [n.title for n in first.context["page"].object_list]
    assert titles[0] == "通知24" and len(titles) == 20
    assert "温州的通知" not in first.content.decode()
    second = client.get(reverse("notifications:list") + "?page=2")
    assert [n.title for n in second.context["page"].object_list][-1] == "通知00"


def test_marking_read_on_the_page_and_following_the_link(client, world):
    n = note(world.users["coord"])
    signed_in(client, world, "coord")
    response = client.post(reverse("notifications:mark_read", args=[n.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/my/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_a_link_to_another_site_is_not_followed(client, world):
    n = note(world.users["coord"])
    Notification.objects.filter(pk=n.pk).update(url="https://evil.example/")
    response = signed_in(client, world, "coord").post(reverse("notifications:mark_read", args=[n.pk]), {"open": "1"})
    assert response["Location"] == reverse("notifications:list")


@pytest.mark.parametrize("target", ["abc def", "notifications:list", "abc\x00def", "-1", "9999-12-31",
                                    "//evil.example/", "https://evil.example/"])
def test_a_next_that_is_not_a_path_on_this_site_goes_back_to_the_list(client, world, target):
    n = note(world.users["coord"])
    response = signed_in(client, world, "coord").post(reverse("notifications:mark_read", args=[n.pk]),
                                                      {"next": target})
    assert response.status_code == 302 and response["Location"] == reverse("notifications:list")
    n.refresh_from_db()
    assert n.read_at is not None


def test_a_next_path_on_this_site_is_followed(client, world):
    n = note(world.users["coord"])
    response = signed_in(client, world, "coord").post(reverse("notifications:mark_read", args=[n.pk]),
                                                      {"next": "/notifications/?unread=1"})
    assert response["Location"] == "/notifications/?unread=1"


@pytest.mark.parametrize("username", ["admin", "coord", "qt_officer", "supervisor", "ld_leader"])
def test_nobody_marks_another_users_notification_page_or_api(client, world, username):
    theirs = note(world.users["ld_officer"])
    signed_in(client, world, username)
    assert client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    api = APIClient()
    api.force_authenticate(world.users[username])
    assert api.post(f"/api/notifications/{theirs.pk}/read/").status_code == 404
    assert api.get(f"/api/notifications/{theirs.pk}/").status_code == 404
    assert theirs.pk not in [r["id"] for r in api.get("/api/notifications/").json()["results"]]
    api.post("/api/notifications/read-all/")
    client.post(reverse("notifications:mark_all_read"))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_an_id_beyond_the_database_integers_is_a_404(client, world):
    signed_in(client, world, "coord")
    assert client.post(reverse("notifications:mark_read", args=[2**70])).status_code == 404


def test_mark_all_read_marks_only_ones_own(client, world):
    mine = [note(world.users["coord"]) for _ in range(2)]
    other = note(world.users["supervisor"])
    response = signed_in(client, world, "coord").post(reverse("notifications:mark_all_read"), follow=True)
    assert "已将 2 条通知标为已读" in response.content.decode()
    assert Notification.objects.filter(pk__in=[n.pk for n in mine], read_at__isnull=True).count() == 0
    other.refresh_from_db()
    assert other.read_at is None
    # Nothing left unread: no button that would do nothing.
    assert 'id="mark-all-read"' not in client.get(reverse("notifications:list")).content.decode()


def test_mark_all_read_is_offered_while_something_is_unread(client, world):
    note(world.users["coord"], read=True)
    page = signed_in(client, world, "coord").get(reverse("notifications:list")).content.decode()
    assert 'id="mark-all-read"' not in page
    note(world.users["coord"])
    assert 'id="mark-all-read"' in client.get(reverse("notifications:list")).content.decode()


def test_the_api_lists_counts_and_marks_read(world):
    me = world.users["ld_officer"]
    a, b = note(me, title="甲"), note(me, title="乙")
    note(world.users["qt_officer"])
    api = APIClient()
    api.force_authenticate(me)
    listing = api.get("/api/notifications/").json()
    assert listing["count"] == 2 and {r["title"] for r in listing["results"]} == {"甲", "乙"}
    assert api.get("/api/notifications/unread-count/").json() == {"unread": 2}
    marked = api.post(f"/api/notifications/{a.pk}/read/").json()
    assert marked["is_read"] is True and marked["id"] == a.pk
    assert api.get("/api/notifications/?unread=true").json()["count"] == 1
    assert api.post("/api/notifications/read-all/").json() == {"marked": 1}
    assert api.get("/api/notifications/unread-count/").json() == {"unread": 0}
    b.refresh_from_db()
    assert b.read_at is not None


def test_the_api_refuses_a_bad_filter_naming_it(world):
    api = APIClient()
    api.force_authenticate(world.users["coord"])
    response = api.get("/api/notifications/?kind=" + "x" * 60)
    assert response.status_code == 400 and "kind" in response.json()


def test_anonymous_gets_no_notifications(client, world):
    assert APIClient().get("/api/notifications/unread-count/").status_code == 401
    assert client.get(reverse("notifications:list")).status_code == 302


def test_pruning_deletes_old_read_notifications_only(world, settings):
    settings.DUCHA_NOTIFICATION_KEEP_DAYS = 30
    me = world.users["coord"]
    old_read, recent_read, old_unread = note(me, read=True), note(me, read=True), note(me)
    long_ago = timezone.now() - dt.timedelta(days=31)
    Notification.objects.filter(pk=old_read.pk).update(read_at=long_ago, created_at=long_ago)
    Notification.objects.filter(pk=old_unread.pk).update(created_at=long_ago)
    assert actions.prune_read() == 1
    assert actions.prune_read() == 0
    assert set(Notification.objects.values_list("pk", flat=True)) == {recent_read.pk, old_unread.pk}
