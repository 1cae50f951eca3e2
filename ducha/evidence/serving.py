"""Serving a stored file to someone who may read what it is attached to: the one place that sets the
headers. Callers look the attachment up through their own object's scope rule first (a guessed id answers
404 there) and then hand the StoredFile here.

Images and PDF open in the browser, anything else downloads; every response carries `nosniff` and a
sandboxing Content-Security-Policy, so an uploaded HTML or SVG file cannot run in the site's origin.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import reverse

from .models import FileKind

INLINE_KINDS = {FileKind.IMAGE, FileKind.PDF}


def serve_stored(stored, thumbnail=False, inline=True):
    """A FileResponse for a StoredFile (or its thumbnail). `inline=False` downloads even images and PDF."""
    if thumbnail:
        if not stored.thumbnail_name:
            raise Http404
        name, content_type, shown = stored.thumbnail_name, "image/jpeg", True
        filename = f"thumbnail-{stored.pk}.jpg"
    else:
        name, content_type = stored.storage_name, stored.content_type
        shown, filename = inline and stored.kind in INLINE_KINDS, stored.original_name or f"file-{stored.pk}"
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=not shown, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    # Scripts never run (sandbox, no script source); the browser's own image viewer styles itself inline.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def links(route, owner_pk, files):
    """The items evidence/photos.html shows for these StoredFiles of one owner (an application, a revisit):
    each file with the URL of `route` (its view takes the owner's and the file's pk) and of `route`_thumbnail."""
    return [{"file": f, "url": reverse(route, args=[owner_pk, f.pk]),
             "thumbnail": reverse(f"{route}_thumbnail", args=[owner_pk, f.pk])} for f in files]
