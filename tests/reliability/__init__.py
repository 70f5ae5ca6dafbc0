"""Helpers for the reminder tests: test data, a recording SMTP server, Celery and Redis
processes for the reliability tests."""
