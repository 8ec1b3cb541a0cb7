"""Analysis: propagation graph, communities, influence, volume series, sentiment."""
