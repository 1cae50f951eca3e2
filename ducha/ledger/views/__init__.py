"""Web pages of the ledger. Thin: parse the request, call the filterset or a
service, render. Permission rules live in ducha.core.scoping."""
