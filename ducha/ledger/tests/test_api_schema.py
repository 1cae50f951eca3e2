"""The OpenAPI schema and the documentation pages, served without any outside host."""

import re

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient


def test_schema_generates_without_warnings(db, tmp_path):
    out = tmp_path / "schema.yml"
    # --fail-on-warn exits non-zero on any warning of any view.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in ("/api/tasks/", "/api/tasks/export/", "/api/tasks/import/", "/api/tasks/{id}/flag/", "/api/tasks/{id}/history/", "/api/divisions/{code}/",
                 "/api/me/", "/api/auth/token/", "/api/plans/", "/api/problems/", "/api/inspections/"):
        assert f"  {path}:" in text, path
    assert "整改任务" in text and "list tasks" in text


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_their_assets_locally(world, url):
    client = APIClient()
    client.force_authenticate(world.users["coord"])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    hosts = re.findall(r"""(?:src|href)\s*=\s*["'](?:https?:)?//([^/"']+)""", html)
    assert hosts == [], hosts
    assets = re.findall(r"""(?:src|href)\s*=\s*["'](/static/[^"']+)""", html)
    assert any("swagger-ui" in a or "redoc" in a for a in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
