"""The Graph view: propagation graph, replay, hubs, bridges and communities."""
