"""Renderers: console tables (rich), Markdown and Word reports. Formatting only; no scoring happens here."""
