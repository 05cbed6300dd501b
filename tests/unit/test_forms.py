"""Forms as data: what each form asks for, and what its answer is."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from tests.builders import a_case, moment
from tui.domain.actions import change_stage
from tui.domain.case_form import edit_case_form, new_case_form, new_form_values
from tui.domain.form import Form, FormErrors, FormField, required
from tui.domain.model import Case, Payer, Stage
from tui.domain.settings import Settings
from tui.domain.settings_form import settings_form
from tui.domain.stage_form import stage_form
from tui.domain.templates import MessageTemplate, template_form
from tui.domain.timeline_edits import new_event_form

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
STAGE_DETAILS = {"carrier", "tracking_number", "refund_amount", "dispute_reason", "close_reason"}


def names(form: Form) -> set[str]:
    return {field.name for field in form.fields}


def test_a_form_names_every_bad_field_and_finishes_only_when_all_are_right() -> None:
    form = Form(
        "Two",
        (FormField("a", "A", parse=required), FormField("b", "B", parse=int)),
        finish=lambda values: values["a"] * values["b"],
    )
    with pytest.raises(FormErrors) as raised:
        form.parse({"a": " ", "b": "x"})
    assert set(raised.value.errors) == {"a", "b"}
    assert str(raised.value).startswith("A: is required; B: ")
    assert form.parse({"a": "ab", "b": "2"}) == "abab"


def test_a_new_case_asks_for_no_stage_details() -> None:
    form = new_case_form(new_form_values("AliExpress"), NOW)
    assert not names(form) & STAGE_DETAILS
    case = form.parse(
        {field.name: field.value for field in form.fields}
        | {"order_number": "81", "item": "Lamp", "amount": "9.50"}
    )
    assert (case.order_number, case.item, case.amount) == ("81", "Lamp", Decimal("9.50"))
    assert case.events[0].at == NOW


def test_editing_asks_for_the_details_of_stages_the_case_has_been_through() -> None:
    shipped = change_stage(a_case(), Stage.SHIPPED_BACK, moment(date(2026, 11, 20)))
    form = edit_case_form(shipped, NOW)
    assert {"carrier", "tracking_number"} <= names(form)
    assert not names(form) & {"refund_amount", "dispute_reason", "close_reason"}


def test_editing_asks_for_a_detail_that_holds_something_whatever_the_stage() -> None:
    form = edit_case_form(a_case(close_reason="Seller said used"), NOW)
    assert "close_reason" in names(form)


def test_an_untouched_edit_answers_the_same_case() -> None:
    case = a_case()
    form = edit_case_form(case, NOW)
    assert form.parse({}) is case


def test_an_event_left_at_now_is_dated_now_to_the_second() -> None:
    case = a_case()
    form = new_event_form(case, NOW.replace(second=42))
    updated = form.parse({"text": "Called the bank"})
    assert updated.events[-1].at == NOW.replace(second=42)
    assert form.focus == "text"


def test_a_template_with_an_unknown_placeholder_is_refused() -> None:
    form = template_form("Hello {store}")
    with pytest.raises(FormErrors) as raised:
        form.parse({"name": "Mine", "text": "Order {order_no}"})
    assert "{order_no}" in raised.value.errors["text"]
    assert form.parse({"name": "Mine"}) == MessageTemplate("Mine", "Hello {store}")


def test_the_settings_form_answers_new_settings_and_refuses_bad_lines() -> None:
    form = settings_form(Settings(), ["nord", "textual-dark"], frozenset({"everywhere.new_case"}))
    settings = form.parse({"lead_times": "7, 2", "keymap": "everywhere.new_case = N"})
    assert (settings.lead_times, settings.keymap) == ((7, 2), {"everywhere.new_case": "N"})
    with pytest.raises(FormErrors) as raised:
        form.parse({"store_windows": "thirty Lily"})
    assert set(raised.value.errors) == {"store_windows"}


def test_a_theme_no_longer_installed_shows_as_the_default() -> None:
    form = settings_form(Settings(theme="gone"), ["nord"], frozenset())
    assert next(f for f in form.fields if f.name == "theme").value == ""


def test_a_refund_must_say_what_arrived() -> None:
    pending = change_stage(a_case(), Stage.REFUND_PENDING, moment(date(2026, 11, 20)))
    form = stage_form(pending, Stage.REFUNDED, NOW, Payer.SELLER)
    with pytest.raises(FormErrors) as raised:
        form.parse({"received": " "})
    assert raised.value.errors["received"].startswith("is required")


def test_a_parcel_is_not_shipped_back_before_the_item_arrived() -> None:
    case = change_stage(
        a_case(received_on=date(2026, 11, 20)), Stage.RETURN_AGREED, moment(date(2026, 11, 20))
    )
    form = stage_form(case, Stage.SHIPPED_BACK, NOW, Payer.SELLER)
    with pytest.raises(FormErrors) as raised:
        form.parse({"when": "2026-11-19"})
    assert "before the item reached you" in raised.value.errors["when"]


@pytest.mark.parametrize("text", ["{bar!r}", "{ }", "{store.x}", "{}", "{ordr}"])
def test_anything_in_braces_a_case_does_not_fill_is_refused(text: str) -> None:
    with pytest.raises(FormErrors):
        template_form("").parse({"name": "Mine", "text": f"Hello {{store}} {text}"})


def test_two_unknown_placeholders_are_named_together() -> None:
    with pytest.raises(FormErrors) as raised:
        template_form("").parse({"name": "Mine", "text": "{a} {b}"})
    assert raised.value.errors["text"] == "{a}, {b} are not placeholders returns-tui fills in"


def test_an_edit_restates_a_moves_details_but_never_the_shoppers_own_words() -> None:
    shipped = stage_form(a_case(stage=Stage.RETURN_AGREED), Stage.SHIPPED_BACK, NOW, Payer.BUYER)
    case = shipped.parse({"tracking_number": "RB123456785GB"})
    assert case.events[-1].text.endswith("RB123456785GB")
    form = edit_case_form(case, NOW)
    raw = {field.name: field.value for field in form.fields} | {
        "tracking_number": "LP00123456789012"
    }
    assert "LP00123456789012" in _move_text(form.parse(raw))
    own = "Return agreed → Shipped back: posted at the village shop"
    worded = replace(case, events=(*case.events[:-1], replace(case.events[-1], text=own)))
    assert _move_text(edit_case_form(worded, NOW).parse(raw)) == own


def _move_text(case: Case) -> str:
    return next(event.text for event in case.events if event.stage is Stage.SHIPPED_BACK)
