"""Run a parser in a forked child with a memory and CPU limit.

Readers of uploaded files (python-calamine, python-docx, pypdf, lxml) are
native code: a crafted file can make one allocate hundreds of gigabytes and
abort, or spin. In a web worker that kills the worker and every request it
holds. `run(func, *args)` forks, limits the child's address space and CPU
time, runs `func` there and returns its (pickled) result; a child that runs
out of memory, is killed or exceeds its time becomes a ValidationError
(SandboxFailed) in the parent, which carries on.

The fork copies nothing up front (copy-on-write), so the input need not be
sent to the child; only the result comes back, pickled, through a pipe.

Limits (settings, each overridable per call):
- DUCHA_PARSE_MEMORY_MB (default 1024): memory the child may allocate on top
  of what it inherited from the parent (RLIMIT_AS = inherited size + this).
- DUCHA_PARSE_CPU_SECONDS (default 60): CPU time (RLIMIT_CPU).
- DUCHA_PARSE_TIMEOUT_SECONDS (default 120): wall time, after which the
  parent kills the child.

The child must not use the database: it shares the parent's connections.
It leaves through os._exit, so it never closes them.
"""

import faulthandler
import os
import pickle
import resource
import selectors
import signal
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_MEMORY_MB = 1024
DEFAULT_CPU_SECONDS = 60
DEFAULT_TIMEOUT_SECONDS = 120


class SandboxFailed(ValidationError):
    """The child ran out of memory or time, or died."""


def _refused():
    return SandboxFailed(_("文件解析超出内存或时间限制，已拒绝。"), code="sandbox")


def _address_space() -> int:
    """Bytes of virtual memory this process has mapped (0 when /proc is not there)."""
    try:
        with open("/proc/self/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _lower(which, soft, hard):
    """Set a limit, never above a hard limit already in force (that would be refused)."""
    _soft, current = resource.getrlimit(which)
    if current != resource.RLIM_INFINITY:
        soft, hard = min(soft, current), min(hard, current)
    resource.setrlimit(which, (soft, hard))


def _limit(memory_mb, cpu_seconds):
    inherited = _address_space()
    if inherited and memory_mb:
        cap = inherited + memory_mb * 1024 * 1024
        _lower(resource.RLIMIT_AS, cap, cap)
    if cpu_seconds:
        _lower(resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 5)


def _outcome(func, args, kwargs, memory_mb, cpu_seconds) -> bytes:
    try:
        _limit(memory_mb, cpu_seconds)
        message = ("ok", func(*args, **kwargs))
    except MemoryError:
        message = ("memory", None)
    except ValidationError as error:
        message = ("invalid", error.messages)
    except BaseException as error:  # handed to the parent, which raises it there
        message = ("error", error)
    try:
        return pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return pickle.dumps(("memory", None))
    except Exception as error:  # an unpicklable result or exception
        return pickle.dumps(("error", RuntimeError(f"{type(message[1]).__name__}: {message[1]} ({error})")))


def _child(write_fd, func, args, kwargs, memory_mb, cpu_seconds):
    """Runs in the forked child; never returns."""
    try:
        # SIGXCPU's default action ends the child; make sure nothing inherited masks it.
        signal.signal(signal.SIGXCPU, signal.SIG_DFL)
        # A reader that aborts is expected here; the parent reports it, no traceback dump.
        faulthandler.disable()
        data = _outcome(func, args, kwargs, memory_mb, cpu_seconds)
        view = memoryview(data)
        while view:
            view = view[os.write(write_fd, view):]
    finally:
        os._exit(0)  # no atexit handlers, no closing of the parent's database connections


def _collect(read_fd, deadline) -> bytes | None:
    """Everything the child writes, or None when the deadline passes first."""
    chunks = []
    with selectors.DefaultSelector() as selector:
        selector.register(read_fd, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                return None
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def run(func, /, *args, memory_mb=None, cpu_seconds=None, timeout=None, **kwargs):
    """func(*args, **kwargs) in a limited child; its result, or its exception raised here."""
    memory_mb = memory_mb if memory_mb is not None else getattr(settings, "DUCHA_PARSE_MEMORY_MB", DEFAULT_MEMORY_MB)
    cpu_seconds = cpu_seconds if cpu_seconds is not None else getattr(
        settings, "DUCHA_PARSE_CPU_SECONDS", DEFAULT_CPU_SECONDS)
    timeout = timeout if timeout is not None else getattr(
        settings, "DUCHA_PARSE_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS)
    # os.fork rather than multiprocessing: a job runner's workers are daemonic
    # multiprocessing processes, which multiprocessing forbids to have children.
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(write_fd, func, args, kwargs, memory_mb, cpu_seconds)
    os.close(write_fd)
    data = None
    try:
        data = _collect(read_fd, time.monotonic() + timeout)
    finally:
        os.close(read_fd)
        if data is None:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    try:
        status, payload = pickle.loads(data) if data else (None, None)
    except (pickle.UnpicklingError, EOFError, ValueError):  # cut off mid-answer: killed while writing
        status, payload = None, None
    if status == "ok":
        return payload
    if status == "invalid":
        raise ValidationError(payload)
    if status == "error":
        raise payload
    raise _refused()  # out of memory, killed, aborted, out of CPU or wall time
