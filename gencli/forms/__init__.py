"""The official forms, declared once as data; `FORMS` maps each report kind to its module."""

from . import gov_info_annual, plan, rule_of_law_annual, work_summary

FORMS = {
    module.KIND: module for module in (gov_info_annual, rule_of_law_annual, work_summary, plan)
}
