"""Who made a change, as the public sees it: `{% load credits %}`, then `{{ user|credit }}`
(actions.models.credit: their agency, never their name)."""

from django import template

from ..models import credit as credit_of

register = template.Library()


@register.filter
def credit(user) -> str:
    return credit_of(user)
