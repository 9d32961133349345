"""modelcluster's lists of a model's child relations, read once per model instead of once per object.

``ClusterableModel.__init__`` (every page, every snippet with inline children) walks all of its model's fields twice,
for the child relations and the parental many-to-many fields that keyword arguments may fill: a page has some sixty
fields and relations, and a page read from the database passes none of them. A listing and the site chrome read
some forty pages per request, so that walk was about a thirtieth of every page rendered afresh (counted in
instructions by bench/pages.py --instructions --cold).

The lists depend only on the model's fields, which Django keeps once built and builds again when the app registry
changes: each list is kept with the fields it was drawn from, and drawn again when those are no longer Django's.
Applied once to modelcluster's module by ``BaseConfig.ready()``, where its constructor and its other methods look the
functions up at each call. A module that imported them by name before (its forms, Wagtail's page copy and reference
index, wagtail-localize) may keep the originals, which give the same lists.
"""

import functools

from modelcluster import models as modelcluster_models


def kept_per_model(find):
    # Kept on the model's own options, so that a model made and dropped (a migration's state, a test's) takes its
    # lists with it.
    attribute = f"_kept_{find.__name__}"

    @functools.wraps(find)
    def kept(model):
        meta = model._meta
        fields = meta.get_fields()  # Django's kept tuple: the same object until the registry changes
        found = meta.__dict__.get(attribute)
        if found is None or found[0] is not fields:
            found = (fields, tuple(find(model)))
            setattr(meta, attribute, found)
        return found[1]

    kept.kept_per_model = True
    return kept


def keep_child_relations_per_model():
    for name in ("get_all_child_relations", "get_all_child_m2m_relations"):
        find = getattr(modelcluster_models, name)
        if not getattr(find, "kept_per_model", False):
            setattr(modelcluster_models, name, kept_per_model(find))
