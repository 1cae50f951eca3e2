"""/api/: every app's API routes, the OpenAPI schema and locally served docs.

The schema and both docs pages need a signed-in user unless
DUCHA_PUBLIC_API_DOCS=1 (SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]): the
schema answers 401, the pages send a browser to the login page."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from ducha.core.api_docs import RedocView, SwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", RedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("", include("ducha.jurisdictions.api.urls")),
    path("", include("ducha.ledger.api.urls")),
    path("", include("ducha.progress.api.urls")),
    path("", include("ducha.notifications.api.urls")),
    path("", include("ducha.mywork.api.urls")),
    path("", include("ducha.warnings.api.urls")),
    path("", include("ducha.dispatch.api.urls")),
    path("", include("ducha.supervision.api.urls")),
    path("", include("ducha.cases.api.urls")),
    path("", include("ducha.chronicle.api.urls")),
]
