"""Staff pages for attendance imports (mounted under /staff/attendance/)."""

from django.urls import URLPattern

app_name = "attendance"

urlpatterns: list[URLPattern] = []
