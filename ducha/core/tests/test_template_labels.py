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


def test_no_comment_runs_over_a_line():
    """Django's {# … #} ends on its line: one running over two lines is printed as text (the photo list showed its
    English note to every reader of a report, a revisit, an on-site check). Longer notes use {% comment %}."""
    broken = [str(t).split("/ducha/", 1)[-1] for t in TEMPLATES
              if any("{#" in line and "#}" not in line.split("{#", 1)[1] for line in t.read_text(encoding="utf-8").splitlines())]
    assert broken == []
