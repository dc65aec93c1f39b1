"""Errors that name the request field at fault, for the API's JSON ``detail``."""

from __future__ import annotations

from django.http import Http404


class FieldNotFound(Http404):
    """A 404 whose message starts with the field that pointed at nothing."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
