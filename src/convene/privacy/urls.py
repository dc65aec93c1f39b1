"""The privacy notice and the person's own privacy page (mounted at the site's root)."""

from django.urls import path

from convene.privacy import views

app_name = "privacy"

urlpatterns = [
    path("me/<str:token>/privacy/", views.person_page, name="person"),
    path("me/<str:token>/privacy/consent/", views.person_consent, name="person-consent"),
    path("me/<str:token>/privacy/export/", views.person_export, name="person-export"),
    path("me/<str:token>/privacy/erase/", views.person_erase, name="person-erase"),
]
