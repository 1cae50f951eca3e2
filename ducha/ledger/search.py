"""Full-text search over tasks: bigram tokens in an FTS5 table (SQLite) or a
GIN-indexed stored tsvector in its own table (PostgreSQL). See ducha.text.search for the tokens."""

import re

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import Expression, RawSQL

from ducha.core.lookups import Probe

from ducha.text.search import query_phrases


def _fts5_query(phrases):
    parts = []
    for tokens, prefix in phrases:
        if prefix:
            parts.append(f"{tokens[0]}*")
        else:
            parts.append('"' + " ".join(tokens) + '"')
    return " AND ".join(parts)


def _tsquery(phrases):
    parts = []
    for tokens, prefix in phrases:
        if prefix:
            parts.append(f"{tokens[0]}:*")
        else:
            parts.append("(" + " <-> ".join(tokens) + ")")
    return " & ".join(parts)


class _VectorMatches(Expression):
    """The PostgreSQL condition, in one of two shapes.

    Tasks: `<task table>.id IN (SELECT task_id FROM ledger_task_search WHERE vector @@ …)` —
    ledger_task_search holds each task's stored vector and its GIN index, kept by triggers (ledger
    migration 0009; the model does not declare it), so writing a task's other columns never touches the
    GIN index. Other tables (cases): their own stored `search_vector` column. Either way phrase matches
    are rechecked against the stored vector instead of re-parsing the text, and the condition names the
    queried table's own alias, whatever it is.
    """

    conditional = True

    def __init__(self, tsquery, side_table: bool):
        super().__init__(output_field=BooleanField())
        self.tsquery = tsquery
        self.side_table = side_table

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        if self.side_table:
            return (f"{table}.id IN (SELECT task_id FROM ledger_task_search "
                    "WHERE vector @@ to_tsquery('simple', %s))", [self.tsquery])
        return f"{table}.search_vector @@ to_tsquery('simple', %s)", [self.tsquery]


_UNIT_WORD = re.compile(r"(局|委|办|厅|政府|院|中心|公司|集团|厂|所|队|站|部)$")


def units_named(query: str, user):
    """The units a search word names (市住建局, 莲都区政府…), read by the importer's matcher along the
    user's line of divisions; empty unless the word looks like a unit's name."""
    from ducha.ledger.importing.units import UnitIndex, unit_key

    word = (query or "").strip()
    if not word or len(word) > 40 or " " in word or not _UNIT_WORD.search(unit_key(word)):
        return []
    division = getattr(user, "scope_division", None)
    if division is None:
        return []
    return UnitIndex(division).find(word)


def search_tasks(queryset, query: str, user=None):
    """Tasks whose text has every word of the query, or whose responsible units the query names."""
    found = _text_matches(queryset, query)
    units = units_named(query, user) if user is not None else []
    if not units:
        return found
    from django.db.models import Q

    from .models import TaskUnit

    return queryset.filter(Q(pk__in=found.values("pk"))
                           | Q(pk__in=TaskUnit.objects.filter(unit__in=units).values("task_id")))


def _text_matches(queryset, query: str):
    return text_matches(queryset, query, "ledger_task_fts")


def text_matches(queryset, query: str, fts_table: str, *, probe=False):
    """Rows of `queryset` whose search text has every word of the query: any model built like the task
    (a `search_text` column of ducha.text.search bigrams, the FTS5 table `fts_table` over it on SQLite, a
    stored `search_vector` column on PostgreSQL).

    probe=True (SQLite): the matching ids are a set each row is tested against while the query walks the
    index of its own order (ducha.core.lookups.Probe), not the rows it starts from: for a list sorted by
    an index, where a common word otherwise means looking up and sorting every matching row."""
    phrases = query_phrases(query)
    if not phrases:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.filter(_VectorMatches(_tsquery(phrases), side_table=fts_table == "ledger_task_fts"))
    if not re.fullmatch(r"[a-z_]+", fts_table):
        raise ValueError("bad FTS table name")
    found = RawSQL(f"SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH %s", [_fts5_query(phrases)])
    if probe:
        return queryset.alias(search_probe=Probe("pk")).filter(search_probe__in=found)
    return queryset.filter(id__in=found)
