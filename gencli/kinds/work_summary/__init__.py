"""工作总结 and other free-form reports."""

from gencli.kinds import Kind
from gencli.kinds.work_summary import form, normalize, schema, skeleton

KIND = Kind(
    name=form.KIND,
    title=form.NAME,
    form=form,
    schema=schema.schema,
    normalize=normalize.normalize,
    skeleton=skeleton.skeleton,
)
