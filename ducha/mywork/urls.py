from django.urls import path

from . import views

app_name = "mywork"
urlpatterns = [
    path("", views.start, name="start"),
    path("my/", views.my_work, name="my_work"),
]
