from django.urls import path

from measures import answer_views, views

urlpatterns = [
    path("clients/<int:client_id>/questionnaires/", views.client_plans, name="measures-client"),
    path(
        "clients/<int:client_id>/questionnaires/<int:plan_id>/edit/",
        views.edit_plan,
        name="measures-plan-edit",
    ),
    path("clients/<int:client_id>/questionnaires/<int:plan_id>/stop/", views.stop_plan, name="measures-stop"),
    path(
        "clients/<int:client_id>/questionnaires/<int:plan_id>/ask-now/",
        views.ask_once_now,
        name="measures-ask-now",
    ),
    path("questionnaires/<int:window_id>/answer/", views.answer, name="measures-answer"),
    path("questionnaires/answers/<int:response_id>/", views.answered, name="measures-answered"),
    path("questionnaires/answers/<int:response_id>/correct/", views.correct, name="measures-correct"),
    # The therapist's page of one response, item by item.
    path(
        "clients/<int:client_id>/questionnaires/answers/<int:response_id>/",
        answer_views.response_answers,
        name="measures-response",
    ),
]
