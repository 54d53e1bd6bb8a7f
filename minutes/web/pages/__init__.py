"""One module per area of the app; each exports ROUTES."""
