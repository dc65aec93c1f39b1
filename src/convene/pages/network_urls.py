from django.urls import path

from convene.pages import network as views

app_name = "network"

urlpatterns = [
    path("", views.network_home, name="home"),
    path("<slug:slug>/", views.section_detail, name="section"),
]
