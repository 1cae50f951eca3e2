"""The complainant (信访人): name and contact stored encrypted apart from the case (ducha.cases.crypto),
shown only to the handling (lead) unit's officers once the office has confirmed the routing, and to
coordinators over the case, every view audited.
No export writes them except the internal ledger export for those same roles."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.core import scoping
from ducha.core.roles import Role

from .. import crypto
from ..models import Complainant, Routing
from .common import is_coordinator, load, scope_path, text


def may_see_complainant(user, case) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_admin:
        return True
    if user.role == Role.COORDINATOR:
        return scoping.can(user, scoping.CHANGE, case)
    # A unit the rules only proposed has not been given the case: the office may still route it elsewhere.
    return bool(user.role == Role.OFFICER and user.unit_id and user.unit_id == case.lead_unit_id
                and case.routing == Routing.CONFIRMED)


def reveal_complainant(*, acting_user, case):
    """(name, contact) of the case's complainant, ('', '') when none; audited on every call."""
    if not may_see_complainant(acting_user, case):
        raise PermissionDenied(_("只有承办单位和整改办可以查看信访人信息。"))
    complainant = Complainant.objects.filter(case=case).first()
    with transaction.atomic():
        audit.record(actor=acting_user, action="cases.complainant_view", obj=case, scope_path=scope_path(case),
                     after={"case": case.pk, "found": complainant is not None})
    if complainant is None:
        return "", ""
    return crypto.decrypt(complainant.name_token), crypto.decrypt(complainant.contact_token)


def reveal_many(*, acting_user, cases):
    """{case id: (name, contact)} for an internal export; one audit entry per case shown."""
    cases = [c for c in cases if may_see_complainant(acting_user, c)]
    found = {c.case_id: c for c in Complainant.objects.filter(case__in=cases)}
    with transaction.atomic():
        audit.record_many(acting_user, [dict(action="cases.complainant_view", obj=c, scope_path=scope_path(c),
                                             after={"case": c.pk, "export": True})
                                        for c in cases if c.pk in found])
    return {pk: (crypto.decrypt(c.name_token), crypto.decrypt(c.contact_token)) for pk, c in found.items()}


def set_complainant(*, acting_user, case, name, contact):
    """The coordinator records (or corrects) the complainant of a case."""
    with transaction.atomic():
        case, _before = load(acting_user, case, scoping.CHANGE)
        if not is_coordinator(acting_user):
            raise PermissionDenied(_("只有整改办可以登记信访人信息。"))
        name = text(name, "complainant_name", _("信访人"), limit=64)
        contact = text(contact, "complainant_contact", _("联系方式"), limit=64)
        Complainant.objects.update_or_create(case=case, defaults={
            "name_token": crypto.encrypt(name), "contact_token": crypto.encrypt(contact)})
        audit.record(actor=acting_user, action="cases.complainant_set", obj=case, scope_path=scope_path(case),
                     after={"case": case.pk, "name": bool(name), "contact": bool(contact)})
    return case
