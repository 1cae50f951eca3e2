"""What a screen reader says is Chinese like the rest of the page: no template names a landmark or a control
in English (aria-label="breadcrumb" was read out as "breadcrumb" on 16 pages)."""

import re

import pytest

from .test_security import TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p).split("/ducha/", 1)[-1])
def test_no_english_aria_labels(template):
    html = template.read_text(encoding="utf-8")
    english = [label for label in re.findall(r'aria-label="([^"{]*)"', html) if re.search(r"[A-Za-z]{3,}", label)]
    assert english == []
