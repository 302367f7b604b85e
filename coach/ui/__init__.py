"""The Textual layer: renders core state and turns keys into commands. No domain logic here."""
