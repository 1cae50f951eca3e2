"""Writing an imported batch: the batch row (created when new), its new cases with their types, co-units
and complainants, one audit entry per case; all in one transaction."""

from django.db import transaction
from django.utils import timezone

from ducha.audit.services import record_many
from ducha.db.bulk import create_objects, insert_rows
from ducha.text.search import index_text

from .. import crypto
from ..models import Batch, Case, Complainant, Routing


def search_text_of(values):
    return index_text(values.get("number", ""), values.get("summary", ""), values.get("area_text", ""),
                      values.get("type_text", ""), values.get("investigation", ""), values.get("handling", ""))


def _case(inspection, batch, transferred, due, spec, now):
    v = dict(spec.values)
    proposal = spec.proposal
    routing = Routing.PROPOSED if proposal.lead_unit is not None else Routing.PENDING
    scope = proposal.division.path if proposal.division else inspection.division.path
    case = Case(inspection=inspection, batch=batch, row=spec.row, transferred_on=transferred, due_on=due,
                scope_path=scope, division=proposal.division, zone=proposal.zone, lead_unit=proposal.lead_unit, routing=routing,
                extra=spec.extra, original=spec.original, search_text=search_text_of(v), created_at=now,
                updated_at=now, **v)
    return case


def commit(acting_user, inspection, batch, batch_number, transferred, due, specs, *, source_name="", channel="",
           stated_count=None):
    now = timezone.now()
    with transaction.atomic():
        if batch is None:
            batch = Batch.objects.create(inspection=inspection, number=batch_number, transferred_on=transferred,
                                         channel=channel[:64], stated_count=stated_count,
                                         source_name=source_name[:255],
                                         imported_by=acting_user if getattr(acting_user, "pk", None) else None)
        cases = [_case(inspection, batch, transferred, due, spec, now) for spec in specs]
        create_objects(cases)
        insert_rows(Case.types.through, ["case_id", "casetype_id"],
                    [(case.pk, t.pk) for case, spec in zip(cases, specs) for t in spec.types])
        insert_rows(Case.co_units.through, ["case_id", "unit_id"],
                    [(case.pk, u.pk) for case, spec in zip(cases, specs) for u in spec.proposal.co_units])
        complainants = [Complainant(case=case, name_token=crypto.encrypt(spec.complainant[0]),
                                    contact_token=crypto.encrypt(spec.complainant[1]), created_at=now)
                        for case, spec in zip(cases, specs) if any(spec.complainant)]
        create_objects(complainants)
        root = inspection.division.path
        record_many(acting_user, [dict(
            action="cases.import", obj=case, scope_path=case.division.path if case.division else root,
            after={"batch": batch.number, "number": case.number, "routing": case.routing,
                   "division": case.division.code if case.division else "",
                   "lead_unit": case.lead_unit_id, "due_on": case.due_on}) for case in cases])
    return batch
