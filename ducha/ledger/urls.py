from django.urls import path

from .views import imports, plans, tasks

app_name = "ledger"
urlpatterns = [
    path("", tasks.task_list, name="task_list"),
    path("export.xlsx", tasks.task_export, name="task_export"),
    path("new/", tasks.task_create, name="task_create"),
    path("import/", imports.task_import, name="task_import"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/", tasks.task_detail, name="task_detail"),
    path("<int:pk>/edit/", tasks.task_edit, name="task_edit"),
    path("<int:pk>/flag/", tasks.task_flag, name="task_flag"),
]
