from django.urls import path

from . import views

app_name = "revisits"

urlpatterns = [
    path("", views.revisit_list, name="list"),
    path("new/", views.revisit_create, name="create"),
    path("<int:pk>/", views.revisit_detail, name="detail"),
    path("<int:pk>/cancel/", views.revisit_cancel, name="cancel"),
    path("<int:pk>/photos/<int:file_id>/", views.revisit_photo, name="photo"),
    path("<int:pk>/photos/<int:file_id>/thumbnail/", views.revisit_photo, {"thumbnail": True}, name="photo_thumbnail"),
]
