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
- `field__id_list=[...]` (defined in ducha.db.ids, registered from here): the column is one of these integer
  row ids, bound as one parameter — an array on
  PostgreSQL (`= ANY(%s)`), a JSON array on SQLite (`IN (SELECT value FROM json_each(%s))`); both are served
  by the column's index as an `IN (…)` list is. For the ids a page has already read: Django's `__in`
  prepares, normalises and resolves each value on its own, which cost more than executing the query for a
  page of 50 rows, and one SQL text serves any number of ids (ducha.db.fixed keeps such queries compiled).
  Values must be integers (anything else is refused before any SQL is made).
"""

from django.db.models import CharField, Func, Lookup
from django.db.models.lookups import StartsWith

from ducha.db import ids  # noqa: F401 -- registers `field__id_list`


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

