"""规划, such as a “十四五” plan."""

from gencli.kinds import Kind
from gencli.kinds.plan import form, normalize, schema, skeleton

KIND = Kind(
    name=form.KIND,
    title=form.NAME,
    form=form,
    schema=schema.schema,
    normalize=normalize.normalize,
    skeleton=skeleton.skeleton,
)
