"""The portal's pages (accounts are under /accounts/, django-allauth's)."""

from __future__ import annotations

from django.urls import URLPattern, path

from vip.web import (
    auctions,
    authority_queues,
    community,
    conversations,
    interviews,
    migrant,
    migrant_visa,
    notices,
    offers,
    sponsor,
    sponsor_visa,
    views,
)

app_name = "web"
urlpatterns: list[URLPattern] = [
    path("", views.landing, name="landing"),
    path("home/", views.home, name="home"),
    path("authority/reviews/", authority_queues.reviews, name="authority_reviews"),
    path("authority/reviews/<int:visa_id>/", authority_queues.review, name="authority_review"),
    path("sponsor/", sponsor.dashboard, name="sponsor"),
    path("sponsor/request/check/", sponsor.request_check, name="request_check"),
    path("sponsor/request/<slug:step>/", sponsor.request_step, name="request_step"),
    path("sponsor/requests/<int:request_id>/", sponsor.request_done, name="request_done"),
    path("sponsor/requests/<int:request_id>/candidates/", sponsor.candidates, name="candidates"),
    path(
        "sponsor/agreements/<int:agreement_id>/insurance/",
        sponsor_visa.insurance,
        name="insurance",
    ),
    path(
        "sponsor/agreements/<int:agreement_id>/application/",
        sponsor_visa.application,
        name="application",
    ),
    path("sponsor/visas/<int:visa_id>/", sponsor_visa.visa, name="visa"),
    path("sponsor/visas/<int:visa_id>/decision/", sponsor_visa.decision, name="decision"),
    path("sponsor/visas/<int:visa_id>/report/<slug:event>/", sponsor_visa.report, name="report"),
    path("sponsor/money/", sponsor_visa.money, name="money"),
    path("community/", community.dashboard, name="community"),
    path("community/rules/", community.rules, name="community_rules"),
    path("community/households/", community.households, name="community_households"),
    path(
        "community/households/<int:person_id>/",
        community.household,
        name="community_household",
    ),
    path("migrant/", migrant.dashboard, name="migrant"),
    path("migrant/profile/", migrant.profile, name="profile"),
    path("migrant/opportunities/", migrant.opportunities, name="opportunities"),
    path("migrant/auctions/", auctions.auctions, name="auctions"),
    path("migrant/auctions/<slug:code>/", auctions.auction, name="auction"),
    path("migrant/auctions/<slug:code>/register/", auctions.register, name="auction_register"),
    path("migrant/auctions/<slug:code>/bid/", auctions.bid, name="auction_bid"),
    path("auctions/<slug:code>/results", auctions.results, name="auction_results"),
    path("migrant/money/", migrant_visa.money, name="migrant_money"),
    path("migrant/visas/<int:visa_id>/", migrant_visa.visa, name="migrant_visa"),
    path(
        "migrant/visas/<int:visa_id>/report/<slug:event>/",
        migrant_visa.report,
        name="migrant_report",
    ),
    path("migrant/visas/<int:visa_id>/earnings/", migrant_visa.earnings, name="earnings"),
    path("migrant/visas/<int:visa_id>/complaints/", migrant_visa.complaints, name="complaints"),
    path("migrant/visas/<int:visa_id>/another-sponsor/", migrant_visa.transfer, name="transfer"),
    path("sponsor/offer/<int:migrant_id>/", offers.offer_terms, name="offer_terms"),
    path("sponsor/offer/<int:migrant_id>/check/", offers.offer_check, name="offer_check"),
    path("sponsor/offers/<int:agreement_id>/", offers.offer_done, name="offer_done"),
    path("migrant/offers/", offers.offers, name="offers"),
    path("agreements/<int:agreement_id>/", offers.agreement, name="agreement"),
    path(
        "agreements/<int:agreement_id>/decline/",
        offers.close,
        {"action": "decline"},
        name="agreement_decline",
    ),
    path(
        "agreements/<int:agreement_id>/withdraw/",
        offers.close,
        {"action": "withdraw"},
        name="agreement_withdraw",
    ),
    path("agreements/<int:agreement_id>/interview/", interviews.invite, name="interview_invite"),
    path("interviews/<int:interview_id>/", interviews.interview, name="interview"),
    path(
        "interviews/<int:interview_id>/invitation.ics",
        interviews.calendar_file,
        name="interview_ics",
    ),
    path("notifications/", notices.notices, name="notices"),
    path("notifications/read/", notices.read, name="notices_read"),
    path("messages/", conversations.conversations, name="conversations"),
    path("messages/with/<int:person_id>/", conversations.start, name="conversation_start"),
    path("messages/<int:conversation_id>/", conversations.conversation, name="conversation"),
    path(
        "messages/<int:conversation_id>/report/", conversations.report, name="conversation_report"
    ),
    path("messages/<int:conversation_id>/block/", conversations.block, name="conversation_block"),
]
