"""The words the tracker shares between its parts: defined once here, free of Django, and imported
by the extractor, the deadline engine's callers and the Django layer alike."""
