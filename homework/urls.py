from django.urls import path

from homework import views

urlpatterns = [
    path("today/", views.today, name="homework-today"),
]
