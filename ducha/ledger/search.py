"""Full-text search over tasks: bigram tokens in an FTS5 table (SQLite) or a
GIN-indexed tsvector (PostgreSQL). See ducha.text.search for the tokens."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models.expressions import RawSQL

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


def search_tasks(queryset, query: str):
    phrases = query_phrases(query)
    if not phrases:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.annotate(_search=SearchVector("search_text", config="simple")).filter(
            _search=SearchQuery(_tsquery(phrases), config="simple", search_type="raw")
        )
    return queryset.filter(
        id__in=RawSQL("SELECT rowid FROM ledger_task_fts WHERE ledger_task_fts MATCH %s", [_fts5_query(phrases)])
    )
