"""Reminder views: preferences, signed links (feed, unsubscribe, snooze) and notifications."""
