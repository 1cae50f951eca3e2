"""The 丽水市 demo as a test fixture, for the demo's own tests and the browser test."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

# The day the demo is loaded: today, as the pages see it (the to-do page and the rounds judge by the
# clock, so a fixed day would drift away from what they show).
TODAY = timezone.localdate()


def reseed_domains():
    """A flush empties every table, including the pollution domains migration
    0002 seeds; put them back for the tests that run after."""
    migration = importlib.import_module("ducha.ledger.migrations.0002_search_and_domains")
    migration.seed_domains(apps, None)
    importlib.import_module("ducha.cases.migrations.0002_search_and_types").seed_types(apps, None)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once per module and committed (it takes a few seconds);
    tests only read it, each in its own rolled-back transaction. Its photos go to a
    directory of the module's own."""
    from ducha.demo.loader import load_demo

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("demo-media"))):
        with django_db_blocker.unblock():
            created = load_demo(today=TODAY)
        yield created
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
            reseed_domains()
