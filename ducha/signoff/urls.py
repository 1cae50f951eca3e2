from django.urls import path

from .views import files, lists, objections, steps, templates

app_name = "signoff"

urlpatterns = [
    path("", lists.worklist, name="worklist"),
    path("lagging/", lists.lagging, name="lagging"),
    path("templates/", templates.document_templates, name="document_templates"),
    path("templates/<str:kind>.docx", templates.document_template_download, name="document_template_download"),
    path("templates/<str:kind>/upload/", templates.document_template_upload, name="document_template_upload"),
    path("templates/<str:kind>/restore/", templates.document_template_restore, name="document_template_restore"),
    path("applications/<int:pk>/<str:kind>.docx", lists.document, name="document"),
    path("applications/<int:pk>/files/<int:file_id>/", files.application_file, name="application_file"),
    path("applications/<int:pk>/files/<int:file_id>/thumbnail/", files.application_file, {"thumbnail": True},
         name="application_file_thumbnail"),
    path("task/<int:pk>/case-file.zip", lists.case_file, name="case_file"),
    path("task/<int:pk>/<str:name>/", steps.step, name="step"),
    path("objections/", objections.objection_list, name="objection_list"),
    path("objections/<int:pk>/", objections.objection_detail, name="objection_detail"),
    path("objections/<int:pk>/files/<int:file_id>/", objections.objection_attachment, name="objection_attachment"),
    path("notices/<int:notice_pk>/objections/new/", objections.objection_enter, name="objection_enter"),
]
