from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("warnings", views.TaskWarningViewSet)
router.register("external-events", views.ExternalEventViewSet)
router.register("warning-consequences", views.ConsequenceViewSet)

urlpatterns = router.urls
