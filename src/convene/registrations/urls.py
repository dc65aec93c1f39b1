from django.urls import path

from convene.registrations import views

app_name = "registrations"

urlpatterns = [
    path("series/<slug:slug>/register/", views.register, name="register"),
    path("series/<slug:slug>/register/sent/", views.submitted, name="submitted"),
    path("r/<str:token>/confirm/", views.confirm, name="confirm"),
    path("me/", views.manage_request, name="manage-request"),
    path("me/<str:token>/", views.manage, name="manage"),
    path("me/<str:token>/calendar/", views.feed_reset, name="feed-reset"),
    path("me/<str:token>/cancel/<int:registration_id>/", views.cancel, name="cancel"),
    path("me/<str:token>/leave/<int:registration_id>/", views.leave, name="leave"),
    path("me/<str:token>/sessions/<slug:slug>.ics", views.personal_ics, name="personal-ics"),
    path("calendar/<str:token>.ics", views.personal_feed, name="personal-feed"),
    path("j/<str:token>", views.join, name="join"),
]
