"""SQLite tracker: store, review, to-do lists, reminders and reports."""
