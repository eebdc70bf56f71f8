"""The site stage: the MkDocs plugin that turns the core's model into pages."""
