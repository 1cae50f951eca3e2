from django.urls import path

from . import views

app_name = "progress"
urlpatterns = [
    path("tasks/<int:pk>/reports/new/", views.report_new, name="report_new"),
    path("reports/<int:report_id>/evidence/<int:file_id>/", views.evidence_download, name="evidence"),
    path("reports/<int:report_id>/evidence/<int:file_id>/thumbnail/", views.evidence_download,
         {"thumbnail": True}, name="evidence_thumbnail"),
]
