"""/api/: every app's API routes, the OpenAPI schema and locally served docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema", template_name="core/api/redoc.html"),
         name="api-redoc"),
    path("", include("ducha.jurisdictions.api.urls")),
    path("", include("ducha.ledger.api.urls")),
]
