"""`manage.py check` (and so `migrate` and `check --deploy`) says when search by meaning cannot run: search then
still finds by words, but a release should not go out like that."""

from django.core.checks import Error, register

from faqs.search import meaning


@register()
def search_model_installed(app_configs, **kwargs):
    try:
        meaning.weights_folder()
    except meaning.ModelMissing as missing:
        return [Error(str(missing), id="faqs.E001")]
    return []
