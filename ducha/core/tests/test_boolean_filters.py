"""A yes/no filter refuses what it does not understand, naming the field, on pages and in the API,
instead of quietly listing everything."""

import pytest


@pytest.mark.parametrize("url", ["/api/tasks/?overdue=maybe", "/api/supervisions/?overdue=maybe",
                                 "/api/notifications/?unread=perhaps", "/tasks/?overdue=maybe"])
def test_an_unknown_yes_no_value_is_refused_by_name(client, world, url):
    client.force_login(world.users["admin"])
    response = client.get(url)
    assert response.status_code == 400
    assert "应为 true 或 false" in response.content.decode()


@pytest.mark.parametrize("value", ["true", "false", "True", "1", "0", "unknown", ""])
def test_the_usual_spellings_pass(client, world, value):
    client.force_login(world.users["admin"])
    assert client.get(f"/api/tasks/?overdue={value}").status_code == 200
    assert client.get(f"/api/supervisions/?overdue={value}").status_code == 200
