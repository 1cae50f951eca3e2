"""The request id is the server's: a client's X-Request-Id is at most recorded beside it."""

import re

import pytest
from rest_framework.test import APIClient

from ducha.audit.models import AuditEntry

HOSTILE = ["x" * 65, "<script>alert(1)</script>", "id\r\nSet-Cookie: a=b", "１２３", "a b", "'; DROP TABLE x;--"]


def _create(world, header):
    client = APIClient()
    client.force_authenticate(world.users["coord"])
    payload = {"plan": world.plan.pk, "number": "10", "target": "城区污水零直排", "measures": "雨污分流改造",
               "units": [world.units["eco"].pk], "category": "by_deadline", "deadline": "2026-12-31",
               "problem": world.problem.pk}
    extra = {"HTTP_X_REQUEST_ID": header} if header is not None else {}
    return client.post("/api/tasks/", payload, format="json", REMOTE_ADDR="10.1.2.3", **extra)


@pytest.mark.parametrize("header", HOSTILE)
def test_a_long_or_hostile_client_id_is_dropped_and_never_a_500(world, header):
    response = _create(world, header)
    assert response.status_code == 201, response.content
    entry = AuditEntry.objects.get(object_type="ledger.task", object_id=str(response.json()["id"]))
    assert re.fullmatch(r"[0-9a-f]{32}", entry.request_id) and entry.request_id == response["X-Request-Id"]
    assert entry.client_request_id == "" and entry.request_id != header
    assert entry.remote_addr == "10.1.2.3"


def test_a_plain_client_id_is_kept_beside_the_servers(world):
    response = _create(world, "trace-42:abc.DEF_9")
    entry = AuditEntry.objects.get(object_type="ledger.task", object_id=str(response.json()["id"]))
    assert entry.client_request_id == "trace-42:abc.DEF_9"
    assert entry.request_id != "trace-42:abc.DEF_9" and entry.request_id == response["X-Request-Id"]


def test_each_request_gets_its_own_id(world):
    first, second = _create(world, "same"), _create(world, "same")
    assert first["X-Request-Id"] != second["X-Request-Id"]
