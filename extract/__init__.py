"""Extraction of owners, deadlines and deliverables from structured minutes."""
