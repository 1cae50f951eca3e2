"""Swagger UI and ReDoc served from this server under the site's
Content-Security-Policy: no inline script, and nothing from outside hosts."""

import functools

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

REDOC_BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
# ReDoc's sidebar footer shows this logo whatever the options; an image that
# cannot load hides itself, so the bundle gets an empty data: URL instead.
REDOC_OUTSIDE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI whose start-up script is a separate request (the split view), not inline."""

    template_name = "core/api/swagger_ui.html"


class RedocView(SpectacularRedocView):
    template_name = "core/api/redoc.html"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # ReDoc styles itself with <style> elements it writes at run time and
        # searches in a blob: worker; the rest of the site allows neither.
        response._csp_update = {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}
        return response


@functools.cache
def _redoc_source() -> bytes:
    with open(finders.find(REDOC_BUNDLE), "rb") as f:
        source = f.read()
    return source.replace(REDOC_OUTSIDE_LOGO.encode(), b"data:,")


@require_GET
def redoc_bundle(request):
    response = HttpResponse(_redoc_source(), content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
