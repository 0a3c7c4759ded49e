"""What the province app plugs into: a Site saved or deleted refreshes the hosts it answers."""

from django.db.models.signals import post_delete, post_save


def register_all() -> None:
    from wagtail.models import Site

    from cong.province.hosts import forget_sites

    post_save.connect(forget_sites, sender=Site, dispatch_uid="cong-province-site-saved")
    post_delete.connect(forget_sites, sender=Site, dispatch_uid="cong-province-site-deleted")
