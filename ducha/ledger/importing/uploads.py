"""Import files waiting between the preview and the confirmation.

They are kept through Django's storage API (settings.STORAGES["default"])
under `imports/`, named by a random token, so the pages never build paths by
hand and the files can live wherever the storage puts them. A preview that is
never confirmed or cancelled leaves its file behind:
`cleanup_abandoned_uploads(max_age)` (and `ducha imports cleanup`) deletes
the ones older than max_age.
"""

import datetime as dt
import secrets

from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "imports"


def _name(token: str) -> str:
    if not token or not token.isalnum():
        raise ValueError("bad import token")
    return f"{FOLDER}/{token}.xlsx"


def save(upload) -> str:
    """Store an uploaded file; returns its token."""
    token = secrets.token_hex(16)
    saved = default_storage.save(_name(token), upload)
    if saved != _name(token):  # the storage never renames a fresh random name; refuse to guess if it did
        default_storage.delete(saved)
        raise OSError("import upload stored under an unexpected name")
    return token


def open_upload(token: str):
    return default_storage.open(_name(token), "rb")


def discard(token: str) -> None:
    try:
        default_storage.delete(_name(token))
    except ValueError:
        pass


def cleanup_abandoned_uploads(max_age: dt.timedelta = dt.timedelta(hours=24)) -> int:
    """Delete stored import files older than max_age; returns how many."""
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - max_age
    removed = 0
    for filename in files:
        name = f"{FOLDER}/{filename}"
        try:
            stale = default_storage.get_modified_time(name) < cutoff
        except FileNotFoundError:  # removed meanwhile (confirmed or cancelled)
            continue
        if stale:
            default_storage.delete(name)
            removed += 1
    return removed
