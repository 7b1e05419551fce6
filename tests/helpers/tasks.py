"""Background tasks in tests: run as soon as they are enqueued (after the commit that enqueues them)."""

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
