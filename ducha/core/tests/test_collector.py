"""The collector paused for a bulk job comes back on, whatever the job does (a web worker left without
it would grow with every cycle its requests make)."""

import gc

import pytest

from ducha.core import collector


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_inside_and_back_on_after_a_job_that_fails(collector_on):
    with pytest.raises(ValueError), collector.paused():
        assert not gc.isenabled()
        raise ValueError("a refused import")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collector_on):
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_a_refused_ledger_import_leaves_the_collector_on(world, collector_on):
    import io

    from django.core.exceptions import ValidationError

    from ducha.ledger.importing import import_ledger

    with pytest.raises(ValidationError):
        import_ledger(acting_user=world.users["coord"], plan_code="", file=io.BytesIO(b""), dry_run=True,
                      create_units=False)
    assert gc.isenabled()
