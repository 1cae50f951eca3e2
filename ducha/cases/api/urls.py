from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("cases", views.CaseViewSet)
router.register("case-batches", views.BatchViewSet)
router.register("case-repeats", views.RepeatLinkViewSet)

urlpatterns = router.urls
