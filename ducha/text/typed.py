"""Text as a person meant it, for every free-text input an action takes (reports, opinions, replies, notes,
a complainant's name).

Unicode NFC; control and format characters (and lone surrogates) removed except line feed and tab (a browser's CR LF becomes LF);
surrounding white space trimmed. Format characters render nothing yet change what is shown: U+202E (right-to-
left override) typed into a report displays "整改已完成" as "成完已改整" and can turn a unit name or a number
around in every list that shows it; U+200B hides inside a word and defeats search and duplicate checks; a
NUL or a lone surrogate breaks Word export. Markup is kept as typed: pages escape it.
"""

import unicodedata

_KEPT = frozenset("\n\t")
# Controls, format characters, lone surrogates. Not private-use (Co) or unassigned (Cn) code points: rare
# characters of people's and places' names (生僻字) live there — in private-use areas of older systems, and in
# CJK extensions newer than this Python's Unicode tables (Extension H, U+31350…, is "unassigned" to 3.11).
_DROPPED = frozenset({"Cc", "Cf", "Cs"})


def typed_text(value: str) -> str:
    text = unicodedata.normalize("NFC", value)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    # The fast path, for nearly every text: nothing but printable characters, spaces (U+3000 too), line
    # feeds and tabs. Otherwise character by character (other separators such as U+00A0 are kept there).
    if not text.replace("\n", "").replace("\t", "").replace("\u3000", "").isprintable():
        text = "".join(c for c in text if c in _KEPT or unicodedata.category(c) not in _DROPPED)
    return text.strip()
