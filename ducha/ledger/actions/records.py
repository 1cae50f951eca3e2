"""Inspections, problems and plans: records that live in a division and are changed by its office.

Each create/update checks the division as it was and as it will be (nothing
moves out of the actor's reach, nor into it from elsewhere), the version the
editor read, validates, writes in one transaction and records an audit entry
(nothing at all when the edit changes nothing). Problems also come in
batches (an import creates hundreds).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.audit.snapshot import snapshot
from ducha.core import scoping
from ducha.core.actions import BatchErrors, check_version, require_in_reach, typed_fields
from ducha.db.bulk import create_objects

from ..models import Inspection, Plan, Problem
from .reindex import refresh_for_problem

REFUSALS = {
    Inspection: _("无权登记该地区的督察。"),
    Problem: _("无权登记该地区的问题。"),
    Plan: _("无权在该区划新建或修改整改方案。"),
}


def _event(model, verb):
    return f"{model._meta.model_name}.{verb}"


def _full_clean_all(objects):
    """full_clean for each object, asking the database about each distinct foreign key value once."""
    if not objects:
        return []
    relations = [f for f in objects[0]._meta.concrete_fields if f.is_relation]
    answers, errors = {}, []
    for index, obj in enumerate(objects):
        found = {}
        for field in relations:
            value = getattr(obj, field.attname)
            if field.blank and value in field.empty_values:
                continue
            if (field.name, value) not in answers:
                try:
                    field.clean(value, obj)
                    answers[field.name, value] = None
                except ValidationError as error:
                    answers[field.name, value] = error.error_list
            if answers[field.name, value]:
                found[field.name] = answers[field.name, value]
        try:
            obj.full_clean(exclude=[f.name for f in relations])
        except ValidationError as error:
            found = error.update_error_dict(found)
        if found:
            errors.append((index, ValidationError(found)))
    return errors


@transaction.atomic
def create_records(*, acting_user, model, drafts):
    """Create `model` objects from field dicts, all or none."""
    objects = [model(**typed_fields(fields)) for fields in drafts]
    allowed, errors = {}, []
    for index, obj in enumerate(objects):
        if obj.division_id is not None and obj.division_id not in allowed:
            allowed[obj.division_id] = scoping.can_in_division(acting_user, scoping.ADD, obj.division)
        if obj.division_id is None or not allowed[obj.division_id]:
            errors.append((index, PermissionDenied(REFUSALS[model])))
    refused = {index for index, _ in errors}
    errors += [(i, e) for i, e in _full_clean_all(objects) if i not in refused]
    if errors:
        raise BatchErrors(sorted(errors, key=lambda pair: pair[0]))
    create_objects(objects)
    audit.record_many(acting_user, [{"action": _event(model, "create"), "obj": o, "after": snapshot(o)}
                                    for o in objects], returning=False)
    require_in_reach(acting_user, model, [o.pk for o in objects])
    return objects


def create_record(*, acting_user, model, **fields):
    try:
        return create_records(acting_user=acting_user, model=model, drafts=[fields])[0]
    except BatchErrors as errors:
        raise errors.first() from None


@transaction.atomic
def update_record(*, acting_user, obj, version=None, **fields):
    model = type(obj)
    scoping.require(acting_user, scoping.CHANGE, obj)
    obj = model.objects.select_for_update().select_related("division").get(pk=obj.pk)
    check_version(obj, version)
    before = snapshot(obj)
    for name, value in typed_fields(fields).items():
        setattr(obj, name, value)
    if snapshot(obj) == before:
        return obj  # a PATCH that changes nothing writes nothing
    if not scoping.can_in_division(acting_user, scoping.ADD, obj.division):
        raise PermissionDenied(_("不能移出您的管辖范围（%(division)s）。") % {"division": obj.division.name})
    obj.full_clean()
    obj.version += 1
    obj.save()
    audit.record(actor=acting_user, action=_event(model, "update"), obj=obj, before=before, after=snapshot(obj))
    require_in_reach(acting_user, model, [obj.pk])
    return obj


def create_inspection(*, acting_user, **fields) -> Inspection:
    return create_record(acting_user=acting_user, model=Inspection, **fields)


def update_inspection(*, acting_user, inspection, version=None, **fields) -> Inspection:
    return update_record(acting_user=acting_user, obj=inspection, version=version, **fields)


def create_problem(*, acting_user, **fields) -> Problem:
    return create_record(acting_user=acting_user, model=Problem, **fields)


def create_problems(*, acting_user, drafts) -> list[Problem]:
    return create_records(acting_user=acting_user, model=Problem, drafts=drafts)


@transaction.atomic
def update_problem(*, acting_user, problem, version=None, **fields) -> Problem:
    """The problem's tasks are found by its new description at once (their search text holds it)."""
    problem = update_record(acting_user=acting_user, obj=problem, version=version, **fields)
    if "description" in fields:
        refresh_for_problem(problem)
    return problem


def create_plan(*, acting_user, **fields) -> Plan:
    return create_record(acting_user=acting_user, model=Plan, **fields)


def update_plan(*, acting_user, plan, version=None, **fields) -> Plan:
    if plan.voided_at is not None:
        raise ValidationError({"plan": [_("方案已作废，请先恢复。")]})
    return update_record(acting_user=acting_user, obj=plan, version=version, **fields)
