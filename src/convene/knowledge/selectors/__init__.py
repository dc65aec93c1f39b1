"""Knowledge reads, one module per kind of record: ``practices`` (re-exported here) and
``proposals`` (topic proposals)."""

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
