"""A case's version over the API: its answers carry the ETag an If-Match names, and an If-Match that names
no ETag of the case is told the form expected."""

import pytest

pytestmark = pytest.mark.django_db

BODY = {"investigation": "复核：已停产整改到位。", "handling": "已责令停产整改。"}


def test_a_case_answer_carries_its_etag_like_a_task(world, routed, api):
    client = api("ld_officer")
    read = client.get(f"/api/cases/{routed.pk}/")
    assert read.status_code == 200
    assert read["ETag"] == f'"case-{routed.pk}-v{routed.version}"'
    changed = client.patch(f"/api/cases/{routed.pk}/handling/", BODY, format="json", HTTP_IF_MATCH=read["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] == f'"case-{routed.pk}-v{routed.version + 1}"' == f'"case-{routed.pk}-v{changed.json()["version"]}"'
    assert "ETag" not in client.get("/api/cases/")  # a list is no one object


@pytest.mark.parametrize("header", ['"2"', "2", '"task-9-v2"', '"case-{pk}-v²"', '"case-{pk}-v' + "9" * 5000 + '"'])
def test_an_if_match_naming_no_etag_of_the_case_is_told_the_form(world, routed, api, header):
    version = routed.version
    response = api("ld_officer").patch(f"/api/cases/{routed.pk}/handling/", BODY, format="json",
                                       HTTP_IF_MATCH=header.replace("{pk}", str(routed.pk)))
    assert response.status_code == 412
    tag = f'"case-{routed.pk}-v{version}"'
    assert response.json() == {"detail": f"If-Match 应为本对象的 ETag，如 {tag}（当前为第 {version} 版）。",
                               "version": version}
    assert response["ETag"] == tag
    routed.refresh_from_db()
    assert routed.version == version


def test_an_if_match_of_an_older_version_is_still_stale(world, routed, api):
    old = f'"case-{routed.pk}-v{routed.version - 1}"'
    response = api("ld_officer").patch(f"/api/cases/{routed.pk}/handling/", BODY, format="json", HTTP_IF_MATCH=old)
    assert response.status_code == 412 and "已被他人修改" in response.json()["detail"]
