"""Text as XML 1.0 can hold it, for the Word documents and XML answers built from what users typed or
imported: C0 control characters other than tab, line feed and carriage return, lone surrogates and the
non-characters U+FFFE/U+FFFF are dropped (python-docx refuses them, and one in a record made every export
of it fail; ElementTree writes them into a document no reader accepts)."""

import re

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value) -> str:
    return NOT_XML.sub("", str(value))
