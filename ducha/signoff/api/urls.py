from django.urls import path
from rest_framework.routers import SimpleRouter

from . import objections

router = SimpleRouter()
router.register("objections", objections.ObjectionViewSet)

urlpatterns = router.urls + [
    path("notices/<int:id>/objections/", objections.NoticeObjectionView.as_view(), name="notice-objections"),
    path("public/notices/<int:id>/objections/", objections.PublicObjectionView.as_view(),
         name="public-notice-objections"),
]
