from django.urls import path

from convene.pages import programme as views

# The public programme keeps its URL namespace, "programme".
app_name = "programme"

urlpatterns = [
    path("programme/", views.programme, name="programme"),
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("series/<slug:slug>/calendar.ics", views.series_calendar, name="series-calendar"),
    path("sessions/<slug:slug>/", views.session_detail, name="session"),
    path("sessions/<slug:slug>/calendar.ics", views.session_calendar, name="session-calendar"),
]
