"""Celery tasks, one module per area; Celery's autodiscovery imports this package."""
