"""法治政府建设年度报告 (《法治政府建设与责任落实督察工作规定》第二十五条)."""

from gencli.kinds import Kind, deferred
from gencli.kinds.rule_of_law_annual import form, normalize

KIND = Kind(
    name=form.KIND,
    title=form.NAME,
    form=form,
    schema=deferred(f"{__name__}.schema", "schema"),
    normalize=normalize.normalize,
    skeleton=deferred(f"{__name__}.skeleton", "skeleton"),
    roll_over=deferred(f"{__name__}.rollover", "roll_over"),
)
