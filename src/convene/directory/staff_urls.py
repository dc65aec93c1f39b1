from django.urls import path

from convene.directory import staff_views

app_name = "directory_staff"

urlpatterns = [
    path("review/", staff_views.review_queue, name="review-queue"),
    path("review/<int:pk>/", staff_views.review_item, name="review-item"),
]
