"""HTTP API (FastAPI): routes only parse, call a service and render."""
