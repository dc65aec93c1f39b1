from django.urls import path

from convene.knowledge import practice_views as views

app_name = "practices"

urlpatterns = [
    path("practices/", views.practice_list, name="list"),
    path("practices/<slug:slug>/", views.practice_detail, name="detail"),
    path("cities/<int:pk>/", views.city_detail, name="city"),
    path("peers/", views.peers, name="peers"),
]
