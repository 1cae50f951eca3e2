from django.urls import path

from . import views

app_name = "open311"

urlpatterns = [
    path("services.<str:fmt>", views.services, name="services"),
    path("requests.<str:fmt>", views.requests, name="requests"),
    path("requests/<int:pk>.<str:fmt>", views.request_detail, name="request"),
]
