"""Forms, one module per page area; they validate input and give each wrong value a clear message."""
