"""Marketplace ad fraud (prepayment, phishing links, fake jobs) over classified listings."""
