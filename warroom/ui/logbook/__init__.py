"""The Logbook view (main courante) and its dialogs."""
