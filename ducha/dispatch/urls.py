from django.urls import path

from .views import rounds

app_name = "dispatch"

urlpatterns = [
    path("", rounds.round_list, name="round_list"),
    path("new/", rounds.round_create, name="round_create"),
    path("mine/", rounds.my_obligations, name="my_obligations"),
    path("schedules/", rounds.schedule_list, name="schedule_list"),
    path("schedules/<int:pk>/toggle/", rounds.schedule_toggle, name="schedule_toggle"),
    path("<int:pk>/", rounds.round_detail, name="round_detail"),
    path("<int:pk>/remind/", rounds.round_remind, name="round_remind"),
    path("<int:pk>/export.xlsx", rounds.round_export, name="round_export"),
    path("<int:pk>/<str:name>/", rounds.round_transition, name="round_transition"),
]
