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
