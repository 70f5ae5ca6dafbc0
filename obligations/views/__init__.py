"""Views, one module per page area; each stays thin and calls services and access helpers."""
