from django import template
from django.urls import reverse

from .. import site

register = template.Library()


@register.simple_tag
def public_nav():
    """[(label, url, icon, key)] of the registered sections, in order."""
    return [(s.label, reverse(f"public:{s.key}:{s.url_name}"), s.icon, s.key) for s in site.sections()]
