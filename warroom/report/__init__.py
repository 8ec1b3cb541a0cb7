"""Reports and exports: logbook PDF, review report, CSV/JSON/GEXF."""
