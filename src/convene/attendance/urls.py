"""Staff pages for attendance imports (mounted under /staff/attendance/)."""

from django.urls import path

from convene.attendance import organiser_views, views

app_name = "attendance"

urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("imports/<int:pk>/", views.import_detail, name="import-detail"),
    path("imports/<int:pk>/progress/", views.import_progress, name="import-progress"),
    path("imports/<int:pk>/file/", views.import_file, name="import-file"),
    path("imports/<int:pk>/commit/", views.import_commit, name="import-commit"),
    path("imports/<int:pk>/undo/", views.import_undo, name="import-undo"),
    path("sessions/<slug:slug>/", views.session_attendance, name="session"),
    path("unmatched/", views.unmatched, name="unmatched"),
    path("attendees/<int:pk>/", views.attendance_resolve, name="attendance-resolve"),
    path("attendees/<int:pk>/link/", views.attendance_link, name="attendance-link"),
    path(
        "attendees/<int:pk>/create-person/",
        views.attendance_create_person,
        name="attendance-create-person",
    ),
    path("mappings/", views.mappings, name="mappings"),
    path("organiser-domains/", organiser_views.organiser_domains, name="organiser-domains"),
    path(
        "organiser-domains/<int:pk>/remove/",
        organiser_views.organiser_domain_delete,
        name="organiser-domain-delete",
    ),
]

#: Registrations' staff registrant lists, answered here for their XLSX with the attendance tab;
#: ``convene.urls`` mounts them in the ``registrations_staff`` namespace under /staff/.
registrant_list_urlpatterns = [
    path(
        "series/<slug:slug>/registrations/",
        views.series_registrations,
        name="series-registrations",
    ),
    path(
        "sessions/<slug:slug>/registrations/",
        views.session_registrations,
        name="session-registrations",
    ),
]
