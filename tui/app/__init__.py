"""The Textual application: the dashboard, its panes, forms and command palette."""
