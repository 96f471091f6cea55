"""The official forms, declared once as data."""
