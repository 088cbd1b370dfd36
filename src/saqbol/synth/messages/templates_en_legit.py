"""English legitimate messages, hard negatives first: they share the scams' words on purpose."""

from __future__ import annotations

from saqbol.synth.messages.family import parse_families

FAMILIES = parse_families("""
# legit sms
- Kaspi Gold {card4}: purchase {amount_small}, {merchant}. Available: {balance}
- Halyk: payment {amount_small} at {merchant}, {city}. Balance {balance}. {date} {time}
- Card purchase: {amount_small} at {merchant}. Card balance: {balance}. {bank}
- {bank}: {amount_small} debited from card {card4} ({merchant}). Balance {balance}

# legit sms
- {name} sent you {amount}. Kaspi Gold: {balance}
- {amount} credited to your account from {name}. Balance: {balance}
- Salary received: {salary}. Card balance {balance}. {bank}
- Transfer completed: {amount} to {name}. Fee 0 KZT. Kaspi.kz

# legit sms
- Your one-time code: {code}. Do not share this code with anyone! eGov
- 1414: your egov.kz login code is {code}. Never share it, not even with government staff.
- eGov mobile: {code} is your confirmation code. Anyone asking for this code is a scammer. Do
  not share it.
- Code {code} for your Public Service Center request. Do not give it to anyone, only you
  should enter it.

# legit sms
- Kaspi.kz: confirmation code {code}. Do not share it, bank staff will never ask for your code.
- Halyk: code to confirm the {amount_small} payment: {code}. If you did not make this payment,
  do not share the code and call 7111.
- {bank}: login code for a new device {code}. If this wasn't you, do not share the code with
  anyone.
- Code: {code}. To sign in to Kaspi.kz. Kaspi staff will never ask you for this code.

# legit sms
- Kaspi.kz: your order #{order} has arrived at the Kaspi Postamat in {city}. Pickup code:
  {code}. Details: {kaspi_url}
- Kazpost: parcel {track} has arrived at your post office. Bring your ID to collect it.
  {post_url}
- OLX: you have a new message about your listing. Read it on {olx_url} or in the app.
- Order #{order} confirmed. The courier will call you tomorrow around {time}. Pay on
  delivery. {shop_url}

# legit messenger
- Dad, can you send me {amount_small} for lunch?
- Mom, could you top up my Kaspi with {amount_small} for the bus? School trip tomorrow
- Sent you {amount}, get what you need at {shop}. Keep the receipt 😊
- I'll transfer you the rent tomorrow, {amount}, once my salary comes in. Sorry for the delay
- Pay the club fee yourself, sweetie, I've topped up your card

# legit social
- Beware of scammers! Bank staff never ask for your SMS code, CVV or password. If someone calls
  asking for them, hang up and call 9999. Kaspi.kz
- The police never ask you to move money to a "safe account". A call like that is fraud. Dial
  102.
- {operator}: never share SMS codes with strangers and don't open suspicious links. Report
  fraud by calling 1414.
- The National Bank warns: there is no such thing as a "safe account". Never transfer money
  because a caller tells you to, call your bank yourself. More: {gov_url}

# legit social
- In 2024 Kazakhstan registered 22,000 cases of online fraud. Most involved "safe account"
  calls and requests for SMS codes.
- According to the Interior Ministry, scammers have stolen about {amount_big} from residents
  since January. Most victims are pensioners.
- {city} police exposed an OLX scam: fake sellers took prepayments and disappeared. A criminal
  case has been opened.
- Experts see a rise in deepfake videos of "famous people" promoting investments. Real
  companies don't promise guaranteed returns on social media.

# legit sms
- {operator}: 50% off internet for 3 months! Switch your plan on {operator_url} or in the
  app.
- {grocery}: 30% off fruit and vegetables this week. Don't forget your loyalty card!
- Kaspi Red: 0-0-12 instalments at {shop}. Details in the app, {kaspi_url}.
- {shop}: your bonus balance is {amount_small}. Use it on your next purchase.

# legit messenger
- Hi! Tomorrow's meeting moves from 10 to 3 pm. See you at the office
- They say it's going to rain in {city} today, take an umbrella
- Parents, tomorrow is an open lesson, kids in white shirts please. Class teacher {name}
- I've emailed the meeting minutes, please take a look. Thanks!
- {name}, are you coming tonight? It's grandma's birthday, we're getting ready

# legit social
- {shop} in {city} is hiring a cashier. Salary {salary}, official employment. Send your CV
  via {job_url}.
- {bank} branch is hiring a client manager. Candidates never pay anything, the interview is
  at our office. Vacancy on {job_url}.
- Our company is looking for an accountant with 2+ years of experience. Salary {salary}. To
  book an interview: {phone}
- School needs an English teacher. Full-time, benefits package. Documents to the school
  office.

# legit sms
- Kaspi.kz: a Kaspi Credit of up to {amount_big} is available to you. See the terms in the
  app, no upfront fees.
- Halyk: you are pre-approved for a loan of up to {amount_big}. Apply only in the Homebank app.
  No fees are charged in advance.
- {bank}: new mortgage rates. For advice, visit your nearest branch or open the app.
- Your monthly loan payment is {amount_small}, due {date}. Please top up your account on time.
  {bank}

# legit sms
- egov.kz: your request for an "Address certificate" is complete. Download the document from
  your personal account.
- Public Service Center: your ID card is ready. You can collect it at the {city} center.
- eGov: property tax notice: {amount_small}, due {date}. Pay on {egov_url} or in your banking
  app.
- Your e-queue slot for a driver's licence: {date}, {time}. Public Service Center, {city}.

# legit messenger
- Hi, is the {item} still for sale? I can see it tomorrow and pay cash
- Writing about the {car} on Kolesa.kz. Could I see it on Saturday?
- About the flat on Krisha: when can I view it? I'll pay when we sign the contract
- I'll only pay once I receive it, could you send it via OLX Delivery?

# legit messenger
- Parents, be careful! Kids are getting messages about free {gcur} in {game} that ask for
  their parents' card.
- My mom got a call "from the bank" yesterday and sent {amount} to scammers. We've filed a
  police report, please be careful
- Guys, someone called me on behalf of {bank} asking for a code. I said nothing and hung up.
  They might call you too
- {name}, if anyone asks you for money in my name, don't reply. My WhatsApp got hacked
""")
