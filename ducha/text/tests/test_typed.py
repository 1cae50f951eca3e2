"""ducha.text.typed: what a free-text input keeps."""

import pytest

from ducha.text.typed import typed_text


@pytest.mark.parametrize("raw, kept", [
    ("整改\u202e已完成", "整改已完成"),  # right-to-left override: displayed reversed
    ("市住\u200b建局", "市住建局"),  # zero-width space inside a word
    ("\u2066第\u20693项\u202c", "第3项"),  # isolates and pop
    ("\ufeff报告", "报告"),  # a byte-order mark pasted from a file
    ("a\x00b\x1bc\x7fd", "abcd"),  # C0, ESC, DEL
    ("第一行\r\n第二行\n\t缩进", "第一行\n第二行\n\t缩进"),  # CR LF from a browser's textarea
    ("  全角　空格  ", "全角　空格"),  # U+3000 inside is kept; edges trimmed
    ("e\u0301", "\u00e9"),  # NFC
    ("<b>标记</b> & 符号", "<b>标记</b> & 符号"),  # markup kept as typed: pages escape it
    ("\ud800孤立", "孤立"),  # a lone surrogate
    ("a\u00a0b", "a\u00a0b"),  # a no-break space is a space, not a control
    ("张\U00031350", "张\U00031350"),  # CJK Extension H (Unicode 15): unassigned to Python 3.11, still a name
    ("李\ue81a", "李\ue81a"),  # a rare character kept in a private-use area by an older system
])
def test_typed_text(raw, kept):
    assert typed_text(raw) == kept


def test_plain_text_comes_back_unchanged():
    text = "城区雨污分流改造，完成率 85%（2026年11月）。"
    assert typed_text(text) == text
