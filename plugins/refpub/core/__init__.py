"""The pure core: load, validate, model, score and lifecycle. Never imports MkDocs."""
