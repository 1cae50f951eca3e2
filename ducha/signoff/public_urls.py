from django.urls import path

from .views import public

app_name = "notices"

urlpatterns = [
    path("", public.notice_list, name="list"),
    path("<int:pk>/", public.notice_detail, name="detail"),
    path("<int:pk>/received/", public.objection_received, name="received"),
]
