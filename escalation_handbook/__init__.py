"""Escalation Handbook: escalation procedures written as YAML, checked and rendered as a site."""

__version__ = "0.1.0"
