"""Supervision records (督办): orders, letters, listings, interviews, bulletins, on-site teams and
supervisors' flags on tasks, each addressed to one unit about one or more tasks, with the unit's
replies. A record's state changes only through the workflows in ducha.supervision.workflow.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet
from ducha.core.workflow import StateField, state_change


class Kind(models.TextChoices):
    ORDER = "order", _("督办单")
    LETTER = "letter", _("专函督办")
    LISTED = "listed", _("挂牌督办")
    INTERVIEW = "interview", _("约谈")
    BULLETIN = "bulletin", _("通报")
    ONSITE = "onsite", _("派驻盯办")
    FLAG = "flag", _("督导标记")


class State(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ISSUED = "issued", _("已下发")
    OPEN = "open", _("待回复")
    LISTED = "listed", _("挂牌中")
    REPLIED = "replied", _("已回复")
    CLOSED = "closed", _("已办结")
    LIFTED = "lifted", _("已摘牌")


# States in which the addressee owes a reply (a listed record owes replies until lifted).
AWAITING = (State.ISSUED, State.OPEN, State.LISTED)
# States in which the record is still running (counted as open).
RUNNING = (State.ISSUED, State.OPEN, State.LISTED, State.REPLIED)
# Kinds that carry a document number (丽督改函〔2026〕12号).
NUMBERED = (Kind.ORDER, Kind.LETTER)


class SupervisionQuerySet(RestrictedQuerySet):
    def with_reply_flag(self):
        return self.annotate(has_reply=models.Exists(SupervisionReply.objects.filter(supervision=models.OuterRef("pk"))))


class Supervision(models.Model):
    kind = models.CharField(_("督办方式"), max_length=16, choices=Kind.choices)
    state = StateField(_("状态"), max_length=16, choices=State.choices, default=State.DRAFT)
    # The issuing office's division: who may manage the record and whose sequence numbers it.
    division = models.ForeignKey("jurisdictions.Division", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("督办区划"))
    unit = models.ForeignKey("jurisdictions.Unit", on_delete=models.PROTECT, related_name="supervisions",
                             verbose_name=_("督办对象"))
    tasks = models.ManyToManyField("ledger.Task", related_name="supervisions", blank=True,
                                   verbose_name=_("涉及任务"))
    required = models.TextField(_("督办要求"))
    reason = models.TextField(_("督办缘由"), blank=True)
    reply_by = models.DateField(_("回复期限"), null=True, blank=True)
    number = models.CharField(_("文号"), max_length=64, blank=True, db_index=True)
    issued_on = models.DateField(_("下发日期"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("下发人"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("创建人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    close_note = models.TextField(_("办结说明"), blank=True)
    # 挂牌督办
    listed_on = models.DateField(_("挂牌日期"), null=True, blank=True)
    lifted_on = models.DateField(_("摘牌日期"), null=True, blank=True)
    lift_reason = models.TextField(_("摘牌理由"), blank=True)
    # 约谈
    meeting_on = models.DateField(_("约谈日期"), null=True, blank=True)
    participants = models.TextField(_("参加人员"), blank=True)
    minutes = models.TextField(_("约谈纪要"), blank=True)
    commitments = models.TextField(_("整改承诺"), blank=True)
    # 通报
    bulletin_title = models.CharField(_("通报名称"), max_length=200, blank=True)
    bulletin_number = models.CharField(_("通报期号"), max_length=64, blank=True)
    bulletin_on = models.DateField(_("通报日期"), null=True, blank=True)
    # 派驻盯办
    team_members = models.TextField(_("盯办组成员"), blank=True)
    period_start = models.DateField(_("盯办期起"), null=True, blank=True)
    period_end = models.DateField(_("盯办期止"), null=True, blank=True)
    findings = models.TextField(_("盯办发现"), blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    objects = SupervisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "state"]),
            models.Index(fields=["kind", "state"]),
            models.Index(fields=["state", "reply_by"]),
        ]
        verbose_name = _("督办")
        verbose_name_plural = _("督办")

    def __str__(self):
        return f"{self.get_kind_display()} {self.number or self.pk}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("supervision:detail", args=[self.pk])

    def refresh_from_db(self, *args, **kwargs):
        # Reloading is not a change of state: the database already holds it.
        with state_change():
            super().refresh_from_db(*args, **kwargs)

    @property
    def awaiting_reply(self):
        return self.state in AWAITING

    def is_overdue(self, as_of):
        """No reply by the deadline while one is owed. Lists annotate `has_reply` (with_reply_flag) so that
        asking costs no query per row."""
        if not (self.awaiting_reply and self.reply_by and self.reply_by < as_of):
            return False
        replied = self.has_reply if hasattr(self, "has_reply") else self.replies.exists()
        return not replied

    @classmethod
    def scope_q(cls, user, action):
        """Read along the issuing office's line, and by the addressee unit (and the units above it) once
        issued: a draft is the office's own until it goes out (it may be reworded or dropped); managed
        (CHANGE) by coordinators of the issuing division and below; flags are raised (FLAG) in the
        supervisor's scope division. Replying is decided by the actions (own unit only)."""
        from ducha.core import scoping
        from ducha.core.roles import Role

        sent = ~models.Q(state=State.DRAFT)
        if user.role == Role.OFFICER:
            if action != scoping.VIEW or not user.unit_id:
                return scoping.NONE
            return scoping.unit_reach_q(user, "unit") & sent
        prefix = scoping.division_prefix(user)
        if not prefix:
            return scoping.NONE
        here = models.Q(division__path__startswith=prefix)
        if action == scoping.VIEW:
            return here | (models.Q(unit__division__path__startswith=prefix) & sent)
        if action == scoping.FLAG:
            return here & models.Q(kind=Kind.FLAG)
        return here if user.role == Role.COORDINATOR else scoping.NONE


class Sequence(models.Model):
    """The last number given per division, kind and year (one row locked while numbering)."""

    division = models.ForeignKey("jurisdictions.Division", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("督办文书编号")
        constraints = [models.UniqueConstraint(fields=["division", "kind", "year"],
                                               name="supervision_sequence_unique")]


class SupervisionReply(models.Model):
    """The addressee unit's reply (回复), by one of its officers."""

    supervision = models.ForeignKey(Supervision, on_delete=models.PROTECT, related_name="replies")
    unit = models.ForeignKey("jurisdictions.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("回复单位"))
    text = models.TextField(_("回复内容"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("回复人"))
    created_at = models.DateTimeField(_("回复时间"), auto_now_add=True, db_index=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("督办回复")
        verbose_name_plural = _("督办回复")

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core import scoping

        if action != scoping.VIEW:
            return scoping.NONE
        return models.Q(supervision__in=scoping.restrict(Supervision.objects.all(), user, scoping.VIEW))


class ReplyAttachment(models.Model):
    reply = models.ForeignKey(SupervisionReply, on_delete=models.PROTECT, related_name="attachments")
    file = models.ForeignKey("evidence.StoredFile", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("督办答复附件")
        ordering = ["reply", "id"]
        constraints = [models.UniqueConstraint(fields=["reply", "file"], name="replyattachment_unique")]


class Escalation(models.Model):
    """An overdue reply escalated to the office: written once per record by the daily job."""

    supervision = models.OneToOneField(Supervision, on_delete=models.PROTECT, related_name="escalation")
    as_of = models.DateField(_("逾期判定日"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("逾期升级")
        verbose_name_plural = _("逾期升级")
