"""The other institutions of the demo network: public bodies, research, NGOs and companies.

National and European ones are written out; universities and courts are made from the cities
of :mod:`convene.demo.cities` with each country's own wording. No Django.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Institution:
    name: str
    kind: str
    country: str
    domain: str
    #: Acronyms and other names the member list carries.
    aliases: tuple[str, ...] = ()
    #: How people write it in English, when that differs.
    english: str = ""


def _i(name: str, kind: str, country: str, domain: str, *aliases: str, en: str = "") -> Institution:
    return Institution(name, kind, country, domain, tuple(aliases), en)


NATIONAL: tuple[Institution, ...] = (
    _i("European Commission", "public_body", "BE", "ec.europa.eu", "EC", en=""),
    _i("Europol", "public_body", "NL", "europol.europa.eu"),
    _i("European Union Agency for Fundamental Rights", "public_body", "AT", "fra.europa.eu", "FRA"),
    _i("European Crime Prevention Network", "public_body", "BE", "eucpn.org", "EUCPN"),
    _i(
        "CEPOL",
        "public_body",
        "HU",
        "cepol.europa.eu",
        "European Union Agency for Law Enforcement Training",
    ),
    _i("Council of Europe", "public_body", "FR", "coe.int", "Conseil de l'Europe"),
    _i(
        "Ministère de l'Intérieur",
        "public_body",
        "FR",
        "interieur.gouv.fr",
        en="French Ministry of the Interior",
    ),
    _i(
        "Secrétariat général du Comité interministériel de prévention de la délinquance et de la "
        "radicalisation",
        "public_body",
        "FR",
        "cipdr.gouv.fr",
        "CIPDR",
        "SG-CIPDR",
    ),
    _i(
        "Agence nationale de la cohésion des territoires",
        "public_body",
        "FR",
        "agence-cohesion-territoires.gouv.fr",
        "ANCT",
    ),
    _i("Gendarmerie nationale", "public_body", "FR", "gendarmerie.interieur.gouv.fr"),
    _i(
        "SPF Intérieur",
        "public_body",
        "BE",
        "ibz.be",
        "FOD Binnenlandse Zaken",
        en="Belgian Federal Public Service Interior",
    ),
    _i("Police fédérale", "public_body", "BE", "police.be", "Federale Politie"),
    _i(
        "Bundeskriminalamt",
        "public_body",
        "DE",
        "bka.de",
        "BKA",
        en="Federal Criminal Police Office",
    ),
    _i(
        "Deutsches Forum für Kriminalprävention",
        "public_body",
        "DE",
        "kriminalpraevention.de",
        "DFK",
    ),
    _i("Landeskriminalamt Niedersachsen", "public_body", "DE", "lka.polizei-nds.de", "LKA NI"),
    _i(
        "Ministero dell'Interno",
        "public_body",
        "IT",
        "interno.gov.it",
        en="Italian Ministry of the Interior",
    ),
    _i(
        "Ministerio del Interior",
        "public_body",
        "ES",
        "interior.gob.es",
        en="Spanish Ministry of the Interior",
    ),
    _i("Mossos d'Esquadra", "public_body", "ES", "mossos.cat"),
    _i("Ministério da Administração Interna", "public_body", "PT", "mai.gov.pt", "MAI"),
    _i(
        "Nationaal Coördinator Terrorismebestrijding en Veiligheid",
        "public_body",
        "NL",
        "nctv.nl",
        "NCTV",
    ),
    _i(
        "Centrum voor Criminaliteitspreventie en Veiligheid",
        "public_body",
        "NL",
        "hetccv.nl",
        "CCV",
    ),
    _i(
        "Brottsförebyggande rådet",
        "public_body",
        "SE",
        "bra.se",
        "Brå",
        en="Swedish National Council for Crime Prevention",
    ),
    _i("Det Kriminalpræventive Råd", "public_body", "DK", "dkr.dk", "DKR"),
    _i("Bundesministerium für Inneres", "public_body", "AT", "bmi.gv.at", "BMI"),
    _i("Komenda Główna Policji", "public_body", "PL", "policja.pl"),
    _i("An Garda Síochána", "public_body", "IE", "garda.ie"),
    _i(
        "Institut national des hautes études de la sécurité et de la justice",
        "research",
        "FR",
        "inhesj.fr",
        "INHESJ",
    ),
    _i(
        "Max-Planck-Institut zur Erforschung von Kriminalität, Sicherheit und Recht",
        "research",
        "DE",
        "csl.mpg.de",
        "MPI-CSL",
    ),
    _i(
        "Institut National de Criminalistique et de Criminologie",
        "research",
        "BE",
        "incc.fgov.be",
        "NICC",
        "INCC",
    ),
    _i("Transcrime", "research", "IT", "transcrime.it"),
    _i(
        "Netherlands Institute for the Study of Crime and Law Enforcement",
        "research",
        "NL",
        "nscr.nl",
        "NSCR",
    ),
    _i(
        "Fundación Pública Andaluza Centro de Estudios Andaluces",
        "research",
        "ES",
        "centrodeestudiosandaluces.es",
    ),
    _i("Croix-Rouge française", "ngo", "FR", "croix-rouge.fr", en="French Red Cross"),
    _i("Médecins du Monde", "ngo", "FR", "medecinsdumonde.org", "MdM"),
    _i("Fédération Nationale Solidarité Femmes", "ngo", "FR", "solidaritefemmes.org", "FNSF"),
    _i("France terre d'asile", "ngo", "FR", "france-terre-asile.org", "FTDA"),
    _i("Fondation Abbé Pierre", "ngo", "FR", "fondation-abbe-pierre.fr"),
    _i("Samusocial de Paris", "ngo", "FR", "samusocial.paris"),
    _i("SOS Racisme", "ngo", "FR", "sos-racisme.org"),
    _i("Rode Kruis Vlaanderen", "ngo", "BE", "rodekruis.be"),
    _i("Samusocial Brussels", "ngo", "BE", "samusocial.be"),
    _i("Child Focus", "ngo", "BE", "childfocus.be"),
    _i("Deutsches Rotes Kreuz", "ngo", "DE", "drk.de", "DRK", en="German Red Cross"),
    _i("Weisser Ring", "ngo", "DE", "weisser-ring.de"),
    _i("Violence Prevention Network", "ngo", "DE", "violence-prevention-network.de", "VPN"),
    _i("Caritas Italiana", "ngo", "IT", "caritas.it"),
    _i("Save the Children Italia", "ngo", "IT", "savethechildren.it"),
    _i("Libera. Associazioni, nomi e numeri contro le mafie", "ngo", "IT", "libera.it", "Libera"),
    _i("Cruz Roja Española", "ngo", "ES", "cruzroja.es", en="Spanish Red Cross"),
    _i("Fundación Secretariado Gitano", "ngo", "ES", "gitanos.org", "FSG"),
    _i("Associação Portuguesa de Apoio à Vítima", "ngo", "PT", "apav.pt", "APAV"),
    _i("Leger des Heils", "ngo", "NL", "legerdesheils.nl"),
    _i("Terre des hommes", "ngo", "CH", "tdh.org", "Tdh"),
    _i("European Network of Policewomen", "ngo", "NL", "enp.nl", "ENP"),
    _i("Women Against Violence Europe", "ngo", "AT", "wave-network.org", "WAVE"),
    _i("Missing Children Europe", "ngo", "BE", "missingchildreneurope.eu"),
    _i("European Anti-Poverty Network", "ngo", "BE", "eapn.eu", "EAPN"),
    _i(
        "FEANTSA",
        "ngo",
        "BE",
        "feantsa.org",
        "European Federation of National Organisations Working with the Homeless",
    ),
    _i("Securitas", "private", "SE", "securitas.com", "Securitas AB"),
    _i("G4S", "private", "GB", "g4s.com", "G4S Secure Solutions"),
    _i("Prosegur", "private", "ES", "prosegur.com", "Prosegur Compañía de Seguridad"),
    _i("Thales", "private", "FR", "thalesgroup.com", "Thales Group"),
    _i("Keolis", "private", "FR", "keolis.com"),
    _i("Transdev", "private", "FR", "transdev.com"),
    _i("Veolia", "private", "FR", "veolia.com"),
    _i("Deloitte", "private", "BE", "deloitte.com"),
    _i("KPMG", "private", "NL", "kpmg.com"),
    _i("Accenture", "private", "IE", "accenture.com"),
    _i("Capgemini", "private", "FR", "capgemini.com"),
    _i("Siemens Mobility", "private", "DE", "siemens.com"),
    _i("Axis Communications", "private", "SE", "axis.com"),
    _i("Genetec", "private", "CA", "genetec.com"),
    _i("Idemia", "private", "FR", "idemia.com"),
    _i("Indra Sistemas", "private", "ES", "indracompany.com", "Indra"),
    _i("Leonardo", "private", "IT", "leonardo.com", "Leonardo S.p.A."),
    _i("Engie", "private", "FR", "engie.com"),
    _i("Orange Business Services", "private", "FR", "orange-business.com"),
    _i("Telefónica", "private", "ES", "telefonica.com"),
)

#: Per country: how a university, a court and a public prosecutor's office are named.
UNIVERSITY = {
    "FR": "Université de {city}",
    "BE": "Université de {city}",
    "DE": "Universität {city}",
    "AT": "Universität {city}",
    "IT": "Università degli Studi di {city}",
    "ES": "Universidad de {city}",
    "PT": "Universidade de {city}",
    "NL": "Universiteit {city}",
    "SE": "{city} universitet",
    "IE": "University of {city}",
    "DK": "{city} Universitet",
}
COURT = {
    "FR": "Tribunal judiciaire de {city}",
    "BE": "Parquet de {city}",
    "DE": "Landgericht {city}",
    "IT": "Procura della Repubblica di {city}",
    "ES": "Fiscalía Provincial de {city}",
    "PT": "Tribunal Judicial da Comarca de {city}",
    "NL": "Openbaar Ministerie {city}",
}
POLICE = {
    "FR": "Direction départementale de la sécurité publique de {city}",
    "DE": "Polizeipräsidium {city}",
    "NL": "Politie eenheid {city}",
    "ES": "Comisaría Provincial de Policía Nacional de {city}",
    "IT": "Questura di {city}",
    "PT": "Comando Distrital da PSP de {city}",
}
