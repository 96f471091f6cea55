"""工作总结 and other free-form reports: a title and one narrative body whose headings the generator
numbers 一、 （一） 1. （1）. Nothing is fixed but the 公文 layout, so the form declares no parts."""

from __future__ import annotations

KIND = "work-summary"
NAME = "工作总结"


def form_for(report: dict) -> None:
    """A free-form report has no form edition: the template reads the report alone."""
