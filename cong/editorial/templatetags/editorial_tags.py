from django import template
from django.template import Context

from cong.editorial.branding import Brand, brand_for

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_brand(context: Context) -> Brand:
    """`{% admin_brand as brand %}`: the agency's name and logo for the admin's templates."""
    return brand_for(context.get("request"))
