from django.urls import path

from .views import objections

app_name = "signoff"

urlpatterns = [
    path("objections/", objections.objection_list, name="objection_list"),
    path("objections/<int:pk>/", objections.objection_detail, name="objection_detail"),
    path("objections/<int:pk>/files/<int:file_id>/", objections.objection_attachment, name="objection_attachment"),
    path("notices/<int:notice_pk>/objections/new/", objections.objection_enter, name="objection_enter"),
]
