"""English legitimate families, part two: hard negatives that mirror the part-three scams."""

from __future__ import annotations

from saqbol.synth.messages.family import parse_families

FAMILIES = parse_families("""
# legit sms
- {shop}: order #{order} is out for delivery today around {time}. The courier will ask for
  code {code} at handover, show it only when the parcel is in your hands.
- Kaspi.kz: your order #{order} arrives on {date}. Give code {code} to the courier only after
  you have received the goods.
- Kazpost: parcel {track} is with the courier. Handover code {code}, say it only when you get
  the parcel. Our staff never ask for it by phone.

# legit sms
- {city} Police: there is no such thing as a "safe account". If a caller asks you to move
  money, hang up and call 102.
- The {city} akimat reminds you: bank, police and KNB staff never ask you to transfer money or
  withdraw cash. Suspicious call? Dial 102.
- Police warning: fraudsters pose as bankers and investigators. Never move savings to a
  "protected account" or pay cash into an ATM on someone's instructions. Call 102.

# legit messenger
- Did you send the money for grandma's medicine? I got {amount_small}, thanks, I'll pick it up
  at the pharmacy tonight
- {name}, your transfer for grandma's pills came through 🙏 thank you! The doctor said she
  should take them for another month
- Mom says you sent money for grandma's medicine, it arrived, {amount_small}. Thanks, I'll
  send you a photo of the receipt

# legit sms
- {bank}: your loan application for {amount_big} is approved. Sign the agreement in the app,
  no fees are charged.
- Kaspi.kz: Kaspi Credit of {amount} approved. Confirm it in the Kaspi.kz app. We never ask
  for payments in advance.
- {bank}: unfortunately we cannot approve your loan application at this time. You can apply
  again in the app in 30 days.

# legit social
- Glovo is hiring couriers in {city}! Official contract, flexible hours, pay for every
  delivery plus tips. You need your own bike, scooter or car. Apply via {job_url}.
- Wolt courier partners wanted in {city} 🚲 Use your own transport, get paid weekly for each
  completed order. Sign-up only in the official Wolt app.
- Yandex Go is looking for drivers with their own car in {city}. Work under a contract, choose
  your hours, earnings per trip. No registration fees, we never pass payments through your
  card.

# legit social
- The KASE index [rose|fell] [0.8|1.2|1.9|2.6]% over the week, led by shares of {company} and
  Kaspi.kz.
- The {company} board has recommended dividends for last year; shareholders will vote at the
  general meeting on {date}. #business #KASE
- Air Astana completed its IPO on AIX and KASE. The shares closed their first day slightly
  below the offer price.

# legit messenger
- Hi! The {item} is yours if you want it. Please don't pay in advance, order it through OLX
  Delivery and pay when you pick it up.
- About the flat on Krisha: I don't take any deposit before a viewing. Come and see it, we sign
  the contract and you pay then.
- I'm in {city}, I can send it via the OLX safe deal: the platform holds the money until you
  confirm receipt. Don't send anything to my card

# legit sms
- eGov: your application #{order} has been accepted for processing. Track its status in your
  personal account on {egov_url}.
- 1414: your [birth certificate|certificate of no criminal record|address certificate] is
  ready. You can download it in eGov Mobile.
- eGov: code {code} to sign in. Do not tell anyone this code, including eGov staff.
""")
