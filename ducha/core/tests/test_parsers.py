"""The API's body parsers: size and nesting are refused before decoding."""

import io
import time

import pytest
from rest_framework.exceptions import ParseError

from ducha.core.parsers import BoundedFormParser, BoundedJSONParser, json_depth_exceeds


def _parse(body, parser=BoundedJSONParser):
    return parser().parse(io.BytesIO(body), parser_context={"request": None, "encoding": "utf-8"})


@pytest.mark.parametrize("depth", [5_000, 1_000_000])
def test_deep_json_is_refused_without_recursing(depth):
    body = b"[" * depth + b"]" * depth
    start = time.perf_counter()
    assert json_depth_exceeds(body, 32)
    assert time.perf_counter() - start < 2  # milliseconds alone; generous for a loaded CI machine


def test_depth_counts_brackets_outside_strings_only():
    assert not json_depth_exceeds(b'{"a": "[[[[[[[[[[{{{{{{{{{{{{", "b": [1, "]]]]"]}', 3)
    assert not json_depth_exceeds(b'{"a": "\\"[[[[[[[[["}', 1)  # an escaped quote does not end the string
    assert json_depth_exceeds(b'[[["x\\\\"]]]', 2)  # an escaped backslash does
    assert not json_depth_exceeds(b"[" * 32 + b"]" * 32, 32)
    assert json_depth_exceeds(b"[" * 33 + b"]" * 33, 32)


def test_unterminated_string_is_scanned_in_linear_time():
    body = b'["' + b'\\"' * 500_000
    start = time.perf_counter()
    assert not json_depth_exceeds(body, 32)
    assert time.perf_counter() - start < 2


def test_parser_names_the_depth_limit():
    with pytest.raises(ParseError, match="JSON 嵌套超过 32 层"):
        _parse(b'{"note": ' + b"[" * 5000 + b"]" * 5000 + b"}")


def test_parser_reads_no_more_than_the_size_limit(settings):
    settings.DUCHA_MAX_JSON_BYTES = 1000
    stream = io.BytesIO(b'{"note": "' + b"x" * 10_000 + b'"}')
    with pytest.raises(ParseError, match="1000 字节"):
        BoundedJSONParser().parse(stream, parser_context={"encoding": "utf-8"})
    assert stream.tell() == 1001


def test_parser_still_decodes_ordinary_json():
    assert _parse('{"note": "扬尘[整治]", "ids": [1, 2]}'.encode()) == {"note": "扬尘[整治]", "ids": [1, 2]}


def test_form_parser_refuses_too_many_fields_as_a_parse_error(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    with pytest.raises(ParseError, match="字段数超过 10 个的上限"):
        _parse(b"&".join(b"f%d=1" % i for i in range(50)), BoundedFormParser)


def test_form_parser_refuses_a_body_over_the_memory_limit(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    with pytest.raises(ParseError, match="100 字节"):
        _parse(b"note=" + b"x" * 1000, BoundedFormParser)


@pytest.mark.parametrize("body", [b'"\\ud800"', b"null", b"0", b"false", b"[]", b'[{"note": "x"}]'])
def test_parser_refuses_a_top_level_that_is_not_an_object(body):
    """No JSON endpoint takes anything but an object; DRF would hand a bare string or null to the view."""
    with pytest.raises(ParseError, match=r"请求体应为 JSON 对象"):
        _parse(body)


@pytest.mark.parametrize("body, message", [
    (b"{x", "请求体不是有效的 JSON：第 1 行第 2 列。"),
    (b'{"a": 1,\n  }', "请求体不是有效的 JSON：第 2 行第 3 列。"),
    (b"", "请求体不是有效的 JSON：第 1 行第 1 列。"),
    (b'{"a": Infinity}', "请求体不是有效的 JSON：含 NaN、Infinity 或位数过多的数值。"),
    (b'{"a": ' + b"9" * 5000 + b"}", "请求体不是有效的 JSON：含 NaN、Infinity 或位数过多的数值。"),
    (b'{"a": "\xff"}', "请求体不是有效的 utf-8 文本（第 8 字节）。"),
])
def test_parser_says_in_chinese_where_the_body_stops_being_json(body, message):
    with pytest.raises(ParseError) as refused:
        _parse(body)
    assert str(refused.value.detail) == message


def test_parser_refuses_a_charset_that_is_not_text_in_chinese():
    with pytest.raises(ParseError, match="不支持请求 Content-Type 中的字符集 “bz2_codec”"):
        BoundedJSONParser().parse(io.BytesIO(b"{}"), parser_context={"encoding": "bz2_codec"})
