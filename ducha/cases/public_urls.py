"""/public/cases/: the public disclosure pages (no sign-in)."""

from django.urls import path

from .views import public

app_name = "cases"

urlpatterns = [
    path("", public.index, name="index"),
    path("<slug:code>/<int:number>/", public.batch, name="batch"),
    path("<slug:code>/<int:number>.<str:kind>", public.batch_file, name="batch_file"),
]
