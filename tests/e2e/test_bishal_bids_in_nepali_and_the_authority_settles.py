"""The visa auction in the browser. The authority (her password and second factor) creates an
auction on its form (an empty form first: the error summary), checks it and opens registration.
Bishal, in Nepali on a 390 px phone, follows "Auctions" from his task list to the auction's rules
and calendar, registers with his passport (the fee shown before he pays it) and, once bidding is
open, bids in Devanagari digits, sees that his bid is sealed, and raises it. Another migrant bids
lower. The authority closes, clears, records Bishal's payment and settles; Bishal reads that he won
at the other's bid, the public results page shows the price to a visitor, and Anthony, a citizen,
sees his social dividend in his money page. Every page passes axe with 0 serious or critical
violations and fits the window, at desktop and at 390 px."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from playwright.sync_api import Browser, Page, expect

from vip.auctions import services
from vip.auctions.models import Auction, AuctionStatus
from vip.auctions.rules import Windows
from vip.clock import now
from vip.people.models import User
from vip.people.selectors import time_zone

from tests.auctions.life import HOUR, elapse, terms, usd
from tests.cast import migrant, totp_code
from tests.e2e.browser import DESKTOP, PHONE, checked, log_in, person_page
from tests.ledger.dividend import resident

CODE = "US-2027-9"


def windows_from(start: dt.datetime) -> Windows:
    return Windows(start - HOUR, start + HOUR, start + 2 * HOUR, start + 3 * HOUR)


def both(page: Page) -> None:
    """The page checked at its window's width and at the other one's."""
    size = page.viewport_size
    for other in (PHONE, DESKTOP) if size == DESKTOP else (DESKTOP, PHONE):
        page.set_viewport_size(other)
        checked(page)


def at(moment: dt.datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")


def test_bishal_bids_in_nepali_and_the_authority_settles(browser: Browser, portal: str) -> None:
    authority = User.objects.get(email="authority@vip.example")
    resident(User.objects.get(email="anthony@vip.example"))  # a citizen the dividend counts
    zone, start, hour = time_zone(authority), now(), dt.timedelta(hours=1)
    with person_page(browser) as alice, person_page(browser, "ne", phone=True) as bishal:
        log_in(alice, portal, "authority@vip.example")
        alice.locator("#id_code").fill(totp_code())
        alice.locator("main button[type=submit]").first.click()
        alice.locator("main a[href$='/authority/auctions/']").click()
        both(alice)
        alice.locator("main a[href$='/authority/auctions/new/']").click()
        both(alice)
        alice.locator("main form button[type=submit]").click()
        expect(alice.locator("#error-summary-heading")).to_be_visible()
        both(alice)
        alice.locator("#id_code").fill(CODE)
        alice.locator("#id_jurisdiction").select_option("US")
        alice.locator("#id_quota").fill("1")
        alice.locator("#id_reserve").fill("1,000")
        alice.locator("#id_registration_opens").fill(at(start - hour, zone))
        alice.locator("#id_registration_closes").fill(at(start + hour, zone))
        alice.locator("#id_bidding_opens").fill(at(start + 2 * hour, zone))
        alice.locator("#id_bidding_closes").fill(at(start + 3 * hour, zone))
        alice.locator("main form button[type=submit]").click()
        expect(alice.locator("main")).to_contain_text("$1,000.00")
        both(alice)
        alice.locator("main button[name=confirm]").click()
        alice.locator(f"main a[href$='/{CODE}/open-registration/']").click()
        expect(alice.locator("main")).to_contain_text("$215.00")  # the fee, said before
        both(alice)
        alice.locator("main form button[type=submit]").click()
        both(alice)

        log_in(bishal, portal, "bishal@vip.example")
        bishal.locator(".vip-task-list a[href$='/migrant/auctions/']").click()
        both(bishal)
        bishal.locator(f"main a[href$='/migrant/auctions/{CODE}/']").click()
        expect(bishal.locator("html")).to_have_attribute("lang", "ne")
        both(bishal)
        bishal.locator(f"main a[href$='/{CODE}/register/']").click()
        both(bishal)
        bishal.locator("main form button[type=submit]").click()
        expect(bishal.locator("#error-summary-heading")).to_be_visible()
        both(bishal)
        bishal.locator("#id_document_country").select_option("NP")
        bishal.locator("#id_document_number").fill("PA 1234567")
        bishal.locator("main form button[type=submit]").click()
        expect(bishal.locator("main")).to_contain_text("215.00")
        both(bishal)
        bishal.locator("main button[name=confirm]").click()
        expect(bishal.locator("#standing-heading")).to_be_visible()
        both(bishal)

        dawa = migrant(authority, "Dawa")
        theirs = services.register(
            user=dawa, code=CODE, document_country="NP", document_number="D 77"
        )
        ram = migrant(authority, "Ram")  # Bishal's passport under another account: flagged
        services.register(user=ram, code=CODE, document_country="NP", document_number="PA1234567")
        auction = Auction.objects.get(code=CODE)
        elapse(auction, 2)
        alice.goto(f"{portal}authority/auctions/{CODE}/")
        expect(alice.locator("main")).to_contain_text("Ram")
        alice.locator(f"main a[href$='/{CODE}/open-bidding/']").click()
        both(alice)
        alice.locator("main form button[type=submit]").click()

        bishal.reload()
        bishal.locator(f"main a[href$='/{CODE}/bid/']").click()
        both(bishal)
        bishal.locator("#id_amount").fill("\u096c\u0966\u0966\u0966")  # 6000 in Devanagari
        bishal.locator("main form button[type=submit]").click()
        expect(bishal.locator("main")).to_contain_text("6,000.00")
        both(bishal)
        bishal.locator("main button[name=confirm]").click()
        bishal.locator(f"main a[href$='/{CODE}/bid/']").click()
        expect(bishal.locator("main")).to_contain_text("6,000.00")  # his own, to him alone
        both(bishal)
        bishal.locator("#id_amount").fill("7000")
        bishal.locator("main form button[type=submit]").click()
        bishal.locator("main button[name=confirm]").click()
        services.place_bid(user=dawa, registration_id=theirs.pk, amount=usd(4000_00))

        elapse(auction, 2)
        alice.goto(f"{portal}authority/auctions/{CODE}/")
        expect(alice.locator("main")).not_to_contain_text("7,000")  # sealed to her too
        for step in ("close", "clear"):
            alice.locator(f"main a[href$='/{CODE}/{step}/']").click()
            both(alice)
            alice.locator("main form button[type=submit]").click()
        both(alice)
        alice.locator("main a[href$='/payment/']").click()
        expect(alice.locator("main")).to_contain_text("$7,500.00")  # 2 years at $4,000 less $500
        both(alice)
        alice.locator("main form button[type=submit]").click()
        # His visa, with the insurance he shows: the settlement waits for it.
        alice.locator("main a[href$='/visa/']").click()
        both(alice)
        alice.locator("#id_provider").fill("Mutual Health")
        alice.locator("#id_policy_number").fill("MH-7")
        alice.locator("#id_coverage").fill("100000")
        alice.locator("#id_valid_from").fill(now().date().isoformat())
        alice.locator("#id_valid_to").fill((now() + dt.timedelta(days=800)).date().isoformat())
        alice.locator("main form button[type=submit]").click()
        expect(alice.locator("main")).to_contain_text("The visa is issued.")
        both(alice)
        alice.locator(f"main a[href$='/authority/auctions/{CODE}/']").click()
        alice.locator(f"main a[href$='/{CODE}/settle/']").click()
        both(alice)
        alice.locator("main form button[type=submit]").click()
        both(alice)
        assert Auction.objects.get(code=CODE).status == AuctionStatus.SETTLED

        bishal.goto(f"{portal}migrant/auctions/{CODE}/")
        expect(bishal.locator("#result-heading")).to_be_visible()
        expect(bishal.locator("main")).to_contain_text("4,000.00")  # the price, not his bid
        both(bishal)

    # the public page, where the published bids are linked, with the price in each locale's way
    for language, price in (("en", "$4,000.00"), ("es", "4.000,00 US$"), ("ne", "US$ 4,000.00")):
        with person_page(browser, language, phone=language != "en") as visitor:
            visitor.goto(f"{portal}auctions/{CODE}/results")
            expect(visitor.locator("main")).to_contain_text(price)
            expect(visitor.locator("main")).not_to_contain_text("Bishal")
            inputs = visitor.locator(f"main a[href='/api/v1/auctions/{CODE}/inputs']")
            expect(inputs).to_have_count(1)
            both(visitor)

    with person_page(browser, phone=True) as anthony:  # the revenue, less its costs, to citizens
        log_in(anthony, portal, "anthony@vip.example")
        anthony.goto(f"{portal}sponsor/money/")
        expect(anthony.locator("main")).to_contain_text("Social dividend")
        expect(anthony.locator("main")).to_contain_text("$7,840.00")  # $8,000 less 2% costs
        both(anthony)


def test_bishal_agrees_to_the_registration_an_agency_made_for_him(
    browser: Browser, portal: str
) -> None:
    authority = User.objects.get(email="authority@vip.example")
    auction = services.create_auction(
        authority=authority, terms=terms(code=CODE, windows=windows_from(now()))
    )
    services.open_registration(actor=authority, code=CODE)
    services.register(
        user=User.objects.get(email="agency@vip.example"),
        code=auction.code,
        document_country="NP",
        document_number="PA 1234567",
        beneficiary_id=User.objects.get(email="bishal@vip.example").pk,
    )
    with person_page(browser, "es", phone=True) as bishal:
        log_in(bishal, portal, "bishal@vip.example")
        bishal.goto(f"{portal}migrant/auctions/{CODE}/")
        bishal.locator(f"main a[href$='/{CODE}/consent/']").click()
        both(bishal)
        bishal.locator("main form button[type=submit]").click()
        expect(bishal.locator(f"main a[href$='/{CODE}/consent/']")).to_have_count(0)
        both(bishal)
