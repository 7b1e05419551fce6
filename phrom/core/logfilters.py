"""Log filters (settings.LOGGING)."""

import logging


class NoTracebackBelow500(logging.Filter):
    """A refused request (403, 400, 404…) is logged as one line, without the traceback of the
    exception that answered it: it is the client's mistake or probe, not a fault in Phrom, and a
    traceback for each one buried the real errors (325,000 lines in one test run)."""

    def filter(self, record):
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
