"""Fixtures for the pure-Python resolution engine: no database, no Django settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from convene.resolution.csvio import read_directory
from convene.resolution.engine import Resolver
from convene.resolution.gazetteer import Gazetteer, load
from convene.resolution.types import Organisation

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The real GeoNames gazetteer (built into var/ on first use, then cached)."""
    return load()


@pytest.fixture(scope="session")
def eval_directory() -> list[Organisation]:
    return read_directory(DATA / "directory.csv")


@pytest.fixture(scope="session")
def eval_resolver(gazetteer: Gazetteer, eval_directory: list[Organisation]) -> Resolver:
    return Resolver(eval_directory, gazetteer)
