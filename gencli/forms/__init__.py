"""The official forms, declared once as data; `FORMS` maps each report kind to its module."""

from . import gov_info_annual

FORMS = {gov_info_annual.KIND: gov_info_annual}
