"""``convene demo-setup``: the earlier name of ``convene demo``, kept for a release."""

from convene.demo.management.commands.demo import Command

__all__ = ["Command"]
