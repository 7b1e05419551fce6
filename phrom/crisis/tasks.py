"""Background work of crisis mode (django-tasks, the database queue): handing messages to their
providers. Filled in by phrom.crisis.delivery."""

from django_tasks import task


@task()
def deliver(activation_id: int) -> None:
    from .delivery import deliver_due

    deliver_due(activation_id)
