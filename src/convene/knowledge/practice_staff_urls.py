from django.urls import path

from convene.knowledge import practice_staff_views as views

app_name = "practices_staff"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("new/", views.practice_new, name="new"),
    path("<int:pk>/edit/", views.practice_edit, name="edit"),
    path("<int:pk>/delete/", views.practice_delete, name="delete"),
]
