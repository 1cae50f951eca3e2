"""The upload cap: a request over DUCHA_MAX_UPLOAD_MB is cut off while it
streams in. A 5 GB body is never read to its end and nothing of it is kept;
the fields before the file (the CSRF token) still arrive."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParser

from ducha.core import uploads

BOUNDARY = "ducha-test-boundary"


class Body(io.RawIOBase):
    """A multipart body with one field and one file of `size` bytes, produced as it is read."""

    def __init__(self, size):
        self.head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\ntoken\r\n"
                     f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"台账.xlsx\"\r\n"
                     "Content-Type: application/octet-stream\r\n\r\n").encode()
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.size = size
        self.length = len(self.head) + size + len(self.tail)
        self.position = 0

    def readable(self):
        return True

    def read(self, n=-1):
        n = self.length - self.position if n is None or n < 0 else min(n, self.length - self.position)
        out = bytearray()
        while len(out) < n:
            p = self.position + len(out)
            if p < len(self.head):
                out += self.head[p:p + n - len(out)]
            elif p < len(self.head) + self.size:
                out += b"x" * min(n - len(out), len(self.head) + self.size - p)
            else:
                q = p - len(self.head) - self.size
                out += self.tail[q:q + n - len(out)]
        self.position += len(out)
        return bytes(out)


def parse(size, announced=None):
    from django.core.files.uploadhandler import load_handler
    from django.conf import settings

    request = HttpRequest()
    body = Body(size)
    meta = {"CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
            "CONTENT_LENGTH": str(body.length if announced is None else announced)}
    handlers = [load_handler(path, request) for path in settings.FILE_UPLOAD_HANDLERS]
    post, files = MultiPartParser(meta, body, handlers).parse()
    return request, body, post, files


@pytest.fixture(autouse=True)
def one_megabyte_cap(settings):
    settings.DUCHA_MAX_UPLOAD_MB = 1


def test_a_5_gb_upload_is_refused_before_its_body_is_read():
    request, body, post, files = parse(5 * 1024 ** 3)
    assert uploads.refusal(request) == "文件超过上限 1 MB，已拒绝。"
    assert post["csrfmiddlewaretoken"] == "token" and "file" not in files
    assert body.position < 1024 * 1024


def test_a_file_over_the_cap_is_cut_off_while_streaming():
    # The announced length is within the slack for form fields, so only counting the file's bytes catches it.
    request, body, post, files = parse(1024 * 1024 + 10_000)
    assert uploads.refusal(request) == "文件超过上限 1 MB，已拒绝。"
    assert "file" not in files and body.position < 1024 * 1024 + 200_000


def test_a_file_within_the_cap_arrives_whole():
    request, body, post, files = parse(1000 * 1024)
    assert uploads.refusal(request) is None
    assert files["file"].size == 1000 * 1024 and body.position == body.length


def test_check_size_for_files_that_come_another_way():
    uploads.check_size(1024 * 1024)
    with pytest.raises(ValidationError, match=r"文件大小 2\.0 MB，超过上限 1 MB"):
        uploads.check_size(2 * 1024 * 1024)
