"""File → Export review: lessons learned and the post-crisis review PDF."""
