"""Database helpers below every app: batched INSERT/UPDATE in SQL (no models of their own)."""
