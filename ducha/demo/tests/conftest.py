"""The 丽水市 demo as a test fixture, for the demo's own tests and the browser test."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.management import call_command

TODAY = dt.date(2026, 11, 24)


def reseed_domains():
    """A flush empties every table, including the pollution domains migration
    0002 seeds; put them back for the tests that run after."""
    migration = importlib.import_module("ducha.ledger.migrations.0002_search_and_domains")
    migration.seed_domains(apps, None)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once per module and committed (it takes a few seconds);
    tests only read it, each in its own rolled-back transaction."""
    from ducha.demo.loader import load_demo

    with django_db_blocker.unblock():
        created = load_demo(today=TODAY)
    yield created
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        reseed_domains()
