"""Query pieces that keep large lists on their display-order index (SQLite has no planner statistics
unless someone runs ANALYZE, so it guesses every condition selective).

- `field__under=prefix`: the value starts with `prefix` (a materialised division path, "330000/331100/").
  On SQLite a range, `likely(f >= prefix) AND likely(f < prefix')` with the prefix's last character
  incremented: the same rows as `startswith` for any prefix, but an index can serve it (SQLite's LIKE is
  case-insensitive and cannot), and `likely()` tells the planner that a scope usually covers most of a
  user's rows: a count reads the path index, an ordered page walks its display-order index instead of
  sorting every row in the scope (600 ms for 300,000 cases). On PostgreSQL `startswith` itself (LIKE
  'prefix%', served by the `_like` pattern index Django adds to an indexed CharField, whatever the
  collation).
- `Probe("pk")`: the column as a value each visited row is tested on, not an index to drive the query by
  (SQLite: `+col`, which no index serves). For a `pk IN (subquery)` filter on a list sorted by another
  index: a word found in 30,000 cases is then checked while the list's index is walked (stopping at the
  page) instead of looking up and sorting all 30,000 rows. PostgreSQL plans with statistics: unchanged.
- `field__id_list=[...]`: the column is one of these integer row ids, bound as one parameter — an array on
  PostgreSQL (`= ANY(%s)`), a JSON array on SQLite (`IN (SELECT value FROM json_each(%s))`); both are served
  by the column's index as an `IN (…)` list is. For the ids a page has already read: Django's `__in`
  prepares, normalises and resolves each value on its own, which cost more than executing the query for a
  page of 50 rows, and one SQL text serves any number of ids (ducha.db.fixed keeps such queries compiled).
  Values must be integers (anything else is refused before any SQL is made).
"""

import json

from django.db.models import CharField, Field, ForeignObject, Func, Lookup
from django.db.models.lookups import StartsWith


@CharField.register_lookup
class Under(Lookup):
    lookup_name = "under"

    def as_sql(self, compiler, connection):
        return StartsWith(self.lhs, self.rhs).as_sql(compiler, connection)

    def as_sqlite(self, compiler, connection):
        prefix = self.rhs
        if not isinstance(prefix, str) or not prefix or ord(prefix[-1]) >= 0x10FFFF:
            return self.as_sql(compiler, connection)
        lhs, params = self.process_lhs(compiler, connection)
        after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return f"(likely({lhs} >= %s) AND likely({lhs} < %s))", (*params, prefix, *params, after)


class Probe(Func):
    """See the module docstring."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra)


class Later:
    """A parameter supplied when the compiled query runs (ducha.db.fixed), in place of the ids."""

    def __repr__(self):
        return "<ids>"


LATER = Later()


class IdList(Lookup):
    """See the module docstring."""

    lookup_name = "id_list"
    prepare_rhs = False

    def get_prep_lookup(self):
        return LATER if self.rhs is LATER else checked(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        value = self.rhs if self.rhs is LATER else bind(self.rhs, connection.vendor)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*params, value)
        return f"{lhs} IN (SELECT value FROM json_each(%s))", (*params, value)


def checked(ids):
    """The ids as a list, if every one is an integer; TypeError otherwise."""
    ids = list(ids)
    if not all(type(value) is int for value in ids):
        raise TypeError("__id_list takes a list of integer ids")
    return ids


def bind(ids, vendor):
    """Checked integer ids as the one parameter of an `id_list` condition on this vendor's database."""
    return ids if vendor == "postgresql" else json.dumps(ids)


# Foreign keys take their lookups from ForeignObject upwards, not from Field.
Field.register_lookup(IdList)
ForeignObject.register_lookup(IdList)
