"""Django form fields drawn as the U.S. Web Design System's controls, labelled and described."""

from __future__ import annotations

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()

CLASSES = {
    forms.Select: "usa-select",
    forms.SelectMultiple: "usa-select",
    forms.Textarea: "usa-textarea",
    forms.CheckboxInput: "usa-checkbox__input",
}


@register.filter
def control(field: forms.BoundField) -> SafeString:
    """The widget with its class, its hint and error tied to it for screen readers."""
    widget = field.field.widget
    css = next((c for kind, c in CLASSES.items() if isinstance(widget, kind)), "usa-input")
    if field.errors and css != "usa-checkbox__input":
        css += f" {css}--error"
    described = [f"{field.auto_id}-hint"] if field.help_text else []
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs: dict[str, str | bool] = {"class": css}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def kind(field: forms.BoundField) -> str:
    """How the field is drawn: "radio", "checkboxes", "checkbox" or "input"."""
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"
