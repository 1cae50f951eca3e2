"""Dismiss / send to review: who may, what is kept between runs, the page, the API and the command."""

import csv

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from ducha.accountability.models import Referral
from ducha.audit.models import AuditEntry
from ducha.suspects import actions
from ducha.suspects.models import Suspect, SuspectState

from .conftest import REPORT


@pytest.fixture
def pair(world, make_task, accepted):
    """The planted pair: one completion report copied between a 莲都区 and a 青田县 task."""
    accepted(make_task(number="1", units=("ld_gov",), division="ld"),
             REPORT.format(place="莲都区", site="碧湖镇砂石", n=3200, m=24))
    accepted(make_task(number="2", units=("qt_gov",), division="qt"),
             REPORT.format(place="青田县", site="温溪镇石料", n=2800, m=18))
    actions.detect(acting_user=world.users["coord"], only={"similar_text"})
    return Suspect.objects.get(rule="similar_text")


def test_dismissed_suspect_stays_dismissed_when_found_again(world, pair):
    actions.dismiss_suspect(acting_user=world.users["coord"], suspect=pair, reason="两处为同一公司施工，报告模板相同")
    found = actions.detect(acting_user=world.users["coord"], only={"similar_text"})
    assert [(s.pk, s.state) for s in found] == [(pair.pk, SuspectState.DISMISSED)]
    assert AuditEntry.objects.filter(action="suspect.dismiss", object_id=str(pair.pk)).exists()


def test_review_with_referral(world, pair):
    suspect = actions.send_to_review(acting_user=world.users["coord"], suspect=pair, reason="文字雷同，需复核", refer=True)
    assert suspect.state == SuspectState.REVIEW
    assert Referral.objects.get().task_id == pair.task_id
    with pytest.raises(ValidationError):
        actions.dismiss_suspect(acting_user=world.users["coord"], suspect=pair, reason="再次处理")


@pytest.mark.parametrize("user, outcome", [("coord", "ok"), ("admin", "ok"), ("wz_coord", "hidden"),
                                           ("qt_officer", "hidden"), ("supervisor", "denied"),
                                           ("ld_leader", "hidden")])
def test_permission_matrix_of_decisions(world, pair, user, outcome):
    acting = world.users[user]
    visible = Suspect.objects.restrict(acting).filter(pk=pair.pk).exists()
    client = APIClient()
    client.force_authenticate(acting)
    response = client.post(f"/api/suspects/{pair.pk}/dismiss/", {"reason": "核实无问题"}, format="json")
    expected = {"ok": 200, "hidden": 404, "denied": 403}[outcome]
    assert response.status_code == expected, response.content
    assert visible == (outcome != "hidden")
    if outcome != "ok":
        with pytest.raises((PermissionDenied, Exception)):
            actions.dismiss_suspect(acting_user=acting, suspect=pair, reason="核实无问题")


def test_review_page_shows_the_evidence_side_by_side(world, pair, client):
    client.force_login(world.users["coord"])
    page = client.get(reverse("suspects:list")).content.decode()
    assert "碧湖镇砂石" in page and "温溪镇石料" in page and "转复核" in page
    client.post(reverse("suspects:decide", args=[pair.pk, "dismiss"]), {"reason": "同一施工单位"})
    assert Suspect.objects.get(pk=pair.pk).state == SuspectState.DISMISSED
    assert "碧湖镇砂石" not in client.get(reverse("suspects:list")).content.decode()


def test_command_lists_and_writes_csv(world, pair, tmp_path, capsys):
    out = tmp_path / "suspects.csv"
    call_command("signoff", "suspects", "--plan", world.plan.code, "--csv", str(out))
    with open(out, encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [(r["rule"], r["task_number"], r["other_task_number"]) for r in rows] == [("similar_text", "2", "1")]
    call_command("signoff", "suspects")
    assert "共 1 条疑似纸面销号" in capsys.readouterr().out
    with pytest.raises(Exception, match="--plan"):
        call_command("signoff", "suspects", "--plan", "NOPE")
