from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("signoff/applications", views.ApplicationViewSet)

urlpatterns = router.urls + [
    path("tasks/<int:id>/case-file/", views.CaseFileView.as_view(), name="task-case-file"),
]
