"""What error reports (the mails to ADMINS) leave out of the settings they list.

Django hides the settings whose names say they are secret (…KEY, …PASSWORD, …TOKEN). Addresses can carry a
password too (``redis://:password@host``), in REDIS_URL and in the cache's LOCATION: hidden as well.
"""

import re

from django.views.debug import SafeExceptionReporterFilter


class SettingsFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(SafeExceptionReporterFilter.hidden_settings.pattern + "|URL|LOCATION", flags=re.I)
