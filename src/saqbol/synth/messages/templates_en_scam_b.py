"""English scam families, part two: mules, prizes, games, pyramids, links, remote access."""

from __future__ import annotations

from saqbol.synth.messages.family import parse_families

FAMILIES = parse_families("""
# mule_recruitment social
- Job available! Earn {amount} a day, no experience needed. Money comes to your card, you
  send it on and keep {pct_small}%. Message: {phone}
- Work from home, 1-2 hours a day. Receive client payments and forward them to the account we
  give you. {pct_small}% of every transfer is yours. Details: {tg_link}
- Side income for [students|stay-at-home mums]! All you need is a phone and a bank card. Money
  in, money out, keep your cut. Weekly income {amount}.

# mule_recruitment messenger
- Rent out your Kaspi card and get {amount} a month, passive! Zero risk, it's only used for
  turnover. Details: {tg_link}
- Card just sitting there? Earn {amount} a week. We rent your card and manage the money
  ourselves. City: {city}. Text {phone}
- Hey! Can you lend me your account for a week? A couple of transfers will come in, you cash
  them out and hand it over, I'll give you {amount_small}. Nothing risky

# mule_recruitment messenger
- Job for students: open a sole proprietorship (IP) and a bank account, we pay you {amount}.
  Done in one day, documents online.
- Is your IP sitting idle? We'll rent it for {amount} a month. We pay the taxes, you only give
  us your EDS and access to the banking app.
- Open an account at a new bank and hand us the card, {amount_small} per card. 18+, {city}.
  Contact: {phone}

# mule_recruitment social
- Courier wanted: collect cash from clients and deposit it at an ATM. {amount_small} per job.
  18+, {city}.
- Easy money: register a friend's card under your name and get {amount_small} per transfer.
  Telegram: {tg_link}
- Drivers and couriers wanted! Pick up a package at one address and drop it at another, paid
  daily, {amount}. No questions asked. {phone}

# prize_lottery sms
- Congratulations! You won a {car} in the {shop} prize draw! To claim it, pay the {fee}
  registration tax: {prize_link}
- {shop} anniversary draw: your number won {amount}! Claim your prize: {prize_link}
- Your number is a winner in the {operator} draw! Prize: {item}. Delivery {fee}, pay to card
  {card}

# prize_lottery messenger
- Congratulations, you won a {item}! Pay {fee} for delivery and a courier brings it tomorrow.
  Kaspi: {phone}
- {name}, you are this week's winner! To ship your prize we need the {fee} customs duty. Card:
  {card}
- Hello! You won {amount} in our prize draw. To receive it, send us your card number and the
  three digits on the back.

# prize_lottery social
- 🎉 You're the winner of our Instagram giveaway! You won a {item}. To claim it, fill in your
  details at {prize_link}
- Hi! You won our giveaway 🎁 The {item} is yours! Just pay the {fee} delivery to this card:
  {card}
- You are our page's 100,000th follower! Your gift is {amount}. To get it, open {prize_link}
  and enter your card details.

# prize_lottery sms
- "Lucky Number" promo: your number won {amount_big}! To receive it, pay the {fee} state duty.
  Info: {phone}
- {bank} customer draw: you won a {car}! Complete the paperwork at {prize_link} within 24
  hours.
- You've been named "Customer of the Year"! {bank} is giving you {amount}. To activate the
  bonus, first transfer {fee} to card {card}

# game_gift social
- Free {gcur}! 10,000 {gcur} for every {game} player. Just log in and verify your parent's
  card: {game_link}
- {game} anniversary! Free {gcur} for the first 1000 players. Grab them: {game_link}. Don't
  forget to enter your login and password!
- Want free {gcur} in {game}? Get them in 5 minutes with our bot: {tg_link}. Type in the code
  that comes to your mum's phone

# game_gift messenger
- Hey! Want me to send you 5000 {gcur} in {game}? Just take a photo of your mom's card, both
  sides, and send it so I can check
- I'm giving away {gcur} for free 😊 Your parents will get a code on their phone, just send it
  to me
- Hi, I'm a {game} moderator. You won our giveaway! To get your {gcur}, send a photo of the
  card and the SMS code, don't tell your parents, it's a surprise

# game_gift messenger
- {game} admin: your account is about to be banned! To restore it you need to pay {fee} or all
  your {gcur} will be lost. Payment: {card}
- We're checking your {game} account. To keep your {gcur}, open your parents' Kaspi and tell
  me the code that comes up
- Warning! Your {game} account has been hacked. To save it, go to {game_link} and enter your
  phone number and bank card details

# game_gift social
- Rare {game} skins almost free! 10 skins for only {amount_small}. Pay first, then they drop
  into your account. Kaspi {phone}
- Selling {game} top-ups at 90% off. 1000 {gcur} = {amount_small}. Prepayment only, card
  {card}
- Guys! Cheap {game} top-ups! Ask your parents to send {amount_small} to Kaspi {phone} and you
  get {gcur} instantly

# pyramid social
- Passive income! Pay in {amount_small}, invite 3 friends and get {amount} from each. The
  higher your level, the more you earn. Details: {tg_link}
- New project launched! Entry {amount_small}, {pct_small}% for every person you invite. Reach
  level 5 and earn {amount_big} a month! Text: {phone}
- The "matrix" system: pay {amount_small} and join the queue. When 8 people join after you,
  you get {amount}. Don't be late, places are filling up!

# pyramid messenger
- Girls, join our mutual help fund! Put in {amount_small} and get x8 back in 2 weeks. It's
  real, I got paid myself! Come in
- Hi {name}! I'm in the "Golden Circle" project, made {amount} in a month. There's a spot for
  you too, first payment {amount_small}. After that you just invite people
- "Kindness Fund", we help each other! You send {amount_small}, then {amount} comes back from
  the common pot. Invite link: {invest_link}

# pyramid social
- Network business: earn without selling anything! Starter pack {amount_small}. Just invite
  partners, {percent} bonus.
- Club entry fee {amount_small}. You get {pct_small}% from every new member, plus bonuses from
  the people they bring. {amount_big} in 3 months!
- Tired of your job? People on our team make {amount} a month just by bringing in new
  partners. Free webinar: {tg_link}

# pyramid messenger
- MMM is back! Your deposit grows {percent} a month. Start with just {amount_small}, and get a
  double bonus for every friend you invite.
- Hi! We're opening the "Ak Zhol" cash circle. Entry {amount_small}, when your turn comes you
  get {amount}. You must invite at least 2 people
- New cycle starts tomorrow! Put in {amount_small} and get {amount} in 10 days. +{pct_small}%
  for each friend you invite.

# phishing_link sms
- Kaspi: you've received a {amount_small} bonus! To claim it, follow the link {kaspi_link}
- {amount} cashback has been returned to your Kaspi Gold. Confirm to receive it: {kaspi_link}
- Congratulations! A Kaspi Red discount is unlocked for you. It expires today: {kaspi_link}

# phishing_link sms
- {bank}: your account has been temporarily suspended. To unlock it, log in here: {bank_link}
- Warning! Suspicious activity on your card. Verify your details for security: {bank_link}.
  Otherwise the card will be closed in 24 hours.
- Homebank: your password has expired. Update it here: {bank_link}

# phishing_link messenger
- Hello! I bought your item and paid through OLX Delivery. To receive the money, open the link
  and enter your card details: {olx_link}
- Kazpost: your parcel is on hold because of an address error. Confirm delivery and pay {fee}:
  {post_link}
- A payment has been made for your Kolesa listing. Receive the money: {kolesa_link}

# phishing_link sms
- eGov: you have an unpaid fine of {amount_small}. If unpaid, you will be banned from leaving
  the country. Pay: {egov_link}
- Tax refund: you are owed {amount}. Confirm your claim: {egov_link}
- You have been granted a social payment under the new program. To receive it, sign in at
  {egov_link} with your IIN and card details.

# remote_access messenger
- {bank} support: to protect your card, install the {app} app and our specialist will help you
  via screen sharing. Link: {apk_link}
- Your phone has a virus, that's why you can't open your banking app. Download {app} and read
  me the code on the screen, I'll clean it up.
- To get your money back, install {app}. Our specialist will connect and fill in the claim
  for you, you just need to allow access.

# remote_access sms
- {operator}: your SIM card is about to expire. To keep your number, install the app:
  {apk_link}
- {operator}: switch to eSIM for free. Download the app and grant all permissions: {apk_link}
- Dear subscriber, your number will be blocked in 24 hours. To update your details, install
  the file {apk_link}

# remote_access messenger
- Public Service Center: to book a place in the e-queue, install this app {apk_link}. After
  installing, turn on screen sharing.
- To check your pension payments, download {app}, a specialist will connect remotely and set
  everything up.
- Hello, I'm an eGov specialist. To renew your EDS, install {app} and read me the 9-digit ID,
  I'll connect to your computer.

# remote_access social
- To withdraw your profit from the investment platform, install {app}. A manager will connect
  to your screen and submit the withdrawal for you.
- Your crypto wallet holds {amount}. Our specialist will help you withdraw it via {app}.
  Download the program and tell us the code.
- We recover money stolen by scammers! Our lawyer connects to your account via {app} and files
  the refund claim. Free consultation: {phone}
""")
