"""Full-text search over tasks: bigram tokens in an FTS5 table (SQLite) or a
GIN-indexed stored tsvector column (PostgreSQL). See ducha.text.search for the tokens."""

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import Expression, RawSQL

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
    """`<task table>.search_vector @@ to_tsquery('simple', …)` (PostgreSQL).

    search_vector is a stored generated column (migration 0003) that the
    model does not declare: phrase matches are rechecked against it instead
    of re-parsing the text. The condition stays in the task table's own WHERE
    (not an `id IN (subquery)`), whatever alias the table has, so the planner
    cannot turn a misestimated match count into a nested loop.
    """

    conditional = True

    def __init__(self, tsquery):
        super().__init__(output_field=BooleanField())
        self.tsquery = tsquery

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.search_vector @@ to_tsquery('simple', %s)", [self.tsquery]


def search_tasks(queryset, query: str):
    phrases = query_phrases(query)
    if not phrases:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.filter(_VectorMatches(_tsquery(phrases)))
    return queryset.filter(
        id__in=RawSQL("SELECT rowid FROM ledger_task_fts WHERE ledger_task_fts MATCH %s", [_fts5_query(phrases)])
    )
