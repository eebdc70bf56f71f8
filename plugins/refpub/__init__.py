"""refpub: publishes certification référentiels, audits and certificates with MkDocs."""
