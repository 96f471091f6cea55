"""政府信息公开工作年度报告 (国办公开办函〔2019〕60号 and 〔2021〕30号 formats)."""

from gencli.kinds import Kind, deferred
from gencli.kinds.gov_info_annual import form, normalize

KIND = Kind(
    name=form.KIND,
    title=form.NAME,
    form=form,
    schema=deferred(f"{__name__}.schema", "schema"),
    normalize=normalize.normalize,
    skeleton=deferred(f"{__name__}.skeleton", "skeleton"),
    roll_over=deferred(f"{__name__}.rollover", "roll_over"),
    cross_year=deferred(f"{__name__}.crossyear", "check"),
)
