from django.urls import path

from . import views

urlpatterns = [
    path("my-work/", views.MyWorkView.as_view(), name="api-my-work"),
]
