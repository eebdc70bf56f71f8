"""Companies and their audits: typed, checked, and the data root loaded at once."""
