from django.urls import path

from .views import panel, records

app_name = "supervision"

urlpatterns = [
    path("", records.supervision_list, name="list"),
    path("new/", records.supervision_create, name="create"),
    path("letter-template/", records.letter_template, name="letter_template"),
    path("<int:pk>/", records.supervision_detail, name="detail"),
    path("<int:pk>/edit/", records.supervision_edit, name="edit"),
    path("<int:pk>/reply/", records.supervision_reply, name="reply"),
    path("<int:pk>/letter.docx", records.supervision_letter, name="letter"),
    path("<int:pk>/files/<int:file_id>/", records.supervision_attachment, name="attachment"),
    path("<int:pk>/<str:name>/", records.supervision_transition, name="transition"),
    path("task/<int:pk>/flag/", panel.task_flag, name="task_flag"),
]
