"""The exercise director's panel: start a scenario, control time, add injects, score."""
