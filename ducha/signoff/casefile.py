"""The case file (一案一档) of a task as one zip: the generated documents of each application, every
evidence file and on-site photo, the objections' attachments, and a manifest (manifest.csv and
manifest.json) with each file's SHA-256 and size.

Written to a temporary file on disk, copying each stored file in chunks: a case file with large videos
never sits in memory. The hash in the manifest is computed from the bytes written, so it is what the
archive holds; `recorded_sha256` is what the evidence store recorded at upload (they differ only if a
stored file was altered, which the manifest then shows)."""

import csv
import hashlib
import io
import json
import tempfile
import zipfile

from django.core.files.storage import default_storage

from . import documents
from .models import Application, DocumentKind, ObjectionAttachment

CHUNK = 1024 * 1024
# Bound on the archive: a case file larger than this is refused (the office splits it by application).
MAX_BYTES = 2 * 1024 ** 3


class TooLarge(Exception):
    pass


def _safe(name):
    keep = "".join(c if c.isalnum() or c in "._-（）()" else "_" for c in name)
    return keep[:120] or "file"


def _write_bytes(archive, path, data, manifest, source, recorded=""):
    archive.writestr(path, data)
    manifest.append({"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                     "source": source, "recorded_sha256": recorded})


def _write_stored(archive, path, stored, manifest, source, budget):
    digest, size = hashlib.sha256(), 0
    with default_storage.open(stored.storage_name, "rb") as src, archive.open(path, "w", force_zip64=True) as dst:
        while chunk := src.read(CHUNK):
            size += len(chunk)
            if size > budget:
                raise TooLarge(path)
            digest.update(chunk)
            dst.write(chunk)
    manifest.append({"path": path, "sha256": digest.hexdigest(), "size": size, "source": source,
                     "recorded_sha256": stored.sha256})
    return size


def build(task, out=None, *, objections=True):
    """Write the task's case file into `out` (a binary file; a temporary file by default) and return it,
    positioned at 0. objections=False leaves the objections' attachments out (for a reader other than the
    office: publication.reads_objector)."""
    out = out or tempfile.TemporaryFile()
    manifest, budget = [], MAX_BYTES
    applications = Application.objects.filter(task=task).select_related("task", "unit").order_by("id")
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for index, application in enumerate(applications, start=1):
            folder = f"{index:02d}-申请{application.pk}"
            for kind in (DocumentKind.APPLICATION, DocumentKind.OPINION):
                if kind == DocumentKind.OPINION and not hasattr(application, "signature"):
                    continue
                _write_bytes(archive, f"{folder}/{DocumentKind(kind).label}.docx",
                             documents.render(application, kind), manifest, str(DocumentKind(kind).label))
            for number, (name, standard, _sha, stored) in enumerate(documents.evidence_rows(application), start=1):
                budget -= _write_stored(archive, f"{folder}/佐证材料/{number:03d}-{_safe(name)}", stored, manifest,
                                        standard, budget)
        attachments = ObjectionAttachment.objects.filter(objection__notice__task=task).select_related(
            "file", "objection") if objections else ()
        for attachment in attachments:
            budget -= _write_stored(archive, f"异议附件/{attachment.objection.receipt_number}-{attachment.pk}-"
                                    f"{_safe(attachment.file.original_name)}", attachment.file, manifest,
                                    "异议附件", budget)
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=["path", "sha256", "size", "source", "recorded_sha256"])
        writer.writeheader()
        writer.writerows(manifest)
        archive.writestr("manifest.csv", "\ufeff" + text.getvalue())
        archive.writestr("manifest.json", json.dumps({"task": task.pk, "number": task.number, "files": manifest},
                                                     ensure_ascii=False, indent=1))
    out.seek(0)
    return out
