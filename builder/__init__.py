"""Dossier: a cross-linked, searchable website from fact sheets and article texts."""

__version__ = "0.1.0"
