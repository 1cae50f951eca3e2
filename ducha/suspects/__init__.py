"""Paper sign-off suspects (纸面销号): rules, each a registered function, find sign-offs that look like
paperwork rather than rectification and say why, with the evidence side by side. The office dismisses a
suspect with a reason or sends it to review (and may refer it for accountability)."""
