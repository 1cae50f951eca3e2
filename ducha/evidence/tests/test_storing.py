"""Storing evidence: refused content (by content, not by name), bombs, limits, the hash, EXIF, thumbnails."""

import datetime as dt
import hashlib
import io
import os
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from ducha.evidence import storing
from ducha.evidence.cleanup import remove_orphans
from ducha.evidence.models import StoredFile
from ducha.progress.tests.conftest import jpeg_bytes


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def store(name, content, user=None):
    return storing.store_upload(SimpleUploadedFile(name, content), acting_user=user)


def refusal(name, content):
    with pytest.raises(ValidationError) as error:
        store(name, content)
    return " ".join(error.value.message_dict["file"])


def stored_files(media):
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def zip_of(entries, compression=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.django_db
def test_a_photo_is_stored_with_its_hash_size_exif_and_a_thumbnail(world, media):
    photo = jpeg_bytes(size=(800, 600))
    stored = store("现场.jpg", photo, world.users["eco_officer"])
    assert stored.sha256 == hashlib.sha256(photo).hexdigest() and stored.size == len(photo)
    assert (stored.kind, stored.content_type, stored.width, stored.height) == ("image", "image/jpeg", 800, 600)
    assert stored.taken_at.astimezone(dt.timezone(dt.timedelta(hours=8))).replace(tzinfo=None) == dt.datetime(
        2024, 5, 1, 9, 30)
    assert stored.latitude == Decimal("28.460000") and stored.longitude == Decimal("119.920000")
    assert default_storage.open(stored.storage_name).read() == photo
    from PIL import Image

    with Image.open(default_storage.open(stored.thumbnail_name)) as thumb:
        assert max(thumb.size) <= 320 and thumb.format == "JPEG"


@pytest.mark.django_db
def test_a_photo_without_exif_has_no_time_or_place(world):
    stored = store("a.jpg", jpeg_bytes(exif=False))
    assert stored.taken_at is None and stored.latitude is None and stored.thumbnail_name


@pytest.mark.django_db
@pytest.mark.parametrize("name, content, says", [
    ("empty.pdf", b"", "文件为空"),
    ("photo.jpg", b"MZ\x90\x00\x03" + b"\x00" * 200, "可执行程序"),
    ("report.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "可执行程序"),
    ("photo.jpg", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "网页或 SVG"),
    ("photo.jpg", b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "网页或 SVG"),
    ("notes.jpg", "这不是图片".encode(), "不支持的文件类型"),
])
def test_content_decides_not_the_name(world, media, name, content, says):
    assert says in refusal(name, content)
    assert not StoredFile.objects.exists() and stored_files(media) == []


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused_and_leaves_nothing(world, media, settings):
    settings.DUCHA_EVIDENCE_MAX_BYTES = 1024
    assert "超过大小上限" in refusal("big.pdf", b"%PDF-1.4\n" + b"0" * 2000)
    # A file whose announced size lies is stopped while it streams, and its partial copy removed.
    upload = SimpleUploadedFile("liar.pdf", b"%PDF-1.4\n" + b"0" * 5000)
    upload.size = 10
    with pytest.raises(ValidationError):
        storing.store_upload(upload, acting_user=None)
    assert stored_files(media) == []


@pytest.mark.django_db
def test_zip_bombs_are_refused(world, settings):
    settings.DUCHA_EVIDENCE_ZIP_LIMITS = {"entries": 50, "uncompressed_mb": 5}
    assert "压缩比异常" in refusal("bomb.zip", zip_of([("zeros.txt", b"\x00" * (4 * 1024 * 1024))]))
    assert "文件过多" in refusal("many.zip", zip_of([(f"{i}.txt", b"x") for i in range(51)]))
    assert "解压后过大" in refusal("huge.zip", zip_of(
        [(f"{i}.bin", os.urandom(1024 * 1024)) for i in range(6)], zipfile.ZIP_STORED))
    assert "不能再含压缩包" in refusal("nested.zip", zip_of([("inner.zip", zip_of([("a.txt", b"a")]))]))
    assert "是压缩包或可执行程序" in refusal("hidden.zip", zip_of([("inner.dat", zip_of([("a.txt", b"a")]))]))
    assert "是压缩包或可执行程序" in refusal("tool.zip", zip_of([("readme.txt", b"MZ\x90\x00" + b"\x00" * 64)]))
    assert "损坏" in refusal("broken.zip", b"PK\x03\x04" + b"\x00" * 100)


@pytest.mark.django_db
def test_a_zip_of_documents_a_docx_and_an_xlsx_are_accepted(world, ledger_xlsx):
    assert store("材料.zip", zip_of([("说明.pdf", b"%PDF-1.4 ..."), ("照片.jpg", jpeg_bytes())])).kind == "zip"
    assert store("台账.xlsx", ledger_xlsx([["序号", "问题"], [1, "扬尘"]])).kind == "excel"


@pytest.mark.django_db
def test_a_decompression_bomb_image_is_refused(world, media, monkeypatch):
    monkeypatch.setattr(storing, "MAX_IMAGE_PIXELS", 1000)
    assert "像素过多" in refusal("bomb.jpg", jpeg_bytes(size=(64, 48)))
    assert stored_files(media) == []


@pytest.mark.django_db
def test_a_50_mb_file_is_hashed_correctly_while_it_streams(world, tmp_path):
    path = tmp_path / "big.pdf"
    digest = hashlib.sha256()
    with path.open("wb") as out:
        block = b"%PDF-1.4\n" + os.urandom(1024 * 1024 - 9)
        for _ in range(50):
            out.write(block)
            digest.update(block)
    with path.open("rb") as handle:
        stored = storing.store_upload(File(handle, name="big.pdf"), acting_user=None)
    assert stored.size == 50 * 1024 * 1024 and stored.sha256 == digest.hexdigest()
    with default_storage.open(stored.storage_name) as copy:
        assert hashlib.file_digest(copy, "sha256").hexdigest() == digest.hexdigest()


@pytest.mark.django_db
def test_orphan_cleanup_removes_old_unreferenced_bytes_only(world, media):
    kept = store("kept.jpg", jpeg_bytes())
    orphan = default_storage.save("evidence/ab/orphan.pdf", io.BytesIO(b"%PDF-1.4 orphan"))
    fresh = default_storage.save("evidence/ab/fresh.pdf", io.BytesIO(b"%PDF-1.4 fresh"))
    old = dt.datetime.now().timestamp() - 2 * 86400
    for name in (orphan, kept.storage_name, kept.thumbnail_name):
        os.utime(default_storage.path(name), (old, old))
    assert remove_orphans() == 1
    assert not default_storage.exists(orphan) and default_storage.exists(fresh)
    assert default_storage.exists(kept.storage_name) and default_storage.exists(kept.thumbnail_name)
    assert remove_orphans() == 0  # idempotent
