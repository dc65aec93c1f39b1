"""Staff pages for registrations (mounted under /staff/)."""

from django.urls import path

from convene.registrations import staff_views

app_name = "registrations_staff"

urlpatterns = [
    path("series/", staff_views.series_index, name="series-index"),
    path(
        "series/<slug:slug>/registrations/",
        staff_views.series_registrations,
        name="series-registrations",
    ),
    path(
        "sessions/<slug:slug>/registrations/",
        staff_views.session_registrations,
        name="session-registrations",
    ),
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
        "registrations/<int:pk>/promote/",
        staff_views.registration_promote,
        name="registration-promote",
    ),
]
