"""The decision: which organisation did a registrant mean?

Precision comes before recall: a wrong match corrupts a report, a review costs staff one
click. So the engine only matches on evidence it can name, in this order:

1. the exact text, a segment of it, or its language-independent key (see
   :mod:`convene.resolution.analysis`) equals a directory name or alias;
2. the email domain is listed on a directory organisation, and the text does not
   contradict it (a department name, or nothing);
3. the email domain spells a place whose local authority is in the directory;
4. fuzzy matching (see :mod:`convene.resolution.fuzzy`) only among directory entries whose
   kind and country agree, and only when the best candidate clearly beats the second;

and otherwise says ``new`` (with kind, country and cluster key), ``review`` when two
readings compete, or ``none`` for "n/a", "retired", "student" and the like.

The package, in reading order:

- :mod:`.index`: the directory indexed once (names, keys, domains, fuzzy cores, words);
- :mod:`.emails`: what a registrant's email address says;
- :mod:`.resolver`: :class:`Resolver`, which weighs the evidence in the order above;
- :mod:`.answers`: how each answer (matched, review, new, none) is worded.
"""

from convene.resolution.countrywords import country_code
from convene.resolution.engine.resolver import Resolver

__all__ = ["Resolver", "country_code"]
