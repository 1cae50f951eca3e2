"""The acceptance unit's steps: document review (资料审核: pass or return with reasons), the on-site check
(现场核查) or the reason none was needed, the signature (审核签字), or failing the acceptance."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ducha.evidence.storing import store_upload

from ..models import OnsiteCheck, OnsiteFinding, OnsitePhoto, Outcome, Signature, Standard
from .applications import FILES_MAX
from .steps import clean_day, clean_text, now, take_step


def _close_round(acting_user, outcome, reasons):
    def records(application):
        current = application.rounds.order_by("-number").first()
        current.outcome, current.reasons = outcome, reasons
        current.reviewed_by, current.reviewed_at = acting_user, now()
        current.save()
    return records


def return_application(*, acting_user, task, reason, version=None):
    """Return the application to the unit with reasons (退回); the unit edits and resubmits."""
    reason = clean_text("reason", reason, required=True, limit=2000)
    return take_step(acting_user=acting_user, task=task, name="return_application", reason=reason, version=version,
                     records=_close_round(acting_user, Outcome.RETURNED, reason))


def pass_review(*, acting_user, task, note="", version=None):
    note = clean_text("note", note, limit=2000)
    return take_step(acting_user=acting_user, task=task, name="pass_review", note=note, version=version,
                     records=_close_round(acting_user, Outcome.PASSED, note))


def record_onsite(*, acting_user, task, checked_on, people, place, findings, conclusion="", photos=(),
                  version=None):
    """The on-site check: date, people, place, a finding against each of the five standards, photos."""
    checked_on = clean_day("checked_on", checked_on)
    people = clean_text("people", people, required=True, limit=500)
    place = clean_text("place", place, required=True, limit=255)
    conclusion = clean_text("conclusion", conclusion)
    texts = {}
    for standard in Standard:
        texts[standard.value] = clean_text(f"finding_{standard.value}", (findings or {}).get(standard.value),
                                           required=True)
    unknown = set(findings or {}) - set(Standard.values)
    if unknown:
        raise ValidationError({f"finding_{sorted(unknown)[0]}": [_("未知的销号标准。")]})
    photos = list(photos)
    if len(photos) > FILES_MAX:
        raise ValidationError({"photos": [_("一次最多上传 %(n)s 个文件。") % {"n": FILES_MAX}]})

    def records(application):
        check = OnsiteCheck.objects.create(application=application, needed=True, checked_on=checked_on,
                                           people=people, place=place, conclusion=conclusion,
                                           recorded_by=acting_user)
        OnsiteFinding.objects.bulk_create([OnsiteFinding(onsite=check, standard=s, text=t) for s, t in texts.items()])
        for upload in photos:
            OnsitePhoto.objects.create(onsite=check, file=store_upload(upload, acting_user=acting_user))

    return take_step(acting_user=acting_user, task=task, name="onsite_check", version=version, records=records,
                     details={"checked_on": str(checked_on), "place": place, "photos": len(photos)})


def waive_onsite(*, acting_user, task, reason, version=None):
    """Record why no on-site check was needed (the guard refuses it when the plan requires one)."""
    reason = clean_text("reason", reason, required=True, limit=2000)

    def records(application):
        OnsiteCheck.objects.create(application=application, needed=False, not_needed_reason=reason,
                                   recorded_by=acting_user)

    return take_step(acting_user=acting_user, task=task, name="waive_onsite", reason=reason, version=version,
                     records=records)


def sign(*, acting_user, task, opinion, signer_title="", version=None):
    """The named reviewer signs the acceptance opinion (谁验收、谁负责)."""
    opinion = clean_text("opinion", opinion, required=True)
    signer_title = clean_text("signer_title", signer_title, limit=64)

    def records(application):
        Signature.objects.create(application=application, opinion=opinion, signer=acting_user,
                                 signer_name=str(acting_user)[:64], signer_title=signer_title,
                                 unit_id=acting_user.unit_id)

    return take_step(acting_user=acting_user, task=task, name="sign", version=version, records=records,
                     details={"signer": str(acting_user), "opinion": opinion})


def fail_acceptance(*, acting_user, task, reason, version=None):
    """Acceptance fails: the task returns to rectification (the application is kept, closed)."""
    reason = clean_text("reason", reason, required=True, limit=2000)

    def records(application):
        current = application.rounds.order_by("-number").first()
        if current is not None and not current.outcome:
            current.outcome, current.reasons = Outcome.RETURNED, reason
            current.reviewed_by, current.reviewed_at = acting_user, now()
            current.save()

    return take_step(acting_user=acting_user, task=task, name="fail_acceptance", reason=reason, version=version,
                     records=records)
