"""/api/: every app's API routes, the OpenAPI schema and locally served docs.

The schema and both docs pages need a signed-in user unless
DUCHA_PUBLIC_API_DOCS=1 (settings.PUBLIC_API_DOCS): the schema answers 401
through SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"], the pages send a browser
to the login page."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from ducha.core.api_docs import RedocView, SwaggerView, redoc_bundle


def _docs_page(view):
    return view if settings.PUBLIC_API_DOCS else login_required(view)


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", _docs_page(SwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path("redoc/", _docs_page(RedocView.as_view(url_name="api-schema")), name="api-redoc"),
    path("redoc/redoc.standalone.js", redoc_bundle, name="api-redoc-bundle"),
    path("", include("ducha.jurisdictions.api.urls")),
    path("", include("ducha.ledger.api.urls")),
]
