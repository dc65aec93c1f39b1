"""Staff pages that span apps, under /staff/: the dashboard and programme planning."""

from django.urls import path

from convene.pages import planning, topics

app_name = "planning"

urlpatterns = [
    path("", planning.index, name="index"),
    path("topics/", topics.topic_list, name="topics"),
    path("topics/new/", topics.topic_new, name="topic-new"),
    path("topics/<slug:slug>/edit/", topics.topic_edit, name="topic-edit"),
    path("topics/<slug:slug>/<str:action>/", topics.topic_action, name="topic-action"),
    path("series/new/", planning.series_new, name="series-new"),
    path("series/<slug:slug>/", planning.series_detail, name="series"),
    path("series/<slug:slug>/edit/", planning.series_edit, name="series-edit"),
    path(
        "series/<slug:slug>/<str:action>/",
        planning.series_action,
        name="series-action",
    ),
    path("series/<slug:slug>/sessions/new/", planning.session_new, name="session-new"),
    path("sessions/<slug:slug>/edit/", planning.session_edit, name="session-edit"),
    path(
        "sessions/<slug:slug>/<str:action>/",
        planning.session_action,
        name="session-action",
    ),
]
