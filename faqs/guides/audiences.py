"""The controlled vocabulary of audiences. Editors choose from it; content files name them by slug."""

AUDIENCES = [
    # (slug, name, description)
    ("mothers", "Mothers", "Mothers whose children are involved with children's services"),
    ("social-workers", "Social workers", "Social workers working with children and families"),
    ("practitioners", "Domestic abuse practitioners", "Domestic abuse practitioners supporting mothers"),
    ("other-professionals", "Other professionals", "Health, education, police and other professionals"),
]
AUDIENCE_SLUGS = [slug for slug, _, _ in AUDIENCES]


def seed_audiences(audience_model):
    """Create the vocabulary where it is missing (the data migration, and tests that flush the database).
    Editors' changes to names and descriptions are kept."""
    for order, (slug, name, description) in enumerate(AUDIENCES):
        audience_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )
