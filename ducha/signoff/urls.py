from django.urls import path

from .views import lists, objections, steps

app_name = "signoff"

urlpatterns = [
    path("", lists.worklist, name="worklist"),
    path("lagging/", lists.lagging, name="lagging"),
    path("applications/<int:pk>/<str:kind>.docx", lists.document, name="document"),
    path("task/<int:pk>/case-file.zip", lists.case_file, name="case_file"),
    path("task/<int:pk>/<str:name>/", steps.step, name="step"),
    path("objections/", objections.objection_list, name="objection_list"),
    path("objections/<int:pk>/", objections.objection_detail, name="objection_detail"),
    path("objections/<int:pk>/files/<int:file_id>/", objections.objection_attachment, name="objection_attachment"),
    path("notices/<int:notice_pk>/objections/new/", objections.objection_enter, name="objection_enter"),
]
