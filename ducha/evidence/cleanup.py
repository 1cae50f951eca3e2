"""Orphan cleanup: stored bytes no StoredFile row names (the files of a refused or rolled-back report),
older than a day, are deleted. Idempotent: a second run finds nothing left."""

import datetime as dt
import logging

from django.core.files.storage import default_storage
from django.utils import timezone

from .models import StoredFile

log = logging.getLogger(__name__)
ROOT = "evidence"
MIN_AGE = dt.timedelta(days=1)


def _walk(path):
    try:
        directories, files = default_storage.listdir(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{path}/{name}"
    for directory in directories:
        yield from _walk(f"{path}/{directory}")


def remove_orphans(now=None) -> int:
    """Delete orphaned evidence bytes older than a day; returns how many were deleted."""
    cutoff = (now or timezone.now()) - MIN_AGE
    removed = 0
    batch = []

    def flush():
        nonlocal removed
        names = {n for n, in StoredFile.objects.filter(storage_name__in=batch).values_list("storage_name")}
        names |= {n for n, in StoredFile.objects.filter(thumbnail_name__in=batch).values_list("thumbnail_name")}
        for name in batch:
            if name in names:
                continue
            try:
                if default_storage.get_modified_time(name) >= cutoff:
                    continue
            except (NotImplementedError, FileNotFoundError):
                continue
            default_storage.delete(name)
            removed += 1
        batch.clear()

    for name in _walk(ROOT):
        batch.append(name)
        if len(batch) >= 500:
            flush()
    if batch:
        flush()
    if removed:
        log.info("removed %s orphaned evidence file(s)", removed)
    return removed
