from django.urls import path

from .views import events, history, months

app_name = "warnings"
urlpatterns = [
    path("", months.warning_month, name="month"),
    path("propose/", months.propose, name="propose"),
    path("confirm-blue/", months.confirm_blue, name="confirm_blue"),
    path("<int:pk>/confirm/", months.decide, {"name": "confirm"}, name="confirm"),
    path("<int:pk>/override/", months.decide, {"name": "override"}, name="override"),
    path("export.xlsx", history.month_export, name="month_export"),
    path("units/<int:pk>/", history.unit_history, name="unit_history"),
    path("events/", events.event_list, name="event_list"),
    path("events/new/<int:task_pk>/", events.event_create, name="event_create"),
]
