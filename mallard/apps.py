from django.apps import AppConfig


class MallardConfig(AppConfig):
    name = "mallard"
    verbose_name = "People and accounts"

    def ready(self) -> None:
        from allauth.mfa import signals as mfa_signals
        from allauth.mfa.models import Authenticator
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete

        from mallard.mfa import forget_enrolment_on_authenticator_change
        from mallard.middleware import start_idle_clock

        # Cache invalidation only: the cached "has enrolled" answer must follow the database.
        for event, signal in (
            ("added", mfa_signals.authenticator_added),
            ("removed", mfa_signals.authenticator_removed),
            ("reset", mfa_signals.authenticator_reset),
        ):
            signal.connect(forget_enrolment_on_authenticator_change, dispatch_uid=f"mallard-mfa-{event}")
        post_delete.connect(
            forget_enrolment_on_authenticator_change, sender=Authenticator, dispatch_uid="mallard-mfa-deleted"
        )
        # Session bookkeeping: the automatic-logoff clock starts at sign-in.
        user_logged_in.connect(start_idle_clock, dispatch_uid="mallard-idle-clock")

        from mallard import exports

        # mallard's own section of a client's export (docs/data-rights.md).
        exports.register("people", "Profile and care", exports.people_section)
