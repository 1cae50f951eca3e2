"""The public site's rate limit per address (ducha.public.ratelimit): the check and the count are one step,
so posts of one address arriving together cannot all pass it."""

import threading

import pytest
from django.db import connection
from django.test import RequestFactory, override_settings

from ducha.public import ratelimit
from ducha.public.models import Gate, Hit

pytestmark = pytest.mark.django_db


def post(address="10.1.2.3"):
    return RequestFactory().post("/public/notices/1/", REMOTE_ADDR=address)


@pytest.fixture(autouse=True)
def _settled():
    """Each test's requests end within it (request_finished would settle them)."""
    ratelimit.settle()
    yield
    ratelimit.settle()


@override_settings(DUCHA_PUBLIC_POST_LIMIT=100, DUCHA_PUBLIC_ATTEMPT_LIMIT=3, DUCHA_PUBLIC_POST_WINDOW=3600)
def test_the_attempt_limit_holds_over_several_calls():
    outcomes = []
    for _n in range(5):
        request = post()
        outcomes.append(ratelimit.admit(request, "objection"))
        ratelimit.settle()  # the request ends, having written nothing
    assert outcomes == [True, True, True, False, False]
    assert Hit.objects.count() == 3 and Gate.objects.count() == 1
    assert ratelimit.admit(post("10.9.9.9"), "objection")  # another address has its own count


@override_settings(DUCHA_PUBLIC_POST_LIMIT=2, DUCHA_PUBLIC_ATTEMPT_LIMIT=100, DUCHA_PUBLIC_POST_WINDOW=3600)
def test_the_limit_of_accepted_posts_holds_over_several_calls():
    for _n in range(2):
        request = post()
        assert ratelimit.admit(request, "objection")
        ratelimit.accepted(request)
        ratelimit.settle()
    refused = post()
    assert not ratelimit.admit(refused, "objection") and getattr(refused, ratelimit._OVER) == "posts"
    assert Hit.objects.filter(accepted=True).count() == 2 and not Hit.objects.filter(pending=True).exists()


@override_settings(DUCHA_PUBLIC_POST_LIMIT=2, DUCHA_PUBLIC_ATTEMPT_LIMIT=100, DUCHA_PUBLIC_POST_WINDOW=3600)
def test_posts_still_in_flight_count_against_the_limit_of_accepted_posts():
    """Two posts admitted and not yet done (none accepted so far) take the two places: a third arriving
    meanwhile is refused, not admitted to write a third. Once the two requests end having written nothing
    (a refused form), their places are free again."""
    first, second = post(), post()
    assert ratelimit.admit(first, "objection") and ratelimit.admit(second, "objection")
    assert not ratelimit.admit(post(), "objection")
    ratelimit.settle()  # both requests end without accepted()
    assert ratelimit.admit(post(), "objection")
    assert Hit.objects.count() == 3 and not Hit.objects.filter(accepted=True).exists()


def test_the_end_of_a_request_settles_what_it_admitted():
    """request_finished (sent when a response is closed): an attempt that wrote nothing stops counting as a
    post; an accepted one stays accepted."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    refused, taken = post(), post("10.9.9.9")
    assert ratelimit.admit(refused, "objection") and ratelimit.admit(taken, "objection")
    ratelimit.accepted(taken)
    assert Hit.objects.filter(pending=True).count() == 1
    request_finished.disconnect(close_old_connections)  # as the test client does: keep the test's connection
    try:
        request_finished.send(sender=None)
    finally:
        request_finished.connect(close_old_connections)
    assert not Hit.objects.filter(pending=True).exists()
    kept = getattr(taken, ratelimit._ATTEMPT)
    assert list(Hit.objects.filter(accepted=True).values_list("pk", flat=True)) == [kept.pk]


@override_settings(DUCHA_PUBLIC_POST_LIMIT=100, DUCHA_PUBLIC_ATTEMPT_LIMIT=1, DUCHA_PUBLIC_POST_WINDOW=3600)
def test_two_first_posts_of_an_address_both_finding_no_gate_are_counted_one_after_the_other(monkeypatch):
    """The race of the first posts: this post finds no gate for its address; before it makes one, another
    post of the address makes the gate and is admitted. This post's INSERT then fails on the gate's unique
    key: it takes the other's gate and counts the other's attempt, and is refused (the limit is one)."""
    new_gate = ratelimit._new_gate
    other = []

    def racing(scope, key, now):
        if not other:  # the other post runs unhindered, from its start to its end
            other.append(post())
            assert ratelimit.admit(other[0], "objection")
        return new_gate(scope, key, now)

    monkeypatch.setattr(ratelimit, "_new_gate", racing)
    assert not Gate.objects.exists()
    assert not ratelimit.admit(post(), "objection")
    assert other and Hit.objects.count() == 1 and Gate.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL (SQLite serialises writers)")
@pytest.mark.parametrize("posts, attempts, admitted", [(100, 3, 3), (2, 100, 2)])
def test_posts_arriving_together_from_a_new_address_pass_the_limit_no_more_than_allowed(posts, attempts, admitted):
    """Eight posts of one address (never seen: no gate yet) at the same moment, each in its own connection:
    exactly as many are admitted as the limit allows, attempts or (none accepted yet) accepted posts."""
    start, outcomes = threading.Barrier(8), []

    def submit():
        try:
            start.wait()
            outcomes.append(ratelimit.admit(post(), "objection"))
        finally:
            connection.close()

    with override_settings(DUCHA_PUBLIC_POST_LIMIT=posts, DUCHA_PUBLIC_ATTEMPT_LIMIT=attempts,
                           DUCHA_PUBLIC_POST_WINDOW=3600):
        threads = [threading.Thread(target=submit) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(outcomes) == 8 and outcomes.count(True) == admitted
    assert Hit.objects.count() == admitted and Gate.objects.count() == 1
