"""The official forms, declared once as data; `FORMS` maps each report kind to its module."""

from gencli.kinds.gov_info_annual import form as gov_info_annual
from gencli.kinds.plan import form as plan
from gencli.kinds.rule_of_law_annual import form as rule_of_law_annual
from gencli.kinds.work_summary import form as work_summary

FORMS = {
    module.KIND: module for module in (gov_info_annual, rule_of_law_annual, work_summary, plan)
}
