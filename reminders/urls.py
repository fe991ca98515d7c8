from django.urls import path

from reminders.views import links, notifications, preferences

urlpatterns = [
    # The person's own reminder policy and log.
    path("reminders/", preferences.preferences, name="reminders-preferences"),
    path(
        "reminders/assignments/<int:assignment_id>/",
        preferences.assignment_setting,
        name="reminders-assignment",
    ),
    path("reminders/log/", preferences.reminder_log, name="reminders-log"),
    path("clients/<int:client_id>/reminders/", preferences.client_status, name="reminders-client-status"),
    # Signed links that work without signing in.
    path("reminders/calendar/", links.feed_settings, name="reminders-feed-settings"),
    path("reminders/calendar/<str:token>.ics", links.calendar_feed, name="reminders-feed"),
    path("reminders/unsubscribe/<str:token>/", links.unsubscribe, name="reminders-unsubscribe"),
    path("reminders/snooze/<str:token>/", links.snooze, name="reminders-snooze"),
    # In-app notifications.
    path("notifications/", notifications.notification_list, name="reminders-notifications"),
    path("notifications/read/", notifications.mark_read, name="reminders-notifications-read"),
    path(
        "notifications/<int:notification_id>/open/",
        notifications.open_notification,
        name="reminders-notification-open",
    ),
]
