"""Build export files the way each tool (and Excel) writes them, for tests to parse."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class TeamsLanguage:
    """The words one Teams language uses, plus how it writes dates and durations."""

    code: str
    summary: str
    participants: str
    activities: str
    summary_rows: tuple[str, ...]
    person_header: tuple[str, ...]
    activity_header: tuple[str, ...]
    organiser: str
    attendee: str
    presenter: str
    when: str  # strftime-like template with {d} {m} {y} {H} {M} {S}
    duration: str  # template with {h} {m} {s}


TEAMS_LANGUAGES = {
    "fr": TeamsLanguage(
        "fr", "1. Résumé", "2. Participants", "3. Activités de la réunion",
        ("Titre de la réunion", "Participants", "Heure de début", "Heure de fin"),
        ("Nom", "Première participation", "Dernier départ", "Durée de la réunion",
         "E-mail", "ID du participant (UPN)", "Rôle"),
        ("Nom", "Heure d’arrivée", "Heure de départ", "Durée", "E-mail", "Rôle"),
        "Organisateur", "Participant", "Présentateur",
        "{d:02d}/{m:02d}/{y} {H:02d}:{M:02d}:{S:02d}", "{h} h {m} min {s} s",
    ),
    "de": TeamsLanguage(
        "de", "1. Zusammenfassung", "2. Teilnehmer", "3. Aktivitäten in der Besprechung",
        ("Besprechungstitel", "Teilnehmer", "Startzeit", "Endzeit"),
        ("Name", "Erster Beitritt", "Letztes Verlassen", "Dauer in der Besprechung",
         "E-Mail", "Teilnehmer-ID (UPN)", "Rolle"),
        ("Name", "Beitrittszeit", "Zeitpunkt des Verlassens", "Dauer", "E-Mail", "Rolle"),
        "Organisator", "Teilnehmer", "Referent",
        "{d:02d}.{m:02d}.{y2:02d}, {H:02d}:{M:02d}:{S:02d}", "{h} Std. {m} Min. {s} Sek.",
    ),
    "it": TeamsLanguage(
        "it", "1. Riepilogo", "2. Partecipanti", "3. Attività durante la riunione",
        ("Titolo della riunione", "Partecipanti", "Ora di inizio", "Ora di fine"),
        ("Nome", "Primo ingresso", "Ultima uscita", "Durata nella riunione",
         "Indirizzo di posta elettronica", "ID partecipante (UPN)", "Ruolo"),
        ("Nome", "Ora di ingresso", "Ora di uscita", "Durata", "Posta elettronica", "Ruolo"),
        "Organizzatore", "Partecipante", "Relatore",
        "{d:02d}/{m:02d}/{y2:02d}, {H:02d}:{M:02d}:{S:02d}", "{h} h {m} min {s} s",
    ),
    "es": TeamsLanguage(
        "es", "1. Resumen", "2. Participantes", "3. Actividades en la reunión",
        ("Título de la reunión", "Participantes", "Hora de inicio", "Hora de finalización"),
        ("Nombre", "Primera unión", "Última salida", "Duración en la reunión",
         "Correo electrónico", "Id. de participante (UPN)", "Rol"),
        ("Nombre", "Hora de unión", "Hora de salida", "Duración", "Correo electrónico", "Rol"),
        "Organizador", "Asistente", "Moderador",
        "{d}/{m}/{y}, {H}:{M:02d}:{S:02d}", "{h} h {m} min {s} s",
    ),
    "nl": TeamsLanguage(
        "nl", "1. Samenvatting", "2. Deelnemers", "3. Activiteiten tijdens de vergadering",
        ("Titel van vergadering", "Deelnemers", "Begintijd", "Eindtijd"),
        ("Naam", "Eerste keer deelgenomen", "Laatst vertrokken", "Duur van vergadering",
         "E-mail", "Deelnemers-id (UPN)", "Rol"),
        ("Naam", "Tijdstip deelname", "Tijdstip vertrek", "Duur", "E-mail", "Rol"),
        "Organisator", "Deelnemer", "Presentator",
        "{d}-{m}-{y} {H}:{M:02d}:{S:02d}", "{h} u {m} m {s} s",
    ),
}  # fmt: skip

# (name, email, role-key, [(start h,m,s), (end h,m,s)] per connection)
TEAMS_PEOPLE = [
    ("Secrétariat du Forum", "webconf@forum.example", "organiser",
     [((13, 58, 3), (15, 4, 40))]),
    ("DUPONT Marie (EXT)", "marie.dupont@bordeaux.example", "attendee",
     [((14, 0, 12), (14, 30, 0)), ((14, 37, 39), (15, 0, 1))]),
    ("Müller, Jürgen", "j.mueller@essen.example", "presenter",
     [((14, 1, 0), (14, 40, 0)), ((14, 35, 0), (14, 59, 30))]),
]  # fmt: skip


def _when(lang: TeamsLanguage, day: int, clock: tuple[int, int, int]) -> str:
    hour, minute, second = clock
    return lang.when.format(d=day, m=5, y=2020, y2=20, H=hour, M=minute, S=second)


def _duration(lang: TeamsLanguage, seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return lang.duration.format(h=hours, m=minutes, s=secs)


def _seconds(clock: tuple[int, int, int]) -> int:
    return clock[0] * 3600 + clock[1] * 60 + clock[2]


def teams_report(lang: TeamsLanguage, *, day: int = 19, newline: str = "\n") -> str:
    """A current-layout Teams report in ``lang``: summary, participants, activities."""
    roles = {"organiser": lang.organiser, "attendee": lang.attendee, "presenter": lang.presenter}
    lines = [lang.summary]
    values = ("Webconf 8", "3", _when(lang, day, (13, 58, 3)), _when(lang, day, (15, 4, 40)))
    lines += [f"{key}\t{value}" for key, value in zip(lang.summary_rows, values, strict=True)]
    lines += ["", lang.participants, "\t".join(lang.person_header)]
    for name, email, role, spans in TEAMS_PEOPLE:
        first, last = spans[0][0], spans[-1][1]
        total = sum(_seconds(end) - _seconds(start) for start, end in spans)
        upn = email.replace("@", "_") + "#EXT#@forum.example" if "(EXT)" in name else email
        lines.append(
            "\t".join(
                (name, _when(lang, day, first), _when(lang, day, last),
                 _duration(lang, total), email, upn, roles[role])
            )
        )  # fmt: skip
    lines += ["", lang.activities, "\t".join(lang.activity_header)]
    for name, email, role, spans in TEAMS_PEOPLE:
        for start, end in spans:
            lines.append(
                "\t".join(
                    (name, _when(lang, day, start), _when(lang, day, end),
                     _duration(lang, _seconds(end) - _seconds(start)), email, roles[role])
                )
            )  # fmt: skip
    return newline.join(lines) + newline


ZOOM_HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"


def zoom_report(rows: list[tuple[str, str, str, str]], *, newline: str = "\r\n") -> str:
    """A Zoom participants report from (name, email, join, leave) text rows."""
    lines = [ZOOM_HEADER]
    for name, email, join, leave in rows:
        quoted = f'"{name}"' if "," in name else name
        lines.append(f"{quoted},{email},{join},{leave},{zoom_minutes(join, leave)},Yes")
    return newline.join(lines) + newline


def zoom_minutes(join: str, leave: str) -> str:
    """Zoom's ``Duration (Minutes)`` of one connection: whole minutes, rounded up; blank
    when the test's times are deliberately unreadable."""
    for style in ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%d/%m/%Y %H:%M"):
        try:
            span = datetime.strptime(leave, style) - datetime.strptime(join, style)  # noqa: DTZ007
        except ValueError:
            continue
        return str(max(1, math.ceil(span.total_seconds() / 60)))
    return ""
