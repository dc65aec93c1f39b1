from django.urls import path

from convene.sections import staff_views as views

app_name = "sections_staff"

urlpatterns = [
    path("", views.section_list, name="list"),
    path("new/", views.section_new, name="new"),
    path("<int:pk>/edit/", views.section_edit, name="edit"),
]
