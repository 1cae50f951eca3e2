"""ducha.text.meaningful: a text that says something, and one made only of emoji, punctuation or blanks."""

import pytest

from ducha.text.meaningful import is_meaningful


@pytest.mark.parametrize("text", [
    "",
    "😀😀😀",
    "。。。",
    "？？！！……",
    "   \u3000\t\n",
    "\u200b\u200c\u200d\u2060\ufeff",  # zero-width space, joiners, word joiner, BOM
    "\u3164\u3164",  # Hangul fillers: letters by category, blank on screen
    "\uffa0",  # the half-width filler (NFKC makes it U+3164)
    "ˉˊˇˋ",  # modifier letters an input method offers as tone marks
    "👍🏻❤️🇨🇳",  # skin tone, variation selector, flag (regional indicators)
    "\u0301\u0308",  # combining marks with nothing to carry them
    "\u2800\u2800",  # braille blank
    "<>《》【】——～",
])
def test_emoji_punctuation_and_blanks_say_nothing(text):
    assert not is_meaningful(text)


@pytest.mark.parametrize("text", [
    "无",
    "工地夜间施工扰民",
    "No",
    "13800000000",
    "😀很差",
    "。。。3",
    "ＡＢＣ",  # full-width letters
    "①",  # a circled digit
    "张\U00031350",  # CJK Extension H, unassigned to Python 3.11
    "\ue81a",  # a rare character in a private-use area
    "\u200b问\u200b题",
])
def test_letters_cjk_and_digits_say_something(text):
    assert is_meaningful(text)
