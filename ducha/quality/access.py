"""Which divisions' quality pages a user may open: the division line rule of
ducha.core.scoping (own division, the ones above and below), the
same rule that scopes targets and measured values."""

from django.db.models import Q

from ducha.core import scoping
from ducha.jurisdictions.models import Division


def _on_division(q: Q, prefix: str = "division__") -> Q:
    """The rule written for models with a `division` field, applied to Division itself."""
    out = Q()
    out.connector, out.negated = q.connector, q.negated
    out.children = [_on_division(c, prefix) if isinstance(c, Q) else (c[0].removeprefix(prefix), c[1])
                    for c in q.children]
    return out


def visible_divisions(user):
    if not scoping.role_allows(user, scoping.VIEW):
        return Division.objects.none()
    if user.is_admin:
        return Division.objects.all()
    rule = scoping.division_line_rule(user, scoping.VIEW, "division")
    if rule is scoping.NONE or rule is None:
        return Division.objects.none()
    return Division.objects.filter(_on_division(rule))
