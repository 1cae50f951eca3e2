from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("supervisions", views.SupervisionViewSet)

urlpatterns = router.urls + [
    path("supervisions/<int:pk>/files/<int:file_id>/", views.AttachmentView.as_view(), name="supervision-attachment"),
    path("tasks/<int:id>/flag/", views.TaskFlagView.as_view(), name="task-flag"),
]
