"""Accountability referrals (问责移送): a record that a task's rectification calls for accountability
(a rebound found on a revisit, a paper sign-off confirmed). The accountability issue completes it."""
