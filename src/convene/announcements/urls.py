"""Public addresses of announcements (mounted under /news/)."""

from django.urls import path

from convene.announcements import public_views

app_name = "announcements"

urlpatterns = [
    path("unsubscribe/<str:token>/", public_views.unsubscribe, name="unsubscribe"),
    path("bounces/", public_views.bounce_hook, name="bounce-hook"),
]
