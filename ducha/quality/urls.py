from django.urls import path

from . import views

app_name = "quality"
urlpatterns = [
    path("", views.division_index, name="index"),
    path("<str:code>/", views.division_targets, name="division"),
]
