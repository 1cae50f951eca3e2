"""Declared state transitions, the one way a state changes.

A workflow is a small table of transitions, each with its source states, its
target state, who may take it and the inputs it needs (a reason, a date).
The state field refuses plain assignment: only `Workflow.apply` may change
it. This is the idea of django-fsm-2 and viewflow's `State` as a table of
data rather than decorated methods, because ducha applies transitions to
batches (an import changes the state of hundreds of tasks at once), asks the
table which transitions a user may take now (the buttons on a page, the
`transitions` endpoint of the API, the path an import row needs), and writes
every step to the audit log: all three want the transitions as data.
"""

import contextlib
import contextvars
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from django.db import models
from django.db.models.query_utils import DeferredAttribute

_changing = contextvars.ContextVar("ducha_state_change", default=False)


class ProtectedStateError(AttributeError):
    """Somebody assigned a workflow state directly instead of taking a transition."""


@contextlib.contextmanager
def state_change():
    """The only context in which a StateField may take a new value."""
    token = _changing.set(True)
    try:
        yield
    finally:
        _changing.reset(token)


class _StateDescriptor(DeferredAttribute):
    def __set__(self, instance, value):
        name = self.field.attname
        data = instance.__dict__
        if name in data and data[name] != value and not _changing.get():
            raise ProtectedStateError(
                f"{type(instance).__name__}.{name} changes only through a declared transition "
                f"(tried {data[name]!r} → {value!r})")
        data[name] = value


class StateField(models.CharField):
    """A CharField whose value, once loaded, changes only inside `state_change()`.

    In the database it is a plain CharField (deconstructed as one), so adopting it changes no schema.
    """

    descriptor_class = _StateDescriptor

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    # who(user, obj, facts) -> bool: may this user take it on this object?
    who: Callable
    # Inputs the transition needs ("reason", "completed_on"); a page or the API asks for them.
    requires: tuple = ()
    # Shown next to the button: what happens.
    help: str = ""


@dataclass
class Workflow:
    field_name: str
    transitions: list = field(default_factory=list)

    def __post_init__(self):
        self.by_name = {t.name: t for t in self.transitions}

    def get(self, name):
        return self.by_name.get(name)

    def state(self, obj):
        return getattr(obj, self.field_name)

    def available(self, user, obj, facts=None):
        """The transitions this user may take on this object now."""
        state = self.state(obj)
        return [t for t in self.transitions if state in t.sources and t.who(user, obj, facts)]

    def path(self, user, obj, target, facts=None, given=()):
        """The shortest run of transitions from the object's state to `target` that the user may take
        with no inputs of their own beyond `given` (an import row states where a task is, not why), or None."""
        start = self.state(obj)
        if start == target:
            return []
        seen, queue = {start}, deque([(start, [])])
        while queue:
            state, steps = queue.popleft()
            for t in self.transitions:
                if state not in t.sources or set(t.requires) - set(given) or t.target in seen or not t.who(user, obj, facts):
                    continue
                if t.target == target:
                    return steps + [t]
                seen.add(t.target)
                queue.append((t.target, steps + [t]))
        return None

    def apply(self, transition, obj):
        with state_change():
            setattr(obj, self.field_name, transition.target)
