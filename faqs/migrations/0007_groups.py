"""The three jobs, as groups with the permissions each needs (README: "Accounts and who gets what").

Permissions are normally made after all migrations run (post_migrate); they are made here first so that the
groups can hold them on a fresh install.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDIT = ("add", "change", "view")
MANAGE = ("add", "change", "delete", "view")
GROUPS = {
    "Editors": {
        "faqs": {
            **dict.fromkeys(("guide", "section", "question", "topic", "helpline"), EDIT),
            "audience": ("change", "view"),  # a controlled list: no adding or deleting
            "helplinechange": ("view",),  # see what waits; proposing is editing a helpline
        },
    },
    "Helpline approvers": {
        "faqs": {"helpline": ("view",), "helplinechange": ("view", "approve")},
    },
    "Account managers": {
        "auth": {"user": MANAGE, "group": MANAGE},
        "otp_totp": {"totpdevice": MANAGE},
        "otp_static": {"staticdevice": MANAGE},
        "axes": {"accessattempt": ("view", "delete")},  # unlock a locked-out editor
    },
}


def codenames(app_label, models):
    return [(app_label, f"{action}_{model}") for model, actions in models.items() for action in actions]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True  # create_permissions skips apps it thinks have no models
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, apps_models in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [pair for app_label, models in apps_models.items() for pair in codenames(app_label, models)]
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in wanted
        ]
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("faqs", "0006_helpline_changes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("otp_totp", "0003_add_timestamps"),
        ("otp_static", "0003_add_timestamps"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
