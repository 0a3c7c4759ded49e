import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cong.settings")
application = get_wsgi_application()

# The visit beacon skips Django's middleware (cong/visits/fast.py).
from cong.visits.fast import BeaconFirst  # noqa: E402 (after Django is set up)

application = BeaconFirst(application)
