from django.urls import path

from . import views

app_name = "holidays"

urlpatterns = [
    path("", views.calendar_year, name="current"),
    path("<int:year>/", views.calendar_year, name="year"),
    path("<int:year>/days/", views.set_day, name="set_day"),
    path("<int:year>/days/remove/", views.remove_day, name="remove_day"),
    path("<int:year>/publish/", views.publish_year, name="publish_year"),
]
