"""What the `ducha` commands share about users: `--user NAME` names the account the command acts as."""

from django.core.management.base import CommandError

from .models import User


def named_user(username):
    """The active user called `username`, or None when no name is given (the command acts as the system);
    a CommandError naming the user when there is no such active account."""
    if not username:
        return None
    user = User.objects.filter(username=username).select_related("unit__division", "scope").first()
    if user is None or not user.is_active:
        raise CommandError(f"用户“{username}”不存在或已停用")
    return user
