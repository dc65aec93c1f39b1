"""Word lists that are not kind cues: none-values, sub-unit words, language hints.

All entries are folded (see :func:`normalise.fold`). Multi-word entries in NONE_VALUES are
written with underscores only to keep the list compact.
"""

from __future__ import annotations

__all__ = [
    "CITIZEN_PREFIXES",
    "DISTRICT_WORDS",
    "GONE_PREFIXES",
    "LANGUAGE_COUNTRY",
    "NONE_PREFIXES",
    "NONE_VALUES",
    "UNIT_WORDS",
]

#: Distinctive words whose language points to one country; the last resort for the country
#: of a new organisation when neither the form, the text's places nor the email say.
LANGUAGE_COUNTRY: dict[str, str] = {
    word: code
    for code, words in {
        "FR": "ministere prefecture gendarmerie sarl sas universite fondation departement "
        "conseil mairie ville region police nationale recherche pour aux les du societe",
        "ES": "ministerio universidad fundacion asociacion generalitat junta diputacion "
        "diputacio ayuntamiento ajuntament policia guardia civil comunidad para los las "
        "nacional seguridad",
        "IT": "ministero universita fondazione associazione prefettura questura carabinieri "
        "srl spa onlus regione provincia comune polizia istituto della degli delle dello "
        "nazionale superiore sicurezza",
        "DE": "ministerium universitat stiftung verein gmbh ev polizei landkreis stadt "
        "hochschule bundesministerium fur und der sicherheit",
        "NL": "ministerie universiteit stichting vereniging politie provincie gemeente "
        "hogeschool bv voor het veiligheid",
        "PL": "ministerstwo uniwersytet fundacja stowarzyszenie policja wojewodztwo miasta "
        "miejski dla oraz",
        "PT": "universidade fundacao associacao camara lda seguranca",
        "CZ": "ministerstvo univerzita policie mesto",
        "HU": "egyetem kft rendorseg megye",
        "RO": "universitatea ministerul primaria politia judet asociatia",
        "HR": "sveuciliste ministarstvo zupanija udruga grad",
        "SI": "univerza obcina policija",
        "FI": "yliopisto poliisi kaupunki ry oy saatio",
        "SE": "universitet kommun polisen stiftelse lansstyrelsen ab",
        "GR": "panepistimio dimos",
    }.items()
    for word in words.split()
}

#: Words naming a sub-unit ("Efus secretariat", "Division of ..."): they say where in an
#: organisation someone works, not which organisation, so keys leave them out.
UNIT_WORDS: frozenset[str] = frozenset(
    "secretariat secretariado secretaria sekretariat department dept division unit unite team "
    "equipe abteilung referat dienst afdeling directie direction direccion direzione "
    "service services servicio servei servizio settore ufficio office bureau".split()
)

#: Leading words that describe a person without an organisation ("retired police officer").
NONE_PREFIXES: frozenset[str] = frozenset(
    "student etudiant etudiante studente estudiante studentin phd independent independant "
    "freelance freelancer self selfemployed".split()
)

#: Leading words that say the person has left any organisation: "Retired (formerly City of
#: Essen)" counts for nobody, whatever follows.
GONE_PREFIXES: frozenset[str] = frozenset(
    "retired former formerly ex retraite retraitee ancien ancienne ehemalig ehemaliger "
    "ehemalige jubilado jubilada pensionato pensionata gepensioneerd pensionne pensionnee "
    "rentner rentnerin emeritus".split()
)

#: First words that describe a person by where they live ("Bürger der Stadt Köln",
#: "Citoyen de Liège", "Resident of Manchester"): a person, not the city they name.
CITIZEN_PREFIXES: frozenset[str] = frozenset(
    "citizen citizens citoyen citoyenne burger burgerin einwohner einwohnerin cittadino "
    "cittadina ciudadano ciudadana cidadao cidada inwoner bewoner resident residente "
    "habitant habitante mieszkaniec mieszkanka obcan obcanka lakos cetatean locuitor "
    "kateikos dimotis zhitel gradjanin gradanin asukas invanare innbygger borger".split()
)

#: Texts that mean "no organisation". Compared after folding, as a whole.
NONE_VALUES: frozenset[str] = frozenset(
    {""}
    | {
        w.replace("_", " ")
        for w in (
            "n_a na n_d nd none no nil null nothing x xx xxx 0 unknown not_applicable "
            "not_available independent independant independiente indipendente unabhangig "
            "onafhankelijk freelance freelancer self_employed selfemployed self myself "
            "private private_person private_individual privat privatperson particulier "
            "particuliere privato privado retired retraite retraitee pensionne pensionnee "
            "rentner rentnerin pensionar pensionista jubilado jubilada pensionato "
            "pensionata gepensioneerd emeritus student students etudiant etudiante studente "
            "studentessa estudiante studentin studierende phd_student doctoral_student "
            "citizen citoyen citoyenne burger cittadino ciudadano resident unemployed "
            "chomeur arbeitslos keine kein aucun aucune neant nessuno nessuna ninguno "
            "ninguna geen brak ingen ei nincs individual personal personnel test tbd tba "
            "none_yet other various n a sans sans_emploi ohne keine_angabe sin "
            "unaffiliated no_organisation no_organization pensioner retiree nvt ka so "
            "private_citizen privato_cittadino privata_cittadina particular particulares "
            "cidadao cidada cidadao_particular osoba_prywatna osoba_fizyczna soukroma_osoba "
            "fyzicka_osoba sukromna_osoba fyzicka_osoba maganszemely persoana_fizica "
            "chastno_litse fizichesko_litse idiotis yksityishenkilo eraisik privatna_osoba "
            "fizicka_osoba pryvatna_osoba chastnoe_litso privatperson_burger ciudadana "
            "ciudadana_particular ciudadano_particular cittadina citoyenne burgerin "
            "emeryt emerytka emerytowany emerytowana duchodce duchodkyne nyugdijas "
            "pensionar pensionat elakelainen pensionist pensionaer ninguna nenhum nenhuma "
            "zadna zadne nijedna brak_organizacji keine_organisation particulier_citoyen "
            "citoyen_particulier simple_citoyen privatperson_privat self_employed_consultant "
            "idiotis_politis polites politis gradjanin gradanin obcan obcanka allampolgar "
            "cetatean cetateanka kansalainen medborgare borger"
        ).split()
    }
)

#: Words for a city district that is a local authority of its own (Budapest's kerületek,
#: Bucharest's sectors, Prague's městské části): never the city itself.
DISTRICT_WORDS: frozenset[str] = frozenset(
    "kerulet keruleti keruleti sector sectorul sectorului cast casti obvod obvodu".split()
)
