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
        from mallard.middleware import start_device_clock, start_idle_clock

        # Invalidation only: the "has enrolled" answer kept in sessions must follow the database.
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
        # ... and allauth's sign-in records the device, so its once-a-minute clock starts there.
        from allauth.account.signals import user_logged_in as allauth_logged_in

        allauth_logged_in.connect(start_device_clock, dispatch_uid="mallard-device-clock")

        from mallard import exports

        # mallard's own section of a client's export (docs/data-rights.md).
        exports.register("people", "Profile and care", exports.people_section, exports.people_report)
