"""Staff pages for registrations (mounted under /staff/)."""

from django.urls import URLPattern

app_name = "registrations_staff"

urlpatterns: list[URLPattern] = []
