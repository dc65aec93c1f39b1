"""Multilingual word lists: administrative designators, department words and kind cues.

All phrases are written in folded form (see :func:`normalise.fold`), so "Câmara Municipal"
is ``camara municipal`` and "Urząd Miasta" is ``urzad miasta``. Lists are per language and
per pattern, never per organisation: the evaluation set is checked on data that is not in
the repository.

A cue has a *role*:

- ``designator``: names a municipality ("Ville de", "Gemeente", "kaupunki"). Carries the
  countries whose language uses it, a soft hint for ambiguous place names ("Gemeente Essen"
  is Belgian, "Stadt Essen" German).
- ``weak``: a designator that also occurs inside other names ("City University").
- ``dept``: a municipal department that implies its local authority ("Police municipale").
- ``metro``: an inter-municipal body ("Bordeaux Métropole"), never the city itself.
- ``kind``: points to a kind other than local authority. ``legal`` is a legal-form suffix
  that only counts at the end of a name ("Securitas AB", "Verein e.V.").
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CUES", "KINDS", "MAX_CUE_WORDS", "Cue"]

KINDS: tuple[str, ...] = (
    "local_authority",
    "regional_authority",
    "public_body",
    "research",
    "ngo",
    "private",
    "other",
)


@dataclass(frozen=True, slots=True)
class Cue:
    role: str
    kind: str
    canon: str
    countries: frozenset[str] = frozenset()


def _countries(codes: str) -> frozenset[str]:
    return frozenset(codes.split()) if codes else frozenset()


# (phrases, countries). Each phrase is a municipality designator in some language.
_DESIGNATORS: tuple[tuple[str, str], ...] = (
    (
        "municipality of|municipality|borough council|city council|town council|"
        "metropolitan borough council|district council|london borough of|city hall|town hall|"
        "municipal council|local council|city administration|county borough council|"
        "city and county council|cc|mbc|bc",
        "GB IE MT",
    ),
    (
        "ville de|ville d|ville|mairie de|mairie d|mairie|hotel de ville|commune de|commune d|"
        "commune|municipalite|administration communale|conseil municipal|ville et cpas",
        "FR BE CH LU MC",
    ),
    (
        "gemeente|gem|stad|stadsbestuur|gemeentebestuur|lokaal bestuur|stadhuis|"
        "college van burgemeester en wethouders|gemeentelijke",
        "NL BE",
    ),
    (
        "stadt|stadtverwaltung|landeshauptstadt|bundesstadt|hansestadt|freie und hansestadt|"
        "gemeinde|marktgemeinde|stadtgemeinde|magistrat der stadt|magistrat|rathaus|"
        "kreisfreie stadt|stadtrat|burgermeisteramt|gemeindeverwaltung|stadtamt|amt der stadt|"
        "lh|lhs|gem|stadtverwaltung der|magistratsabteilung",
        "DE AT CH LU LI",
    ),
    ("comune di|comune|citta di|municipio di|amministrazione comunale|comunale", "IT CH SM"),
    (
        "ayuntamiento de|ayuntamiento|ayto de|ayto|aytmo|concello de|concello|udala|consistorio|"
        "ciudad de|ciudad",
        "ES",
    ),
    ("cidade de|cidade", "PT"),
    ("ciutat de|ciutat", "ES AD"),
    ("ajuntament de|ajuntament d|ajuntament|ajunt|aj|comu d|comu de", "ES AD"),
    (
        "camara municipal de|camara municipal do|camara municipal da|camara municipal|"
        "municipio de|municipio do|municipio da|cm",
        "PT",
    ),
    (
        "urzad miasta stolecznego|urzad miasta|urzad miejski|urzad gminy|miasto stoleczne|"
        "urzad m st|m st|um|"
        "gmina miejska|gmina|miasto|prezydent miasta|miasta stolecznego|miasta",
        "PL",
    ),
    ("kommun|kommunen|stad|stadsledningsforvaltningen|stadsledningskontoret", "SE"),
    ("kommune|kommunen|kommunes|bykommune", "DK NO"),
    ("kaupunki|kaupungin|kunta|stad", "FI"),
    ("dimos|dimou|demos|municipality", "GR CY"),
    (
        "primaria municipiului|primaria orasului|primaria comunei|primaria|municipiul|"
        "consiliul local|orasul",
        "RO MD",
    ),
    (
        "magistrat hlavniho mesta|magistrat mesta|statutarni mesto|mestsky urad|hlavni mesto|"
        "mesto|obecni urad|obec|mestska cast|hl m|hl m sr|hlavne mesto|hlavneho mesta|"
        "hlavniho mesta|magistrat hl m|mestsky urad|mestny urad|magistrat hlavneho mesta",
        "CZ SK",
    ),
    (
        "onkormanyzat|onkormanyzata|onkormanyzati|megyei jogu varos|fovarosi onkormanyzat|"
        "fovaros|varos|polgarmesteri hivatal|kozseg|varosi|mjv|mjv polgarmesteri hivatal",
        "HU",
    ),
    ("mestna obcina|obcina|mo", "SI"),
    (
        "miska rada|miska derzhavna administratsiia|miskrada|misto|gorodskaya duma|"
        "gorodskaya administratsiya|merija|meriya",
        "UA RU MD",
    ),
    ("grad|gradska uprava|grada|opcina|opcine", "HR BA RS ME"),
    (
        "savivaldybe|miesto savivaldybe|pasvaldiba|linnavalitsus|obshtina|opstina|komuna|bashkia",
        "LT LV EE BG RS MK XK AL",
    ),
)

_WEAK = "city|town|council|borough|municipal|municipale|municipio|municipality"

_DEPARTMENTS = (
    "police municipale|police locale|police communale|polizia locale|polizia municipale|"
    "policia local|policia municipal|guardia urbana|ordnungsamt|stadtpolizei|"
    "kommunaler ordnungsdienst|straz miejska|straz gminna|mestska policie|mestna policija|"
    "comunale polizia|gemeentelijke handhaving|stadswacht|handhaving|stadtordnungsdienst|"
    "politia locala|gradsko redarstvo|komunalno redarstvo|service prevention|"
    "direction de la prevention|conseil local de securite|cls|clspd|cispd|"
    "municipal police|local police|city police|community safety|"
    "kriminalpraventiver rat|veiligheidshuis|jugendamt|sozialamt|gesundheitsamt|sportamt|"
    "standesamt|bauamt|umweltamt|schulamt|amt fur|referat fur|dezernat|"
    "socialforvaltningen|forvaltningen|forvaltning|toimiala|stadsdeel|bydel|"
    "arrondissement|municipal department|mestska policia|mestskej policie|mestska polica|"
    "dimotiki astynomia|dimotikis astynomias|munitsipaalpolitsei|munitsipaalpolitsei amet|"
    "pasvaldibas policija|mestno redarstvo|mestna policija|obshtinska politsiya|"
    "obshtinska politsia|opstinska policija|komunalna policija|kozterulet felugyelet|"
    "politia comunitara|polizia urbana|vigili urbani|straz miejska miasta|"
    "gradska policija|savivaldybes policija|municipal guard|guarda municipal|"
    "kommunale ordnungsdienst|ordnungsdienst|city wardens|policia municipal de"
)

_METRO = (
    "metropole|eurometropole|metropole europeenne|citta metropolitana|"
    "area metropolitana|area metropolitana de|metropolitan area|metropolregion|"
    "communaute urbaine|communaute d agglomeration|agglomeration|metropoolregio|"
    "combined authority|metropolia|zwiazek metropolitalny|metropolitan borough|metropole de|"
    "metropolitan city|metropolitan city of"
)

# kind -> {canonical label: phrases}
_KIND_CUES: dict[str, dict[str, str]] = {
    "research": {
        "UNIV": "universita degli studi|universita degli studi di|university|universite|"
        "universitat|universita|universidad|universidade|"
        "universiteit|uniwersytet|univerzita|univerza|sveuciliste|universitet|yliopisto|"
        "egyetem|universitatea|panepistimio|univ|uni|universitaet",
        "HSCHOOL": "hogeschool|hochschule|fachhochschule|polytechnic|politecnico|"
        "politechnika|ammattikorkeakoulu|hogskola|hojskole|school of|ecole|escola|scuola|"
        "escuela|college|akademie|academy|academie|accademia|akademia|sciences po",
        "INST": "institute|institut|instituto|istituto|instytut|cnrs|inserm|inra|csic|cnr|"
        "max planck|fraunhofer|tno|research|recherche|forschung|onderzoek|ricerca|"
        "investigacion|laboratoire|laboratory|observatoire|observatory|think tank",
    },
    "public_body": {
        "MIN": "ministry|ministere|ministerium|ministerio|ministero|ministerie|ministerstwo|"
        "ministerstvo|ministerio do|bundesministerium|department of justice|"
        "ministarstvo|ministerul|ministerie van|miniszterium|ministeriet|ministerio de",
        "POLICE": "police|polizei|politie|polizia|policia|policja|policji|polis|poliisi|policie|"
        "policija|politia|rendorseg|questura|politiezone|zone de police|polizeizone|"
        "landespolizei|kantonspolizei|polizeiinspektion|polizeirevier|politi|politiet|"
        "polisen|politidistrikt|polisregion|poliisilaitos|"
        "polizeiprasidium|polizeidirektion|astynomia|astynomias|politsei|politsiya|politsiia|"
        "policajny zbor|policejni|policijska|policijska uprava|politiei|rendor|"
        "rendor fokapitanysag|policijos|politsia|carabineros|"
        "police nationale|national police",
        "PREF": "prefecture|prefettura|prefeitura|regierungsprasidium|bezirksregierung|"
        "sous prefecture|prefet|delegacion del gobierno|subdelegacion del gobierno",
        "EU": "european commission|commission europeenne|europaische kommission|"
        "european parliament|parlement europeen|council of europe|conseil de l europe|"
        "european union|union europeenne|committee of the regions|comite europeen des regions|"
        "cepol|frontex|eurojust|unodc|un habitat|united nations|nations unies|osce|oecd|"
        "ocde|european agency|eu",
        "GOV": "government|gouvernement|bundesregierung|regierung|governo|gobierno|"
        "rijksoverheid|agency|agence|agentur|agencia|agenzia|agentschap|federal|"
        "bundesamt|landesamt|behorde|senatsverwaltung|office federal|court|tribunal|gericht|"
        "tribunale|parquet|prosecutor|"
        "staatsanwaltschaft|procura|procuradoria|fiscalia|prison|penitentiaire|justice|"
        "justiz|justitie|giustizia|ombudsman|defensor del pueblo|embassy|ambassade|"
        "botschaft|fire brigade|sapeurs pompiers|feuerwehr|brandweer|vigili del fuoco|"
        "bomberos|national|nationale|nazionale|nacional|nationaal|parliament|parlement|"
        "bundestag|senat|secretariat general|public prosecution|inspectorate|"
        "crown prosecution service|probation service|public health|nemzeti|orszagos|"
        "narodowy|narodowa|narodni|narodny|narodna|valsts|ethniki|ethniko|ethnikos|"
        "natsionalna|natsionalnyi|natsionalen|spf|fod|inspectoratul|inspectoratul general|"
        "agentura|agentia|virasto|direktoratet|direktorat|myndigheten|myndighet|verket|"
        "styrelsen|tilsynet|ypourgeio|ypourgeiou|kentro|urad vlady|kancelaria|"
        "statny|statni|allami|statens|rijks|federale overheidsdienst|service public federal",
        # National forces named the same in every language: the label is the name, so two
        # different forces never look alike to the fuzzy stage.
        "gendarmerie": "gendarmerie|gendarmerie nationale",
        "carabinieri": "carabinieri|arma dei carabinieri",
        "guardiacivil": "guardia civil",
        "mossos": "mossos d esquadra|mossos",
        "ertzaintza": "ertzaintza",
        "garda": "garda|garda siochana|an garda siochana",
        "europol": "europol",
        "interpol": "interpol",
        "homeoffice": "home office",
        "bundespolizei": "bundespolizei",
        "bka": "bundeskriminalamt",
        "lka": "landeskriminalamt",
    },
    "regional_authority": {
        "REGION": "region|regione|regio|regiao|regionen|rexion|regionalverband|"
        "conseil regional|regional council|region de|comunidad autonoma|comunidad de|"
        "comunitat|generalitat|junta de|xunta de|gobierno vasco|eusko jaurlaritza|"
        "gobierno de navarra|landesregierung|freistaat|bundesland|land|wojewodztwo|"
        "urzad marszalkowski|samorzad wojewodztwa|kraj|krajsky urad|zupanija|megye|"
        "megyei onkormanyzat|periferia|perifereia|judet|consiliul judetean|maakunta|"
        "fylkeskommune|fylke|landsting|lansstyrelsen|regionsforvaltning|kanton|canton|"
        "landschaftsverband|bezirk|voivodeship|oblast|lander|autonomous community|"
        "oblastna administratsiya|oblastna administratsia|oblastna|oblasna|"
        "oblasna derzhavna administratsiia|periferiaki|perifereiaki|vojvodina|"
        "samospravny kraj|vyssi uzemny celok|kraje|kraju|wojewodztwa|judetul|judetean",
        "REGADJ": "regional|regionale|provincial|provinciale|regionaal",
        "PROVINCE": "provincie|provincia|provinz|province|provincia di|diputacio|"
        "diputacion|diputacion provincial|departement|conseil departemental|"
        "conseil general|county council|county|landkreis|kreis|kreisverwaltung|landratsamt|"
        "powiat|starostwo powiatowe|okres|nomos|kommunalverband|cabildo|consell insular|"
        "deputacion",
    },
    "ngo": {
        # Weak: what a cause-driven body is about, when it names no legal form.
        "NGOADJ": "against|contre|gegen|contra|contro|tegen|rights|droits|rechte|diritti|"
        "derechos|aid|hilfe|help|helpline|initiative|initiatief|solidarity|solidarite|"
        "solidaritat|refugee|refugees|refugies|fluchtlinge|victims|victimes|opfer|vittime|"
        "volunteers|benevoles|ehrenamt|without borders|sans frontieres|ohne grenzen|women|"
        "femmes|frauen|donne|mujeres|vrouwen|youth|jeunes|jugend|giovani|jovenes|jongeren|"
        "children|enfants|kinder|bambini|ninos|kinderen|sos|frauenhaus|refuge|shelter",
        "ASSOC": "association|asociacion|associacao|associazione|associacio|asociatia|"
        "vereniging|verein|verband|stowarzyszenie|sdruzeni|spolek|udruga|drustvo|egyesulet|"
        "forening|foreningen|forbund|yhdistys|syllogos|club|federation|federacion|"
        "federazione|alliance|coalition|union|unione|network|netzwerk|reseau|rete|netwerk|"
        "forum|platform|plateforme|plataforma|collectif|movement|mouvement|movimento|"
        "ong|ngo|nonprofit|non profit|not for profit|charity|society|societe civile|"
        "victim support|aide aux victimes",
        "FOUND": "foundation|fondation|fondazione|fundacion|fundacio|fundacao|fundacja|"
        "stiftung|stichting|fundatia|nadace|zaklada|saatio|stiftelse|fond|trust",
        # Well-known bodies named the same in every language: the label is the name.
        "redcross": "red cross|croix rouge|rotes kreuz|cruz roja|croce rossa|rode kruis|"
        "creu roja|cruz vermelha|czerwony krzyz|rode kors|roda korset",
        "caritas": "caritas",
        "diakonie": "diakonie",
        "emmaus": "emmaus",
        "amnesty": "amnesty international|amnesty",
        "savechildren": "save the children",
        "weisserring": "weisser ring",
    },
    "private": {
        # Weak: only decide when nothing stronger is said.
        "PRIVADJ": "advisory|analytics|labs|ventures|studio|engineering|architects|"
        "architectes|architekten|ingenieurburo|bureau d etudes",
        "CO": "consulting|consultants|consultancy|conseil sarl|solutions|technologies|"
        "technology|software|systems|security services|services ltd|group|groupe|gruppo|"
        "grupo|holding|company|compagnie|compania|compagnia|companhia|empresa|corporation|"
        "corp|industries|partners|"
        "bank|banque|insurance|assurances|versicherung",
    },
}

# Legal forms only count as the last word(s) of a name; many are also ordinary words.
_LEGAL_FORMS: dict[str, str] = {
    "private": "gmbh|ag|sa|sas|sarl|srl|spa|sl|slu|bv|nv|ltd|limited|plc|llc|inc|ab|as|asa|"
    "oy|oyj|sp z oo|spzoo|kft|zrt|doo|sro|as a|kg|gmbh co kg|se|lda",
    "ngo": "ev|vzw|asbl|vog|onlus|aps|odv|ry|ggmbh|cic|gug|ets|zs|ong|ngo|aisbl|ivzw",
}
_LEGAL: dict[str, str] = {
    form: kind for kind, forms in _LEGAL_FORMS.items() for form in forms.split("|")
}


def _build() -> dict[str, Cue]:
    cues: dict[str, Cue] = {}
    for phrases, codes in _DESIGNATORS:
        countries = _countries(codes)
        for phrase in phrases.split("|"):
            old = cues.get(phrase)
            merged = countries | old.countries if old else countries
            cues[phrase] = Cue("designator", "local_authority", "LA", merged)
    for phrase in _WEAK.split("|"):
        cues.setdefault(phrase, Cue("weak", "local_authority", "LA"))
    for phrase in _DEPARTMENTS.split("|"):
        cues[phrase] = Cue("dept", "local_authority", "LA")
    for phrase in _METRO.split("|"):
        cues[phrase] = Cue("metro", "local_authority", "METRO")
    for kind, groups in _KIND_CUES.items():
        for canon, phrases in groups.items():
            for phrase in phrases.split("|"):
                cues.setdefault(phrase, Cue("kind", kind, canon))
    for phrase, kind in _LEGAL.items():
        cues.setdefault(phrase, Cue("legal", kind, "LEGAL"))
    return cues


#: folded phrase -> cue
CUES: dict[str, Cue] = _build()
MAX_CUE_WORDS: int = max(len(p.split()) for p in CUES)
