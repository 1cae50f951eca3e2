"""A paginator whose count stops: a list of 300,000 rows says "1000+" instead of counting them all.

The count reads at most `cap` rows, or as far as the page asked for and one more (so page 30 of a long
list still opens and still has a next page); `count_label` and `pages_label` say "1000+" / "21+" when it
stopped. The to-do counts stop the same way (ducha.notifications.todo.COUNT_CAP, "1000+").
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap):
        super().__init__(object_list, per_page)
        self.cap = cap
        self.limit = cap + 1

    def get_page(self, number):
        try:
            wanted = max(int(number), 1)
        except (TypeError, ValueError):
            wanted = 1
        # Beyond the cap: count as far as the wanted page, plus one row to know whether a next one exists.
        self.limit = max(self.cap, min(wanted, 10**6) * self.per_page) + 1
        return super().get_page(number)

    @cached_property
    def count(self):
        # No ORDER BY: the database counts through whichever index finds the rows soonest.
        return self.object_list.order_by()[: self.limit].count()

    @property
    def stopped(self):
        """The count stopped: there are more rows than it says."""
        return self.count >= self.limit

    @property
    def count_label(self):
        return f"{self.limit - 1}+" if self.stopped else str(self.count)

    @property
    def pages_label(self):
        return f"{self.num_pages - 1}+" if self.stopped else str(self.num_pages)
