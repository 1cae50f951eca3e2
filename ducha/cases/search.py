"""Chinese full-text search over cases: the ledger's machinery (ducha.ledger.search.text_matches) over the
case table's bigram search text — an FTS5 table on SQLite, the stored tsvector on PostgreSQL (migration
0002). Two-character words are phrases of one bigram; a case number is matched as a word. On SQLite the
matches are probed while the case list walks its display-order index (see text_matches' `probe`)."""

from ducha.ledger.search import text_matches


def search_cases(queryset, query: str):
    return text_matches(queryset, query, "cases_case_fts", probe=True)
