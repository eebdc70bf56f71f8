"""Certificates as signed W3C Verifiable Credentials: payloads, signatures, status lists and
their verification."""
