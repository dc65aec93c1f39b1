from django.urls import path

from convene.knowledge import proposal_views as views

app_name = "proposals"

urlpatterns = [
    path("", views.current, name="current"),
    path("propose/", views.propose, name="propose"),
    path("<int:pk>/", views.proposal_detail, name="proposal"),
    path("<int:pk>/support/", views.support, name="support"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
]
