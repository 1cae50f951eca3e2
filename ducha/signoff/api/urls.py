from django.urls import path
from rest_framework.routers import SimpleRouter

from . import objections, views

router = SimpleRouter()
router.register("signoff/applications", views.ApplicationViewSet)
router.register("objections", objections.ObjectionViewSet)

urlpatterns = router.urls + [
    path("tasks/<int:id>/case-file/", views.CaseFileView.as_view(), name="task-case-file"),
    path("tasks/<int:id>/periodic-checks/", views.PeriodicChecksView.as_view(), name="task-periodic-checks"),
    path("notices/<int:id>/objections/", objections.NoticeObjectionView.as_view(), name="notice-objections"),
    path("public/notices/<int:id>/objections/", objections.PublicObjectionView.as_view(),
         name="public-notice-objections"),
]
