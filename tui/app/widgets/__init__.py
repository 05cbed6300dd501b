"""The dashboard's panes and the widgets inside them."""
