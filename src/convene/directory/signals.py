"""Signals of the directory, for apps above it that must react to its changes (a lower app never
imports a higher one; the higher app owns the reaction).

``organisation_merging``: sent by ``organisation_merge`` inside its transaction, before the
source organisation is deleted, with ``source`` and ``target``. Receivers move what points at
the source (the sections' extra lists) to the target, or it would be deleted with the source.
"""

from django.dispatch import Signal

organisation_merging = Signal()
