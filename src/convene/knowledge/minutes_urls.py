"""Public addresses of minutes and documents, under /network/."""

from django.urls import path

from convene.knowledge import minutes_views as views

app_name = "minutes"

urlpatterns = [
    path("minutes/", views.minutes_list, name="list"),
    path("sessions/<slug:slug>/minutes/", views.minutes_detail, name="minutes"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("membership/", views.membership, name="membership"),
]
