from wagtail import hooks

from cong.siteimport.viewsets import import_run_viewset


@hooks.register("register_admin_viewset")
def register_import_runs():
    return import_run_viewset
