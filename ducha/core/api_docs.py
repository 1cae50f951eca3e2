"""Swagger UI and ReDoc served from this server under the site's
Content-Security-Policy (no inline script, nothing from outside hosts), to
signed-in users unless DUCHA_PUBLIC_API_DOCS=1 (SPECTACULAR_SETTINGS
SERVE_PERMISSIONS)."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.staticfiles import finders
from django.core.files.storage import FileSystemStorage
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework import exceptions

REDOC_SOURCE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
REDOC_BUNDLE = "vendor/redoc/redoc.standalone.js"
# ReDoc's sidebar footer shows its vendor's logo from the vendor's host whatever the options; an image
# that cannot load hides itself, so every such absolute logo URL in the bundle becomes an empty data: URL.
REDOC_OUTSIDE_LOGO = re.compile(rb"https?://[A-Za-z0-9.-]+/redoc/logo-mini\.svg")


class SignedInDocs:
    """A browser that is not signed in goes to the login page rather than reading a 401."""

    def handle_exception(self, exc):
        if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)


class SwaggerView(SignedInDocs, SpectacularSwaggerSplitView):
    """Swagger UI whose start-up script is a separate request (the split view), not inline."""

    template_name = "core/api/swagger_ui.html"


class RedocView(SignedInDocs, SpectacularRedocView):
    template_name = "core/api/redoc.html"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # ReDoc styles itself with <style> elements it writes at run time and
        # searches in a blob: worker; the rest of the site allows neither.
        response._csp_update = {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}
        return response


class RedocBundleFinder(finders.BaseFinder):
    """The sidecar's ReDoc bundle without the outside logo, as the static file vendor/redoc/redoc.standalone.js
    (written under var/ when first asked for; collectstatic copies it like any other)."""

    def _root(self) -> Path:
        return Path(settings.VAR_DIR) / "generated-static"

    def _build(self) -> Path:
        target = self._root() / REDOC_BUNDLE
        source = Path(finders.find(REDOC_SOURCE))
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            target.parent.mkdir(parents=True, exist_ok=True)
            patched = REDOC_OUTSIDE_LOGO.sub(b"data:,", source.read_bytes())
            partial = target.with_suffix(".tmp")
            partial.write_bytes(patched)
            partial.replace(target)
        return target

    def find(self, path, find_all=False, **kwargs):
        if path != REDOC_BUNDLE:
            return [] if find_all else None
        found = str(self._build())
        return [found] if find_all else found

    def list(self, ignore_patterns):
        self._build()
        yield REDOC_BUNDLE, FileSystemStorage(location=str(self._root()))

    def check(self, **kwargs):
        return []
