"""What the complaint cases tell the apps above them, after the change is committed.

`rebound_confirmed(sender=RepeatLink, link=…)`: a coordinator confirmed that a new case repeats an earlier
one whose task had been signed off — the problem may have come back (反弹). The revisits app answers
with a revisit of that task."""

from django.dispatch import Signal

rebound_confirmed = Signal()
