"""The simulator's forms: where to start (a preset and a mode, or a saved scenario), then every
input of it. They check shape only (a number is a number); what the model accepts is the analysis
services' to say, and their refusal comes back onto the field it names."""

from __future__ import annotations

import re

from django import forms
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vip.errors import DomainError
from vip.simulation.inputs import Input, Mode, Scenario, domain_of, preset_names
from vip.web import refusals

MODE_NAMES = {
    Mode.ACCOUNTING: _("Accounting: the book's arithmetic, at once"),
    Mode.EQUILIBRIUM: _("Equilibrium: natives and migrants choose, on the task queue"),
}
MAX_SCENARIO_BYTES = 64 * 1024  # a scenario file is a few lines of YAML


class StartForm(forms.Form):
    preset = forms.ChoiceField(
        label=_("Preset"), choices=[(name, name) for name in preset_names()], initial="vip-us"
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=[(mode.value, MODE_NAMES[mode]) for mode in Mode],
        widget=forms.RadioSelect,
        initial=Mode.ACCOUNTING.value,
    )


class ScenarioForm(forms.Form):
    """A scenario saved from a run (or written by hand), as `vip simulate FILE` reads it."""

    text = forms.CharField(
        label=_("Paste a saved scenario"),
        required=False,
        max_length=MAX_SCENARIO_BYTES,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_("YAML with preset:, mode: and inputs:, as the downloads of a run give it."),
    )
    upload = forms.FileField(label=_("Or upload the file"), required=False)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        upload = cleaned.get("upload")
        if upload is not None:
            if upload.size > MAX_SCENARIO_BYTES:
                raise forms.ValidationError(gettext("A scenario file has at most 64 KB."))
            try:
                cleaned["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError(gettext("A scenario file is text (UTF-8).")) from None
        if not cleaned.get("text"):
            raise forms.ValidationError(gettext("Paste a scenario or choose its file."))
        return cleaned


def field_name(key: str) -> str:
    """`vip.gain_share` as a form field (and an HTML id): `in-vip-gain_share`."""
    return "in-" + key.replace(".", "-")


def shown(value: float | str) -> str:
    """A value as the field shows it and reads it back unchanged: 100000000, 0.3333333333333333."""
    if isinstance(value, str):
        return value
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _number(raw: str) -> float:
    try:
        return float(raw.replace(",", "").replace("_", "").strip())
    except ValueError:
        raise forms.ValidationError(gettext("Enter a number, like 2400 or 1e8.")) from None


class NumberField(forms.Field):
    """A number as typed (1e8, 100,000,000): text, so that no browser rounds or refuses it."""

    widget = forms.TextInput

    def to_python(self, value: object) -> float | None:
        text = "" if value is None else str(value).strip()
        return _number(text) if text else None


class InputsForm(forms.Form):
    """Every input of the scenario, with its unit and source; a name; an optional sweep."""

    preset = forms.CharField(widget=forms.HiddenInput)
    mode = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name of this run"), max_length=100, required=False)
    sweep_key = forms.ChoiceField(
        label=_("Sweep one input"),
        required=False,
        help_text=_("Run the scenario at several values of one input, evenly spaced."),
    )
    sweep_start = NumberField(label=_("From"), required=False)
    sweep_stop = NumberField(label=_("To"), required=False)
    sweep_steps = forms.IntegerField(label=_("Steps"), required=False, min_value=2)

    def __init__(self, scenario: Scenario, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.scenario = scenario
        numbers = []
        for key, item in sorted(scenario.inputs.items()):
            self.fields[field_name(key)] = _input_field(key, item)
            if not domain_of(key).choices:
                numbers.append((key, key))
        sweep = self.fields["sweep_key"]
        assert isinstance(sweep, forms.ChoiceField)
        sweep.choices = [("", gettext("No sweep")), *numbers]

    def input_fields(self) -> list[forms.BoundField]:
        return [self[field_name(key)] for key in sorted(self.scenario.inputs)]

    def sweep_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("sweep_key", "sweep_start", "sweep_stop", "sweep_steps")]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("sweep_key"):
            for name in ("sweep_start", "sweep_stop", "sweep_steps"):
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, gettext("A sweep needs where it starts, ends and steps."))
        return cleaned

    def overrides(self) -> dict[str, object]:
        return {key: self.cleaned_data[field_name(key)] for key in self.scenario.inputs}

    def sweep(self) -> str | None:
        data = self.cleaned_data
        if not data.get("sweep_key"):
            return None
        start, stop = shown(data["sweep_start"]), shown(data["sweep_stop"])
        return f"{data['sweep_key']}={start}:{stop}:{data['sweep_steps']}"

    def refuse(self, error: DomainError) -> None:
        """The service's refusal on the field of the input it names, the model's words with it."""
        key = str(error.details.get("key", ""))
        name = "sweep_steps" if key == "sweep" else field_name(key)
        text = f"{refusals.message(error)} ({error.message})"
        self.add_error(
            name if name in self.fields else None, forms.ValidationError(text, code=error.code)
        )


def breakable(key: str) -> SafeString:
    """A dotted key that a phone may break after each dot: the page never scrolls sideways."""
    return mark_safe("<wbr>".join(escape(part) for part in re.split(r"(?<=[._])", key)))


def _input_field(key: str, item: Input) -> forms.Field:
    # The presets' units and sources are in English: the book's words, quoted.
    hint = format_html(
        "<span lang='en'>{unit}</span>. "
        "<span class='vip-muted'>{label}: <span lang='en'>{source}</span></span>",
        unit=item.unit or gettext("No unit"),
        label=gettext("Source"),
        source=item.source or gettext("not stated"),
    )
    choices = domain_of(key).choices
    if choices:
        return forms.ChoiceField(
            label=breakable(key),
            choices=[(c, c) for c in choices],
            initial=item.value,
            help_text=hint,
        )
    return NumberField(label=breakable(key), initial=shown(item.value), help_text=hint)
