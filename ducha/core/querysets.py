from django.db import models


class RestrictedQuerySet(models.QuerySet):
    """A queryset that can narrow itself to what a user may see or change."""

    def restrict(self, user, action="view"):
        from ducha.core.scoping import restrict

        return restrict(self, user, action)
