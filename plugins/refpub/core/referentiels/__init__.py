"""The référentiel model: its requirements, drafting notes, cross-reference grids, communication
rules and OSCAL view."""
