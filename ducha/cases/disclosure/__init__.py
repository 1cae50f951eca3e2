"""Disclosure of complaint cases (边督边改公开): the per-batch public table, its summary sentences, and its
xlsx and docx renderings. Only reviewed cases (审核通过) are disclosed; every text passes through
ducha.text.masking first. A case reviewed late appears, when it is, under its original batch."""

from .columns import disclosed_cases, public_preview, public_table, table_title
from .summary import batch_summary

__all__ = ["batch_summary", "disclosed_cases", "public_preview", "public_table", "table_title"]
