"""The demo's closed loop, on the test world: two tasks signed off with one copied report and one photo
are found by the suspects rules; a third, revisited, rebounds and is reopened."""

import datetime as dt
from types import SimpleNamespace

from ducha.accountability.models import Referral
from ducha.demo import closing
from ducha.ledger.models import Task, TaskState
from ducha.revisits.models import Conclusion, Revisit
from ducha.suspects.models import Suspect


def test_planted_pair_and_rebound(world, make_task, monkeypatch):
    monkeypatch.setattr(closing, "OFFICERS", {"ld_gov": "songyang", "eco": "ecology"})
    loader = SimpleNamespace(
        today=dt.date.today(), plans={"city": world.plan},
        units={"ld_gov": world.units["ld_gov"], "eco": world.units["eco"]},
        users={"coordinator": world.users["coord"], "songyang": world.users["ld_officer"],
               "ecology": world.users["eco_officer"]})
    for n, units in (("1", ("ld_gov",)), ("2", ("eco",)), ("3", ("eco",))):
        make_task(number=n, units=units, division="ld" if units == ("ld_gov",) else None,
                  state=TaskState.IN_PROGRESS)
    created = closing.load_closing(loader)
    assert created["signed_off"] == 3 and created["revisits"] == 1
    states = dict(Task.objects.values_list("number", "state"))
    assert states == {"1": TaskState.SIGNED_OFF, "2": TaskState.SIGNED_OFF, "3": TaskState.IN_PROGRESS}
    assert Revisit.objects.get().conclusion == Conclusion.REBOUND and Referral.objects.count() == 1
    pairs = {(s.rule, s.task.number, s.other_task.number) for s in Suspect.objects.exclude(other_task=None)}
    assert {("similar_text", "2", "1"), ("same_file", "2", "1")} <= pairs
    assert closing.load_closing(loader) == {}  # run once
