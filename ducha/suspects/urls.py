from django.urls import path

from . import views

app_name = "suspects"

urlpatterns = [
    path("", views.suspect_list, name="list"),
    path("detect/", views.suspect_detect, name="detect"),
    path("<int:pk>/<str:name>/", views.suspect_decide, name="decide"),
]
