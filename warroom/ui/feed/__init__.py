"""The Feed view: live table of posts, filters, detail pane, triage, volume chart."""
