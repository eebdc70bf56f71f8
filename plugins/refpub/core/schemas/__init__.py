"""The JSON Schemas of every data format, as Python data (the single definition)."""
