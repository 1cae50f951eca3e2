import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ducha.accountability.actions import open_referral
from ducha.accountability.models import Referral, ReferralSource, ReferralState
from ducha.audit.models import AuditEntry


def test_office_opens_a_referral_with_an_audit_entry(world, make_task):
    task = make_task(units=("ld_gov",), division="ld")
    referral = open_referral(acting_user=world.users["coord"], task=task, reason="整改不力，问题反弹。")
    assert (referral.state, referral.source, referral.opened_by) == (ReferralState.OPEN, ReferralSource.MANUAL,
                                                                    world.users["coord"])
    assert AuditEntry.objects.filter(action="referral.open", object_id=str(referral.pk)).exists()
    assert list(Referral.objects.restrict(world.users["ld_officer"])) == [referral]
    assert not Referral.objects.restrict(world.users["qt_officer"]).exists()


@pytest.mark.parametrize("user, error", [("ld_officer", PermissionDenied), ("supervisor", PermissionDenied),
                                         ("wz_coord", PermissionDenied)])
def test_only_the_office_over_the_task_refers(world, make_task, user, error):
    task = make_task(units=("ld_gov",), division="ld")
    with pytest.raises(error):
        open_referral(acting_user=world.users[user], task=task, reason="理由")
    assert not Referral.objects.exists()


def test_reason_and_source_are_checked(world, make_task):
    task = make_task()
    with pytest.raises(ValidationError) as empty:
        open_referral(acting_user=world.users["coord"], task=task, reason="  ")
    assert "reason" in empty.value.message_dict
    with pytest.raises(ValidationError) as bad:
        open_referral(acting_user=world.users["coord"], task=task, reason="理由", source="rumour")
    assert "source" in bad.value.message_dict
