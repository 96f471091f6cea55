"""规划, such as a “十四五” plan."""

from gencli.kinds import Kind, deferred
from gencli.kinds.plan import form, normalize

KIND = Kind(
    name=form.KIND,
    title=form.NAME,
    form=form,
    schema=deferred(f"{__name__}.schema", "schema"),
    normalize=normalize.normalize,
    skeleton=deferred(f"{__name__}.skeleton", "skeleton"),
)
