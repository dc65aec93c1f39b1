"""Staff pages of privacy (mounted under /staff/privacy/)."""

from django.urls import path

from convene.privacy import backup_views, staff_views

app_name = "privacy_staff"

urlpatterns = [
    path("", staff_views.index, name="index"),
    path("backups/", backup_views.backups, name="backups"),
    path("people/<int:pk>/", staff_views.person, name="person"),
    path("people/<int:pk>/erase/", staff_views.person_erase, name="person-erase"),
    path("people/<int:pk>/export/", staff_views.person_export, name="person-export"),
]
