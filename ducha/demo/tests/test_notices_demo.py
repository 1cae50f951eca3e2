from types import SimpleNamespace

from django.utils import timezone

from ducha.demo.notices import load_objections
from ducha.signoff.models import Channel, Objection
from ducha.signoff.tests.notice_fixtures import notice  # noqa: F401


def test_one_notice_gets_a_public_objection_once(notice):
    loader = SimpleNamespace(today=timezone.localdate())
    assert load_objections(loader)["objections"] == 1
    objection = Objection.objects.get()
    assert objection.notice == notice and objection.channel == Channel.PUBLIC and objection.answer is None
    assert load_objections(loader)["objections"] == 0 and Objection.objects.count() == 1
