"""Staff pages of one organisation and one person (mounted under /staff/directory/)."""

from django.urls import path

from convene.pages import directory as views

app_name = "directory_pages"

urlpatterns = [
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/merge/", views.person_merge_view, name="person-merge"),
]
