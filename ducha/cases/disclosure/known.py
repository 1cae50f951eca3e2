"""What a case records of its complainant, for masking what is published about it.

A text may name its complainant without any role word (张伟反映…), which no pattern can tell from an
ordinary word; the name and contact recorded for the case (ducha.cases.models.Complainant) find it
wherever it is (ducha.text.masking's `known`). They are decrypted in memory and never shown, so no
reader is checked and nothing is audited, unlike ducha.cases.actions.privacy, which shows them to people.
"""

from ducha.cases import crypto
from ducha.cases.models import Complainant


def complainants(cases):
    """{case id: (name, contact)} of `cases`; cases without a recorded complainant are absent."""
    found = Complainant.objects.filter(case__in=[c.pk for c in cases]).values_list(
        "case_id", "name_token", "contact_token")
    return {pk: (crypto.decrypt(name), crypto.decrypt(contact)) for pk, name, contact in found}
