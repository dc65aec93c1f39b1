"""Staff pages of announcements (mounted under /staff/announcements/)."""

from django.urls import path

from convene.announcements import views

app_name = "announcements_staff"

urlpatterns = [
    path("series/<slug:slug>/new/", views.announcement_new, name="new"),
    path("<int:pk>/", views.announcement_detail, name="detail"),
    path("<int:pk>/edit/", views.announcement_edit, name="edit"),
    path("<int:pk>/send/", views.announcement_send, name="send"),
    path("<int:pk>/bounces/", views.bounce_add, name="bounce"),
]
