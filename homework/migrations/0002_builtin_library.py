from django.db import migrations


def load(apps, schema_editor):
    from homework.library import load_builtin_library

    load_builtin_library(apps.get_model("homework", "Template"))


def unload(apps, schema_editor):
    apps.get_model("homework", "Template").objects.filter(owner__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("homework", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
