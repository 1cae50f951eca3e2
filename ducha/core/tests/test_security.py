"""The production profile, the server's refusal of a weak SECRET_KEY, the
Content-Security-Policy and the API docs behind sign-in."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

PROJECT = Path(__file__).resolve().parents[3]
STRONG_KEY = "k" * 20 + "3fQ9zX1pL7mN2vB8cR4tY6uI0oP5aS-dF_gH" + "w" * 10


def run(code_or_args, **env):
    """A fresh Python process with exactly these ducha variables (the test settings stay out of it)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DUCHA_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean.update(env)
    args = code_or_args if isinstance(code_or_args, list) else [sys.executable, "-c", code_or_args]
    return subprocess.run(args, cwd=PROJECT, env=clean, capture_output=True, text=True, timeout=120)


PRODUCTION = {"DUCHA_PROFILE": "production", "DUCHA_SECRET_KEY": STRONG_KEY,
              "DUCHA_ALLOWED_HOSTS": "ducha.example.gov.cn"}


def test_check_deploy_reports_nothing_with_the_production_profile():
    result = run([str(Path(sys.executable).parent / "ducha"), "check", "--deploy", "--fail-level", "WARNING"],
                 **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout and "WARNING" not in result.stderr


def test_check_deploy_without_the_profile_warns():
    result = run([str(Path(sys.executable).parent / "ducha"), "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode != 0 and "security.W" in result.stderr


def test_the_production_profile_turns_on_https_only_settings():
    code = ("import django, json; from django.conf import settings; django.setup(); "
            "print(json.dumps([settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, "
            "settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
            "settings.SESSION_COOKIE_HTTPONLY, settings.DEBUG, settings.ALLOWED_HOSTS, "
            "settings.SECURE_PROXY_SSL_HEADER]))")
    result = run(code, DJANGO_SETTINGS_MODULE="ducha.settings", DUCHA_DEBUG="1", **PRODUCTION)
    assert result.stdout.strip() == ('[true, 31536000, true, true, true, true, false, ["ducha.example.gov.cn"], '
                                     'null]'), result.stderr
    behind = run(code, DJANGO_SETTINGS_MODULE="ducha.settings", DUCHA_BEHIND_PROXY="1", **PRODUCTION)
    assert behind.stdout.strip().endswith('["HTTP_X_FORWARDED_PROTO", "https"]]'), behind.stderr


@pytest.mark.parametrize("missing", ["DUCHA_ALLOWED_HOSTS", "DUCHA_SECRET_KEY"])
def test_the_production_profile_requires_hosts_and_a_key(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = run("import django; django.setup()", DJANGO_SETTINGS_MODULE="ducha.settings", **env)
    assert result.returncode != 0 and missing in result.stderr


@pytest.mark.parametrize("env, starts", [
    ({}, False),
    ({"DUCHA_SECRET_KEY": "ducha-insecure-development-key-change-me"}, False),
    ({"DUCHA_SECRET_KEY": "x" * 49}, False),
    ({"DUCHA_SECRET_KEY": STRONG_KEY}, True),
    ({"DUCHA_DEMO": "1"}, True),
])
def test_the_server_refuses_to_start_with_a_missing_default_or_short_key(env, starts):
    result = run("import ducha.wsgi", **env)
    assert (result.returncode == 0) is starts, result.stderr
    if not starts:
        assert "DUCHA_SECRET_KEY" in result.stderr and "拒绝启动" in result.stderr


def test_every_page_carries_a_content_security_policy(client, world):
    client.force_login(world.users["coord"])
    policy = client.get(reverse("overview:overview"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy  # no inline scripts, styles or style attributes
    assert "Content-Security-Policy" in client.get(reverse("login"))


TEMPLATES = sorted((PROJECT / "ducha").glob("*/templates/**/*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(PROJECT / "ducha")))
def test_no_template_has_an_inline_script_or_event_handler(template):
    html = template.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>: move it to a static file"
    assert not re.search(r"\son[a-z]+=\"", html), "inline event handler: use a data- attribute and static JS"
    assert "<style" not in html, "<style> element: move it to a static stylesheet"
    if "_email" not in template.name:  # mail clients ignore stylesheets; pages get no style attributes
        assert not re.search(r"\sstyle=", html), "style attribute: use a class (core/ducha.css has pct-N, min-w-0…)"


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/", "/api/redoc/"])
def test_the_api_docs_need_a_signed_in_user(client, world, path):
    response = client.get(path)
    assert response.status_code in (302, 401, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))
    client.force_login(world.users["ld_officer"])
    assert client.get(path).status_code == 200


def test_the_schema_answers_a_token_user():
    assert APIClient().get("/api/schema/").status_code == 401


def test_public_api_docs_is_an_operator_choice():
    code = ("import django; django.setup(); from django.test import Client; c = Client(); "
            "print(c.get('/api/docs/').status_code, c.get('/api/schema/').status_code)")
    result = run(code, DJANGO_SETTINGS_MODULE="ducha.settings", DUCHA_PUBLIC_API_DOCS="1")
    assert result.stdout.split() == ["200", "200"], result.stderr[-2000:]


def test_the_redoc_bundle_served_here_names_no_outside_host(client, world):
    client.force_login(world.users["coord"])
    page = client.get("/api/redoc/").content.decode()
    assert "cdn.redoc.ly" not in page and "fonts.googleapis" not in page and "<script>" not in page
    bundle = b"".join(client.get("/static/vendor/redoc/redoc.standalone.js").streaming_content)
    assert b"Redoc" in bundle and b"cdn.redoc.ly" not in bundle


def test_api_docs_are_in_the_menu_for_admins_only(client, world):
    client.force_login(world.users["admin"])
    assert f'href="{reverse("api-docs")}"' in client.get(reverse("overview:overview")).content.decode()
    client.force_login(world.users["coord"])
    assert f'href="{reverse("api-docs")}"' not in client.get(reverse("overview:overview")).content.decode()
    assert client.get(reverse("api-docs")).status_code == 200
