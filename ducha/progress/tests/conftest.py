import datetime as dt
import io

import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Stored evidence goes to a directory of the test's own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def api(world):
    from rest_framework.test import APIClient

    def as_user(username):
        client = APIClient()
        client.force_authenticate(world.users[username])
        return client

    return as_user


def jpeg_bytes(size=(64, 48), exif=True, colour=(30, 120, 60)):
    """A generated photo, with EXIF DateTimeOriginal and a GPS position (丽水) when `exif`."""
    from PIL import Image

    image = Image.new("RGB", size, colour)
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[306] = "2024:05:01 09:30:00"
        data.get_ifd(0x8769)[36867] = "2024:05:01 09:30:00"
        gps = data.get_ifd(0x8825)
        gps[1], gps[2] = "N", (28.0, 27.0, 36.0)
        gps[3], gps[4] = "E", (119.0, 55.0, 12.0)
        image.save(out, "JPEG", exif=data)
    else:
        image.save(out, "JPEG")
    return out.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def shared_task(make_task):
    """A city task: 市生态环境局 leads, 莲都区 and 青田县 co-operate."""
    return make_task(units=("eco", "ld_gov", "qt_gov"))


@pytest.fixture
def report(world):
    from ducha.progress.actions import file_report

    def filed(task, user="eco_officer", **fields):
        fields.setdefault("reported_on", dt.date.today())
        fields.setdefault("percent", 50)
        fields.setdefault("done", "完成排查")
        return file_report(acting_user=world.users[user], task=task, **fields)

    return filed
