"""``convene practices reindex``: rewrite the practice library's search index.

Every practice service keeps the index in step; the index also holds the names of the
organisations involved, so run this after renaming or merging organisations, or after restoring
a database dump made without the index table's rows.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from convene.knowledge.services import practices_reindex


class Command(BaseCommand):
    help = "Rewrite the search index of the practice library."

    def handle(self, *args: Any, **options: Any) -> None:
        count = practices_reindex()
        self.stdout.write(f"{count} practices indexed.")
