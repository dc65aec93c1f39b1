from django.urls import path

from convene.knowledge import practice_views as views

app_name = "network"

urlpatterns = [
    path("practices/", views.practice_list, name="practices"),
    path("practices/<slug:slug>/", views.practice_detail, name="practice"),
    path("cities/<int:pk>/", views.city_detail, name="city"),
    path("peers/", views.peers, name="peers"),
]
