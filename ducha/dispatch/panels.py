def plan_rounds(request, plan):
    return ""


def task_obligations(request, task):
    return ""
