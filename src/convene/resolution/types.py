"""Plain data in and out of the resolution engine (no Django: the app maps its models)."""

from __future__ import annotations

from dataclasses import dataclass

from convene.resolution.lexicon import KINDS

__all__ = [
    "KINDS",
    "STATUSES",
    "Organisation",
    "Registrant",
    "Resolution",
    "ResolutionError",
    "held_for_review",
]

STATUSES: tuple[str, ...] = ("matched", "new", "review", "none")

#: Below this, a "new" answer does not create an organisation: the engine could not tell
#: its kind with confidence, so staff decide (see :func:`held_for_review`).
NEW_MIN_CONFIDENCE = 0.5


class ResolutionError(Exception):
    """Bad input for the engine or the batch command.

    The only exception the package raises on purpose; its message is one line naming the
    file, the line and the problem, ready for stderr or a form error.
    """

    def __init__(self, problem: str, *, source: str = "", line: int | None = None) -> None:
        self.problem = problem
        self.source = source
        self.line = line
        where = source
        if line is not None:
            where = f"{where}: line {line}" if where else f"line {line}"
        super().__init__(f"{where}: {problem}" if where else problem)


@dataclass(frozen=True, slots=True)
class Organisation:
    """A directory organisation as the engine sees it."""

    id: str
    name: str
    kind: str
    country: str
    member: bool = False
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ResolutionError(f"unknown kind {self.kind!r} for organisation {self.id!r}")


@dataclass(frozen=True, slots=True)
class Registrant:
    """What one registrant typed."""

    row_id: str
    organisation: str
    email: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class Resolution:
    """The engine's answer for one registrant.

    ``org_id`` is set only when ``status`` is ``matched``. ``kind`` and ``country`` are the
    directory's for a match and the prediction otherwise; ``cluster`` groups rows that name
    the same organisation the directory lacks ("Stadt Köln" and "City of Cologne"), and
    ``name`` is the readable name to create it under ("Comune di Torino" for "Polizia
    Municipale di Torino"), or None when the engine cannot tell one (then staff decide).
    """

    row_id: str
    status: str
    org_id: str | None
    kind: str | None
    country: str | None
    cluster: str | None
    confidence: float
    explanation: str
    name: str | None = None


def held_for_review(result: Resolution) -> bool:
    """Is this "new" answer one staff must settle before an organisation is created?

    When the engine cannot tell the organisation's kind, its country, or a readable name,
    nothing enters the directory under the name as typed: the row waits in the review queue.
    """
    return result.status == "new" and (
        result.confidence < NEW_MIN_CONFIDENCE or not result.country or not result.name
    )
