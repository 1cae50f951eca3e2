"""Who is asking, for the audit entries a request writes.

The middleware opens a context per request; `record()` reads it. The request
id is always made here (a client cannot choose what the log calls its
request); a client's own `X-Request-Id` is kept beside it only when it is a
plausible id (at most 64 characters of letters, digits and `._:-`), so a
hostile header can neither spoof an id nor overflow a column.
"""

import contextlib
import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

CLIENT_ID_MAX = 64
_CLIENT_ID = re.compile(r"[A-Za-z0-9._:-]{1,%d}" % CLIENT_ID_MAX)
_ADDRESS_MAX = 45  # the longest textual IPv6 address (with an embedded IPv4 one)


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    client_request_id: str = ""
    remote_addr: str = ""


_current: ContextVar[RequestContext | None] = ContextVar("ducha_audit_request", default=None)


def new_request_id() -> str:
    return uuid.uuid4().hex


def clean_client_request_id(value) -> str:
    """The client's id when it is acceptable, else "" (dropped, never truncated: a cut id would
    look like a real one)."""
    if isinstance(value, str) and _CLIENT_ID.fullmatch(value):
        return value
    return ""


def clean_remote_addr(value) -> str:
    import ipaddress

    try:
        return str(ipaddress.ip_address(value))[:_ADDRESS_MAX]
    except ValueError:
        return ""


def current() -> RequestContext | None:
    return _current.get()


@contextlib.contextmanager
def request_context(*, client_request_id=None, remote_addr=None):
    """Open a context with a fresh server-made request id for the duration of the block."""
    context = RequestContext(new_request_id(), clean_client_request_id(client_request_id),
                             clean_remote_addr(remote_addr) if remote_addr else "")
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
