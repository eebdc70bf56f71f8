"""Problems reported to the auditors as PATH:LINE: message, JSON Schema checks and the project's
value formats."""
