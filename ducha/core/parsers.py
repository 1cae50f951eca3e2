"""Request body parsers with limits, the API's defaults.

DRF's JSONParser reads the whole stream whatever its length (Django's
DATA_UPLOAD_MAX_MEMORY_SIZE guards request.body and form parsing only) and
hands it to json.loads, which recurses once per nesting level: a body of
5,000 "[" raises RecursionError, a 500. BoundedJSONParser reads at most
DUCHA_MAX_JSON_BYTES + 1 bytes and measures the nesting depth with one
linear, non-recursive scan before decoding; both refusals are a 400 naming
the limit. Then it decodes the body itself: DRF's own errors here ("JSON parse
error - Expecting value: …", "Unsupported charset …") are English strings
that no translation reaches, and a body that is valid JSON but not an object
("…", null, 1, [..]) would reach the views, which all read named fields (no
JSON endpoint takes a top-level array: the schema's request bodies are all
objects), so it is refused here, once for every endpoint, before any action
runs. An empty body never reaches a parser (DRF answers it as no data), so
POSTs without input keep working. The form parsers turn Django's own
refusals (too many fields, too big a body) into the same 400 instead of an
HTML error page.
"""

import io
import json
import re

import numpy as np
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils.json import strict_constant

DEFAULT_MAX_JSON_BYTES = 1024 * 1024
DEFAULT_MAX_JSON_DEPTH = 32

# A whole string literal; possessive, so an unterminated string ends at the
# end of the body instead of backtracking. Brackets inside strings never count.
_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.DOTALL)
# Opening brackets to "(", closing ones to ")", every other byte deleted.
_BRACKETS = bytes.maketrans(b"[{]}", b"(())")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[{]}"))


def max_json_bytes():
    return getattr(settings, "DUCHA_MAX_JSON_BYTES", DEFAULT_MAX_JSON_BYTES)


def max_json_depth():
    return getattr(settings, "DUCHA_MAX_JSON_DEPTH", DEFAULT_MAX_JSON_DEPTH)


def json_depth_exceeds(data: bytes, limit: int) -> bool:
    """Whether arrays/objects in `data` nest deeper than `limit`, without
    decoding it and without a Python loop over the body: strings are cut out
    and the other bytes dropped in C, then the depth is the running sum of
    +1 per opening and -1 per closing bracket (numpy). A 1 MB body costs
    milliseconds whatever its shape."""
    if data.count(b"[") + data.count(b"{") <= limit:
        return False  # not enough brackets to nest that deep: the common case
    brackets = _STRING.sub(b"", data).translate(_BRACKETS, _NOT_BRACKETS)
    steps = 81 - 2 * np.frombuffer(brackets, dtype=np.uint8).astype(np.int32)  # "(" 40 -> +1, ")" 41 -> -1
    return bool(steps.size) and int(np.cumsum(steps).max()) > limit


def read_limited(stream, limit):
    """At most limit + 1 bytes of the stream: enough to tell it is too long."""
    if stream is None:
        return b""
    return stream.read(limit + 1)


class BoundedJSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = max_json_bytes()
        data = read_limited(stream, limit)
        if len(data) > limit:
            raise ParseError(_("请求体超过 %(size)s 字节的上限。") % {"size": limit})
        depth = max_json_depth()
        if json_depth_exceeds(data, depth):
            raise ParseError(_("JSON 嵌套超过 %(depth)s 层的上限。") % {"depth": depth})
        return json_object(data, _encoding(parser_context or {}), strict=self.strict)


def _encoding(parser_context):
    """The request's charset; DRF refuses one that is not a text encoding, in English."""
    try:
        return parsers.get_encoding(parser_context)
    except ParseError:
        charset = str(parser_context.get("encoding"))[:40]
        raise ParseError(_("不支持请求 Content-Type 中的字符集 “%(charset)s”。") % {"charset": charset}) from None


def json_object(data: bytes, encoding, *, strict=True):
    """The JSON object in `data`, or a ParseError in Chinese saying where the body stops being JSON, or
    that its top level is not an object."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ParseError(_("请求体不是有效的 %(encoding)s 文本（第 %(at)s 字节）。")
                         % {"encoding": encoding, "at": error.start + 1}) from None
    try:
        value = json.loads(text, parse_constant=strict_constant if strict else None)
    except json.JSONDecodeError as error:
        raise ParseError(_("请求体不是有效的 JSON：第 %(line)s 行第 %(column)s 列。")
                         % {"line": error.lineno, "column": error.colno}) from None
    except ValueError:  # NaN or Infinity (strict), or an integer of more than 4,300 digits
        raise ParseError(_("请求体不是有效的 JSON：含 NaN、Infinity 或位数过多的数值。")) from None
    if not isinstance(value, dict):
        raise ParseError(_("请求体应为 JSON 对象（{…}），不能是数组、字符串、数字、true/false 或 null。"))
    return value


# Django's own refusals of an oversized request (SuspiciousOperation subclasses), answered in Chinese
# by refusal_message here and by the error pages in core/errors.py.
DJANGO_REFUSALS = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def refusal_message(error):
    """Django's refusal of a request (SuspiciousOperation) in Chinese, naming the limit."""
    if isinstance(error, RequestDataTooBig):
        return _("请求体超过 %(size)s 字节的上限。") % {"size": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
    if isinstance(error, TooManyFilesSent):
        return _("上传文件数超过 %(n)s 个的上限。") % {"n": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
    if isinstance(error, TooManyFieldsSent):
        return _("请求参数或表单字段数超过 %(n)s 个的上限。") % {"n": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
    return _("请求无法处理。")


def _refusal(error):
    return ParseError(refusal_message(error))


class BoundedFormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        data = stream.read() if limit is None else read_limited(stream, limit)
        if limit is not None and len(data) > limit:
            raise _refusal(RequestDataTooBig())
        try:
            return super().parse(io.BytesIO(data), media_type, parser_context)
        except DJANGO_REFUSALS as error:
            raise _refusal(error) from None


class BoundedMultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except DJANGO_REFUSALS as error:
            raise _refusal(error) from None
