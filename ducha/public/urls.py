"""/public/: the home page, the receipt lookup, and every registered section under /public/<key>/."""

from django.urls import include, path

from . import site
from .views import home

app_name = "public"

urlpatterns = [
    path("", home.home, name="home"),
    path("receipt/", home.receipt_lookup, name="receipt"),
] + [path(f"{s.key}/", include(s.urls)) for s in site.sections()]
