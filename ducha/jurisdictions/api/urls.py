from django.urls import path
from rest_framework.routers import SimpleRouter

from . import auth, views

router = SimpleRouter()
router.register("divisions", views.DivisionViewSet)
router.register("units", views.UnitViewSet)

urlpatterns = [
    path("me/", views.MeView.as_view(), name="api-me"),
    path("auth/token/", auth.TokenView.as_view(), name="api-token"),
    path("auth/logout/", auth.LogoutView.as_view(), name="api-logout"),
    path("auth/logoutall/", auth.LogoutAllView.as_view(), name="api-logout-all"),
    path("auth/tokens/", auth.TokenListView.as_view(), name="api-tokens"),
    path("auth/tokens/<str:token_id>/", auth.TokenDetailView.as_view(), name="api-token-revoke"),
    *router.urls,
]
