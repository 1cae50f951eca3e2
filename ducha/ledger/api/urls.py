from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("inspections", views.InspectionViewSet)
router.register("problems", views.ProblemViewSet)
router.register("plans", views.PlanViewSet)
router.register("tasks", views.TaskViewSet)

urlpatterns = router.urls
