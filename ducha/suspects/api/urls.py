from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("suspects", views.SuspectViewSet)

urlpatterns = router.urls
