"""Writes of privacy: consent, export, erasure, retention."""
