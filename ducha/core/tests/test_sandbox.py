"""The parsing sandbox: a child that runs out of memory, spins, hangs or dies
is refused with a clear message, and the calling process (a web worker in
production) carries on."""

import os
import signal
import time

import pytest
from django.core.exceptions import ValidationError

from ducha.core import sandbox

REFUSED = "文件解析超出内存或时间限制，已拒绝"


def _allocate(megabytes):
    block = bytearray(megabytes * 1024 * 1024)
    return len(block)


def _spin():
    while True:
        pass


def _die(how):
    if how == "abort":
        os.abort()
    if how == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    os._exit(3)


def _raise(kind):
    if kind == "invalid":
        raise ValidationError(["单元格 A1 有误", "单元格 B2 有误"])
    raise LookupError("没有这个工作表")


def test_the_result_comes_back():
    assert sandbox.run(sorted, [3, 1, 2]) == [1, 2, 3]
    assert sandbox.run(_allocate, 50, memory_mb=200) == 50 * 1024 * 1024


def test_running_out_of_memory_is_refused():
    with pytest.raises(sandbox.SandboxFailed, match=REFUSED):
        sandbox.run(_allocate, 2048, memory_mb=200)
    assert sandbox.run(len, "仍在服务") == 4


@pytest.mark.parametrize("how", ["abort", "kill", "exit"])
def test_a_child_that_dies_is_refused(how):
    with pytest.raises(sandbox.SandboxFailed, match=REFUSED):
        sandbox.run(_die, how)


def test_cpu_and_wall_time_are_limited():
    start = time.monotonic()
    with pytest.raises(sandbox.SandboxFailed, match=REFUSED):
        sandbox.run(_spin, cpu_seconds=1, timeout=30)
    with pytest.raises(sandbox.SandboxFailed, match=REFUSED):
        sandbox.run(time.sleep, 30, timeout=0.5)
    assert time.monotonic() - start < 15


def test_errors_raised_in_the_child_are_raised_here():
    with pytest.raises(ValidationError) as error:
        sandbox.run(_raise, "invalid")
    assert error.value.messages == ["单元格 A1 有误", "单元格 B2 有误"]
    with pytest.raises(LookupError, match="没有这个工作表"):
        sandbox.run(_raise, "other")


def _in_a_daemonic_worker(queue):
    # The worker already runs under a hard CPU limit below the sandbox's: the sandbox stays under it.
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (900, 900))
    queue.put(sandbox.run(sorted, [2, 1], cpu_seconds=5000))


def test_it_works_inside_a_job_runners_daemonic_worker():
    """django-q2 runs jobs in daemonic multiprocessing workers, which multiprocessing forbids to have
    children; the sandbox forks by itself, and respects limits the worker already has."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_in_a_daemonic_worker, args=(queue,), daemon=True)
    worker.start()
    assert queue.get(timeout=30) == [1, 2]
    worker.join(10)
