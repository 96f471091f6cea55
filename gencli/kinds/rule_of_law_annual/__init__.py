"""法治政府建设年度报告 (《法治政府建设与责任落实督察工作规定》第二十五条)."""

from gencli.kinds import Kind
from gencli.kinds.rule_of_law_annual import form, normalize, schema, skeleton

KIND = Kind(
    name=form.KIND,
    title=form.NAME,
    form=form,
    schema=schema.schema,
    normalize=normalize.normalize,
    skeleton=skeleton.skeleton,
)
