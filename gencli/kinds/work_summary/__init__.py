"""工作总结 and other free-form reports."""

from gencli.kinds import Kind, deferred
from gencli.kinds.work_summary import form, normalize

KIND = Kind(
    name=form.KIND,
    title=form.NAME,
    form=form,
    schema=deferred(f"{__name__}.schema", "schema"),
    normalize=normalize.normalize,
    skeleton=deferred(f"{__name__}.skeleton", "skeleton"),
    roll_over=deferred(f"{__name__}.rollover", "roll_over"),
)
