from django.urls import path

from convene.directory import member_views as views

app_name = "members"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/<str:token>/", views.sign_in_link, name="sign-in-link"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("account/", views.account, name="account"),
    path("account/directory/", views.account_directory, name="account-directory"),
]
