from django.apps import AppConfig


class MallardConfig(AppConfig):
    name = "mallard"
    verbose_name = "People and accounts"
