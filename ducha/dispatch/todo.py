def reports_owed(user, today):
    return []
