"""Evidence from the registrant's email address.

Three strengths of evidence, strongest first:

1. the domain (or a parent of it) is listed on a directory organisation;
2. the domain spells a place, alone or with a municipal word (``stadt-koeln.de``,
   ``cm-lisboa.pt``, ``comune.torino.it``, ``essen.de``): good evidence of that local
   authority, and its top-level domain hints at the country;
3. a country-code top-level domain alone hints at the country.

Webmail and consumer internet providers (gmail, outlook, gmx, web.de, orange.fr, libero,
telenet...) say nothing about the organisation nor, reliably, the country.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DomainInfo", "WEBMAIL", "domain_of", "inspect_domain", "parents"]

WEBMAIL: frozenset[str] = frozenset(
    """
    gmail.com googlemail.com outlook.com outlook.fr outlook.de outlook.es outlook.it
    hotmail.com hotmail.fr hotmail.de hotmail.es hotmail.it hotmail.be hotmail.nl
    hotmail.co.uk live.com live.fr live.de live.be live.nl live.it live.co.uk msn.com
    yahoo.com yahoo.fr yahoo.de yahoo.es yahoo.it yahoo.co.uk ymail.com rocketmail.com
    aol.com aol.de aol.fr icloud.com me.com mac.com proton.me protonmail.com protonmail.ch
    pm.me tutanota.com tutanota.de tuta.io mail.com email.com zoho.com yandex.com yandex.ru
    gmx.de gmx.net gmx.at gmx.ch gmx.com gmx.fr web.de t-online.de freenet.de arcor.de
    posteo.de mailbox.org online.de 1und1.de orange.fr wanadoo.fr free.fr sfr.fr laposte.net
    neuf.fr bbox.fr numericable.fr aliceadsl.fr club-internet.fr libero.it virgilio.it
    tiscali.it alice.it tin.it fastwebnet.it email.it inwind.it iol.it telenet.be skynet.be
    proximus.be scarlet.be voo.be ziggo.nl kpnmail.nl planet.nl home.nl xs4all.nl hetnet.nl
    chello.nl upcmail.nl casema.nl telefonica.net terra.es movistar.es ono.com sapo.pt
    netcabo.pt iol.pt wp.pl onet.pl o2.pl interia.pl op.pl gazeta.pl tlen.pl seznam.cz
    centrum.cz email.cz post.cz volny.cz azet.sk zoznam.sk citromail.hu freemail.hu
    t-online.hu telia.com spray.se bredband.net online.no hotmail.no hotmail.se hotmail.dk
    jubii.dk mail.dk sol.dk suomi24.fi luukku.com windowslive.com abv.bg mail.bg dir.bg
    yahoo.gr otenet.gr hol.gr forthnet.gr in.gr yahoo.ro rdslink.ro mail.ru bluewin.ch
    sunrise.ch hispeed.ch aon.at chello.at a1.net eircom.net btinternet.com sky.com
    virginmedia.com talktalk.net ntlworld.com blueyonder.co.uk tiscali.co.uk vodafone.de
    vodafone.it mail.ee hot.ee inbox.lv inbox.lt siol.net t-com.hr net.hr
    """.split()
)

# Generic top-level domains and second-level labels that carry no place.
_NEUTRAL_LABELS = frozenset(
    "com org net eu int info edu gov gouv go govt biz co ac mail www web intranet email post "
    "admin extranet smtp mx fr-mail".split()
)
# Municipal words that may wrap a place in a domain name (``stadt-koeln``, ``cm-lisboa``).
_MUNICIPAL_LABELS = frozenset(
    "stadt stad ville mairie comune citta ayto ayuntamiento ajuntament aj cm gemeente "
    "kommune kommun kaupunki city council municipality municipio mesto miasto um umw "
    "primaria grad obcina dimos gemeinde magistrat lb lokaalbestuur concello comu "
    "mairie-de ville-de comunedi".split()
)

_CC_OVERRIDES = {"uk": "GB", "el": "GR"}
_NOT_COUNTRY = frozenset({"eu", "su", "me", "tv", "io", "ai", "co", "cc", "fm", "ws", "int"})


@dataclass(frozen=True, slots=True)
class DomainInfo:
    """What a single email domain tells, before the gazetteer is consulted."""

    domain: str
    webmail: bool
    country: str | None
    place_words: tuple[str, ...]  # candidate place names spelt by the domain, longest first


def domain_of(email: str) -> str:
    """The lower-cased domain of an address, or "" when there is none."""
    if not email or "@" not in email:
        return ""
    domain = email.rsplit("@", 1)[1].strip().strip(".").lower()
    if not domain or " " in domain or "." not in domain:
        return ""
    return domain


def parents(domain: str) -> list[str]:
    """``a.b.essen.de`` -> [``a.b.essen.de``, ``b.essen.de``, ``essen.de``]."""
    parts = domain.split(".")
    return [".".join(parts[i:]) for i in range(len(parts) - 1)]


def _tld_country(tld: str) -> str | None:
    if tld in _CC_OVERRIDES:
        return _CC_OVERRIDES[tld]
    if len(tld) == 2 and tld.isalpha() and tld not in _NOT_COUNTRY:
        return tld.upper()
    return None


def inspect_domain(domain: str) -> DomainInfo:
    """Split a domain into its country hint and the place names it may spell."""
    if not domain:
        return DomainInfo("", False, None, ())
    if any(p in WEBMAIL for p in parents(domain)):
        return DomainInfo(domain, True, None, ())
    labels = domain.split(".")
    country = _tld_country(labels[-1])
    body = [label for label in labels[:-1] if label not in _NEUTRAL_LABELS]
    words: list[str] = []
    for label in body:
        parts = [p for p in label.replace("_", "-").split("-") if p]
        remaining = [p for p in parts if p not in _MUNICIPAL_LABELS]
        # Only a label made of a place and municipal words counts; "bordeaux-metropole"
        # or "uni-due" carry something else and are left to the text.
        if remaining and len(remaining) <= 3:
            words.append(" ".join(remaining))
            if len(remaining) > 1:
                words.append("".join(remaining))
    # Domains such as "comune.torino.it" put the designator in its own label.
    words.sort(key=len, reverse=True)
    return DomainInfo(domain, False, country, tuple(words))
