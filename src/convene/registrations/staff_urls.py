"""Staff pages for registrations (mounted under /staff/). The two registrant lists,
``series-registrations`` and ``session-registrations``, are mounted in this namespace from
``convene.attendance.urls``: their XLSX export adds an attendance tab."""

from django.urls import path

from convene.registrations import import_views, staff_views

urlpatterns = [
    path("series/", staff_views.series_index, name="series-index"),
    path(
        "sessions/<slug:slug>/registrations/add/",
        staff_views.registrant_add,
        name="registrant-add",
    ),
    path(
        "sessions/<slug:slug>/registrations/email/",
        staff_views.session_email,
        name="session-email",
    ),
    path(
        "series/<slug:slug>/import/",
        import_views.registration_import_index,
        name="registration-imports",
    ),
    path(
        "registration-imports/<int:pk>/",
        import_views.registration_import_preview,
        name="registration-import",
    ),
    path(
        "registrations/<int:pk>/promote/",
        staff_views.registration_promote,
        name="registration-promote",
    ),
]
