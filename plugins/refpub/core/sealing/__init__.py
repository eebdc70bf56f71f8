"""Confidential audit detail sealed in the repository (age) and opened for validation."""
