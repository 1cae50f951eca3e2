"""Storing an uploaded file: its type found from its content, its SHA-256 computed while it streams to
storage, its size bounded, its bytes kept through Django's storage API.

Memory does not grow with the file: Django spools uploads above FILE_UPLOAD_MAX_MEMORY_SIZE to a
temporary file, and this module reads it in chunks. The hash is taken in the same pass as the copy:
storage reads the upload through `HashingReader`, which hashes and counts what it hands over (and
stops at the size limit), so the bytes are read once.

Refused, with a message saying why: an empty file, one over DUCHA_EVIDENCE_MAX_BYTES, an executable
(MZ/ELF/Mach-O/script) whatever its name, an HTML or SVG page (named .jpg or not), any other type
than images, PDF, Word, Excel, zip of documents and short video; zip bombs (too many entries, too
much uncompressed, a suspicious compression ratio, archives inside the archive); images over
Image.MAX_IMAGE_PIXELS (decompression bombs) or that Pillow cannot read. Images get a JPEG thumbnail
and their EXIF time and GPS position.
"""

import datetime as dt
import hashlib
import io
import uuid
import warnings
import zipfile
from decimal import ROUND_HALF_UP, Decimal

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import FileKind, StoredFile

CHUNK = 1024 * 1024
HEAD = 8192
THUMBNAIL_SIZE = (320, 320)

# Media types accepted, by kind (found from the content; the name is not trusted).
IMAGE_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}
VIDEO_TYPES = {"video/mp4": ".mp4", "video/quicktime": ".mov"}
OFFICE_TYPES = {
    "word": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xl": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
}
# Zip containers (zip, docx, xlsx): bounds against zip bombs. DUCHA_EVIDENCE_ZIP_LIMITS overrides.
ZIP_LIMITS = {"entries": 2000, "uncompressed_mb": 500, "ratio": 100, "ratio_min_bytes": 1024 * 1024}
ARCHIVE_SUFFIXES = (".zip", ".rar", ".7z", ".gz", ".tgz", ".bz2", ".xz", ".tar", ".jar", ".cab", ".iso")
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
MARKUP_MARKERS = (b"<!doctype html", b"<html", b"<svg", b"<?xml", b"<script", b"<head", b"<body", b"<iframe")
# Pixels an image may have (Pillow's decompression-bomb guard; its default is about 89 million).
MAX_IMAGE_PIXELS = 80_000_000

EXIF_IFD, GPS_IFD = 0x8769, 0x8825
DATETIME_ORIGINAL, DATETIME = 36867, 306


def max_bytes() -> int:
    return int(getattr(settings, "DUCHA_EVIDENCE_MAX_BYTES", 50 * 1024 * 1024))


def zip_limits() -> dict:
    return {**ZIP_LIMITS, **getattr(settings, "DUCHA_EVIDENCE_ZIP_LIMITS", {})}


def _refuse(message, **values):
    return ValidationError({"file": [message % values if values else message]})


def _too_large(name):
    return _refuse(_("文件“%(name)s”超过大小上限 %(mb)s MB。"), name=name, mb=max_bytes() // (1024 * 1024))


def _check_zip(archive, plain):
    """Zip bombs: entries, total uncompressed size, per-entry ratio; nested archives in a plain zip."""
    limits = zip_limits()
    infos = archive.infolist()
    if len(infos) > limits["entries"]:
        raise _refuse(_("压缩包内文件过多（%(n)s 个，最多 %(max)s 个）。"), n=len(infos), max=limits["entries"])
    total = sum(i.file_size for i in infos)
    if total > limits["uncompressed_mb"] * 1024 * 1024:
        raise _refuse(_("压缩包解压后过大（超过 %(max)s MB），疑似“压缩炸弹”，已拒绝。"), max=limits["uncompressed_mb"])
    for info in infos:
        if info.file_size >= limits["ratio_min_bytes"] and info.file_size > limits["ratio"] * max(
                info.compress_size, 1):
            raise _refuse(_("压缩包内“%(name)s”压缩比异常（超过 %(ratio)s 倍），疑似“压缩炸弹”，已拒绝。"),
                          name=info.filename[:100], ratio=limits["ratio"])
        if plain and info.filename.lower().endswith(ARCHIVE_SUFFIXES):
            raise _refuse(_("压缩包内不能再含压缩包（%(name)s），请解压后上传。"), name=info.filename[:100])
    if plain:
        for info in infos[:limits["entries"]]:
            if info.is_dir() or info.file_size < 4:
                continue
            with archive.open(info) as member:
                head = member.read(8)
            if head.startswith((b"PK\x03\x04", *EXECUTABLE_MAGIC[:-1])):
                raise _refuse(_("压缩包内“%(name)s”是压缩包或可执行程序，已拒绝。"), name=info.filename[:100])


def _zip_kind(fileobj):
    """A zip container: docx, xlsx or a plain zip of documents (checked against zip bombs)."""
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            tops = {name.split("/", 1)[0] for name in archive.namelist()}
            office = None
            if "[Content_Types].xml" in tops:
                for top, (mime, ext) in OFFICE_TYPES.items():
                    if top in tops:
                        office = (FileKind.WORD if top == "word" else FileKind.EXCEL), mime, ext
            _check_zip(archive, plain=office is None)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, RuntimeError):
        raise _refuse(_("压缩文件已损坏或无法读取。")) from None
    finally:
        fileobj.seek(0)
    return office or (FileKind.ZIP, "application/zip", ".zip")


def sniff(fileobj, accepts=None):
    """(kind, media type, extension) from the content, or a ValidationError saying what it seems to be.
    `accepts` is the sentence telling what the caller's form takes (default: every kind evidence may be)."""
    fileobj.seek(0)
    head = fileobj.read(HEAD)
    fileobj.seek(0)
    if not head:
        raise _refuse(_("文件为空。"))
    if head.startswith(EXECUTABLE_MAGIC):
        raise _refuse(_("“%(name)s”是可执行程序或脚本（按内容识别），不能作为佐证材料上传。"),
                      name=getattr(fileobj, "name", "") or "")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(MARKUP_MARKERS) or b"<html" in lowered[:1024] or b"<svg" in lowered[:1024]:
        raise _refuse(_("“%(name)s”是网页或 SVG 文件（按内容识别），不能作为佐证材料上传；图片请上传 JPG、PNG 等格式。"),
                      name=getattr(fileobj, "name", "") or "")
    if head.startswith(b"%PDF-"):
        return FileKind.PDF, "application/pdf", ".pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(fileobj)
    try:
        matches = puremagic.magic_string(head)
    except puremagic.PureError:
        matches = []
    for match in matches:
        if match.mime_type in IMAGE_TYPES:
            return FileKind.IMAGE, match.mime_type, IMAGE_TYPES[match.mime_type]
        if match.mime_type in VIDEO_TYPES:
            return FileKind.VIDEO, match.mime_type, VIDEO_TYPES[match.mime_type]
    seems = matches[0].name if matches else _("未知类型")
    raise _refuse(_("不支持的文件类型（按内容识别为：%(seems)s）。%(accepts)s"), seems=seems,
                  accepts=accepts or _("可上传图片、PDF、Word、Excel、zip 压缩包或短视频。"))


class HashingReader(File):
    """The upload as storage reads it: each read is hashed and counted, the size limit enforced.

    It hides `temporary_file_path` so FileSystemStorage copies (and so hashes) instead of moving the
    temporary file; seeking to the start begins the count again (a storage may read twice)."""

    def __init__(self, upload, limit):
        super().__init__(upload, name=upload.name)
        self.upload, self.limit = upload, limit
        self._reset()

    def _reset(self):
        self.digest, self.count = hashlib.sha256(), 0

    @property
    def size(self):
        return self.upload.size

    def seek(self, offset, whence=0):
        if offset == 0 and whence == 0:
            self._reset()
        return self.upload.seek(offset, whence)

    def read(self, size=-1):
        data = self.upload.read(size)
        self.count += len(data)
        if self.count > self.limit:
            raise _too_large(self.upload.name)
        self.digest.update(data)
        return data

    def chunks(self, chunk_size=None):
        self.seek(0)
        while True:
            data = self.read(chunk_size or CHUNK)
            if not data:
                return
            yield data

    def multiple_chunks(self, chunk_size=None):
        return True


def _ratio(value):
    try:
        return Decimal(value.numerator) / Decimal(value.denominator)
    except AttributeError:
        numerator, denominator = value
        return Decimal(numerator) / Decimal(denominator)


def _degrees(dms, ref):
    degrees, minutes, seconds = (_ratio(v) for v in dms)
    value = degrees + minutes / 60 + seconds / 3600
    if ref in ("S", "W", b"S", b"W"):
        value = -value
    return value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def read_exif(image):
    """(taken_at, latitude, longitude) from an image's EXIF; each None when absent or unreadable."""
    taken_at = latitude = longitude = None
    try:
        exif = image.getexif()
    except Exception:  # noqa: BLE001 - broken EXIF is no reason to refuse a photo
        return None, None, None
    try:
        raw = exif.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL) or exif.get(DATETIME)
        if raw:
            naive = dt.datetime.strptime(str(raw).strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
            taken_at = timezone.make_aware(naive, timezone.get_default_timezone())
    except (ValueError, TypeError, OverflowError):
        taken_at = None
    try:
        gps = exif.get_ifd(GPS_IFD)
        if gps.get(2) and gps.get(4):
            latitude, longitude = _degrees(gps[2], gps.get(1, "N")), _degrees(gps[4], gps.get(3, "E"))
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                latitude = longitude = None
    except (ValueError, TypeError, ZeroDivisionError, ArithmeticError, KeyError):
        latitude = longitude = None
    return taken_at, latitude, longitude


def _image_facts(uploaded_file, sha):
    """Size, EXIF and a thumbnail of an image; refuses decompression bombs and unreadable images."""
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    uploaded_file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded_file) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise Image.DecompressionBombError("too many pixels")
                taken_at, latitude, longitude = read_exif(image)
                image.draft("RGB", THUMBNAIL_SIZE)  # JPEG: decode at a reduced scale
                thumb = ImageOps.exif_transpose(image).convert("RGB")
                thumb.thumbnail(THUMBNAIL_SIZE)
                out = io.BytesIO()
                thumb.save(out, "JPEG", quality=80)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(_("图片像素过多（超过 %(mp)s 百万像素），疑似“解压炸弹”，已拒绝。"),
                      mp=MAX_IMAGE_PIXELS // 1_000_000) from None
    except (OSError, ValueError, SyntaxError, Image.UnidentifiedImageError):
        raise _refuse(_("图片已损坏或无法读取。")) from None
    finally:
        uploaded_file.seek(0)
    thumbnail_name = default_storage.save(f"evidence/thumbs/{sha[:2]}/{uuid.uuid4().hex}.jpg",
                                          ContentFile(out.getvalue()))
    return {"width": width, "height": height, "taken_at": taken_at, "latitude": latitude, "longitude": longitude,
            "thumbnail_name": thumbnail_name}


def store_upload(uploaded_file, *, acting_user) -> StoredFile:
    """Check, hash and store one upload; returns the saved StoredFile (call inside the action's
    transaction; the stored bytes of a rolled-back action are orphans a cleanup job removes)."""
    limit = max_bytes()
    name = (uploaded_file.name or "")[:255]
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise _too_large(name)
    kind, content_type, ext = sniff(uploaded_file)
    reader = HashingReader(uploaded_file, limit)
    wanted = f"evidence/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{ext}"
    try:
        stored_name = default_storage.save(wanted, reader)
    except ValidationError:
        if default_storage.exists(wanted):
            default_storage.delete(wanted)
        raise
    if reader.count == 0:
        default_storage.delete(stored_name)
        raise _refuse(_("文件为空。"))
    sha = reader.digest.hexdigest()
    facts = {}
    if kind == FileKind.IMAGE:
        try:
            facts = _image_facts(uploaded_file, sha)
        except ValidationError:
            default_storage.delete(stored_name)
            raise
    return StoredFile.objects.create(
        sha256=sha, size=reader.count, kind=kind, content_type=content_type, original_name=name,
        storage_name=stored_name, uploaded_by=acting_user, **facts)
