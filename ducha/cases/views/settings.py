"""案件设置: the office's page of case types, routing rules and case settings, and their edit pages. What a
user sees and may change comes from ducha.core.scoping; every save and delete is an action of
ducha.cases.actions.case_settings, whose refusals are shown on the field they name."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.core import scoping
from ducha.core.actions import StaleEdit
from ducha.jurisdictions.models import Division, Unit
from ducha.ledger.models import Inspection, Plan

from .. import actions
from ..forms import CaseSetupForm, CaseTypeForm, RoutingRuleForm
from ..models import CaseSetup, CaseType, RoutingRule
from .common import messages_of


def _office(request):
    """The page is the office's (coordinators and administrators): others have nothing to keep here."""
    if not scoping.role_allows(request.user, scoping.ADD):
        raise PermissionDenied(_("只有整改办（协调员）可以管理案件设置。"))


def _changeable(queryset, user):
    return set(queryset.restrict(user, scoping.CHANGE).values_list("pk", flat=True))


@login_required
def settings_page(request):
    _office(request)
    user = request.user
    rules = (RoutingRule.objects.restrict(user)
             .select_related("division", "case_type", "inspection__division", "lead_unit")
             .prefetch_related(Prefetch("co_units", queryset=Unit.objects.order_by("name")))
             .order_by("division__path", "case_type__order", "-priority", "id"))
    setups = CaseSetup.objects.restrict(user).select_related("inspection__division", "plan").order_by("code")
    without = Inspection.objects.restrict(user, scoping.CHANGE).filter(case_setup__isnull=True)
    return render(request, "cases/settings.html", {
        "rules": rules, "rules_changeable": _changeable(RoutingRule.objects.all(), user),
        "types": CaseType.objects.all(),
        # The types are one list for every jurisdiction: changed by everyone or no one of a given user.
        "types_changeable": actions.may_keep_case_types(user),
        "setups": setups, "setups_changeable": _changeable(CaseSetup.objects.all(), user),
        "may_add_setup": without.exists(),
    })


def _save(request, form, save, done, anchor, obj):
    """Run the action on a valid form; refusals onto the form. A redirect on success, else None. An edit
    must say which version it was made on (the action refuses an older one)."""
    form.fields["version"].required = obj is not None
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        save(form.cleaned_data)
    except ValidationError as error:
        form.add_action_errors(error)
        return None
    except (StaleEdit, PermissionDenied) as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, done)
    return redirect(f"{_settings_url()}#{anchor}")


def _settings_url():
    from django.urls import reverse

    return reverse("cases:settings")


def _visible(model, request, pk):
    """The object the user may change (404 when they cannot see it, 403 when they may only read it)."""
    obj = get_object_or_404(model.objects.restrict(request.user), pk=pk)
    scoping.require(request.user, scoping.CHANGE, obj)
    return obj


def _form_page(request, form, title, obj=None, delete_url=None):
    return render(request, "cases/settings_form.html", {"form": form, "title": title, "obj": obj,
                                                        "delete_url": delete_url})


# --- routing rules ------------------------------------------------------------------------------------------

def _rule_form(request, rule):
    user = request.user
    divisions = list(Division.objects.restrict(user, scoping.ADD).order_by("path"))
    units = Unit.objects.restrict(user, scoping.CHANGE).filter(is_active=True).select_related("division")
    types = CaseType.objects.filter(is_active=True)
    initial = {"priority": 0}
    if rule is not None:
        initial = {"version": rule.version, "division": rule.division_id, "case_type": rule.case_type_id,
                   "inspection": rule.inspection_id, "lead_unit": rule.lead_unit_id, "priority": rule.priority,
                   "co_units": [u.pk for u in rule.co_units.all()]}
        types = types | CaseType.objects.filter(pk=rule.case_type_id)
    return RoutingRuleForm(request.POST or None, initial=initial, divisions=divisions,
                           units=units.order_by("division__path", "name"), types=types.distinct(),
                           inspections=Inspection.objects.restrict(user).order_by("-on_site_start", "name"))


@login_required
def rule_edit(request, pk=None):
    _office(request)
    rule = _visible(RoutingRule, request, pk) if pk is not None else None
    form = _rule_form(request, rule)

    def save(data):
        return actions.save_routing_rule(acting_user=request.user, rule=rule, version=data["version"],
                                         inspection=data["inspection"], division=data["division"],
                                         case_type=data["case_type"], lead_unit=data["lead_unit"],
                                         co_units=data["co_units"], priority=data["priority"])

    done = _("已保存分办规则。") if rule is not None else _("已新建分办规则。")
    return _save(request, form, save, done, "rules", rule) or _form_page(
        request, form, _("修改分办规则") if rule is not None else _("新建分办规则"), rule,
        delete_url="cases:rule_delete" if rule is not None else None)


@login_required
@require_POST
def rule_delete(request, pk):
    _office(request)
    rule = get_object_or_404(RoutingRule.objects.restrict(request.user), pk=pk)
    return _delete(request, actions.delete_routing_rule, {"rule": rule}, _("已删除分办规则。"), "rules",
                   ("cases:rule_edit", pk))


def _delete(request, action, target, done, anchor, back):
    try:
        action(acting_user=request.user, version=request.POST.get("version", ""), **target)
    except (ValidationError, StaleEdit) as error:
        for message in messages_of(error):
            messages.error(request, message)
        return redirect(*back)
    messages.success(request, done)
    return redirect(f"{_settings_url()}#{anchor}")


# --- case types ---------------------------------------------------------------------------------------------

@login_required
def type_edit(request, pk=None):
    _office(request)
    case_type = _visible(CaseType, request, pk) if pk is not None else None
    if case_type is None:
        actions.require_case_type_keeper(request.user)
    initial = {"is_active": True, "order": 0}
    if case_type is not None:
        initial = {f: getattr(case_type, f) for f in ("version", "code", "name", "aliases", "order", "is_fallback",
                                                       "is_active")}
    form = CaseTypeForm(request.POST or None, initial=initial)
    if case_type is not None:
        form.fields["code"].disabled = True

    def save(data):
        fields = {f: data[f] for f in ("code", "name", "aliases", "order", "is_fallback", "is_active")}
        return actions.save_case_type(acting_user=request.user, case_type=case_type, version=data["version"],
                                      **fields)

    done = _("已保存信访件类型。") if case_type is not None else _("已新建信访件类型。")
    return _save(request, form, save, done, "types", case_type) or _form_page(
        request, form, _("修改信访件类型") if case_type is not None else _("新建信访件类型"), case_type,
        delete_url="cases:type_delete" if case_type is not None else None)


@login_required
@require_POST
def type_delete(request, pk):
    _office(request)
    case_type = get_object_or_404(CaseType.objects.restrict(request.user), pk=pk)
    return _delete(request, actions.delete_case_type, {"case_type": case_type}, _("已删除信访件类型。"), "types",
                   ("cases:type_edit", pk))


# --- an inspection's case settings --------------------------------------------------------------------------

@login_required
def setup_edit(request, pk=None):
    _office(request)
    setup = _visible(CaseSetup, request, pk) if pk is not None else None
    user = request.user
    plans = Plan.objects.restrict(user).order_by("code")
    if setup is not None:
        plans = plans.filter(division__path__startswith=setup.inspection.division.path)
        initial = {"version": setup.version, "code": setup.code, "deadline_days": setup.deadline_days,
                   "plan": setup.plan_id}
        inspections = None
    else:
        initial = {}
        inspections = Inspection.objects.restrict(user, scoping.CHANGE).filter(case_setup__isnull=True)
    form = CaseSetupForm(request.POST or None, initial=initial, inspections=inspections, plans=plans)

    def save(data):
        return actions.save_case_setup(acting_user=user, setup=setup, version=data["version"],
                                       inspection=data.get("inspection"), code=data["code"],
                                       deadline_days=data["deadline_days"], plan=data["plan"])

    title = _("修改信访件设置：%(i)s") % {"i": setup.inspection} if setup is not None else _("新建信访件设置")
    return _save(request, form, save, _("已保存信访件设置。"), "setups", setup) or _form_page(request, form, title, setup)
