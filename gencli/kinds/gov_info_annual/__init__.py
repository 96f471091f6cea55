"""政府信息公开工作年度报告 (国办公开办函〔2019〕60号 and 〔2021〕30号 formats)."""

from gencli.kinds import Kind
from gencli.kinds.gov_info_annual import crossyear, form, normalize, rollover, schema, skeleton

KIND = Kind(
    name=form.KIND,
    title=form.NAME,
    form=form,
    schema=schema.schema,
    normalize=normalize.normalize,
    skeleton=skeleton.skeleton,
    roll_over=rollover.roll_over,
    cross_year=crossyear.check,
)
