"""Qt widgets and Qt models only: no SQL, no business rules (DESIGN §3)."""
