"""The dashboard screen and the dialogs it opens."""
