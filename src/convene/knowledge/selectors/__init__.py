"""Knowledge reads, one module per kind of record: ``minutes``, ``documents``, ``practices``
(re-exported here) and ``proposals`` (topic proposals). Each ``*_get_for_viewer`` answers through
the access rule."""

from convene.knowledge.selectors.practices import (
    PracticeFilters,
    practice_filter_choices,
    practice_get_for_viewer,
    practice_search,
)

__all__ = [
    "PracticeFilters",
    "practice_filter_choices",
    "practice_get_for_viewer",
    "practice_search",
]
