from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("revisits", views.RevisitViewSet)

urlpatterns = router.urls
