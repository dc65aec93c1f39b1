"""The roles and the section tree of the access tests: see tests/network.py."""

from tests.network import ROLES, SECTIONS, Network, build_network, matrix_network, network

__all__ = ["ROLES", "SECTIONS", "Network", "build_network", "matrix_network", "network"]
