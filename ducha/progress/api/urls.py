from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("reports", views.ReportViewSet)

urlpatterns = router.urls + [
    path("reports/<int:report_id>/evidence/<int:file_id>/", views.ReportEvidenceView.as_view(),
         name="api-report-evidence"),
]
