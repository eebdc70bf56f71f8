"""The certification lifecycle: decisions, certificates and their statuses, and the ledger of
what was published."""
