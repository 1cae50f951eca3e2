from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("rounds", views.RoundViewSet, basename="round")
router.register("obligations", views.ObligationViewSet, basename="obligation")

urlpatterns = router.urls
