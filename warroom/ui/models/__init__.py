"""Qt item models: thin adapters (paging, caching, roles) over store queries."""
