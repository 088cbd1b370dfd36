"""English scam families, part three: one more story per typology and channel.

The kk, ru and en part-three files list the same stories in the same order, two per typology.
"""

from __future__ import annotations

from saqbol.synth.messages.family import parse_families

FAMILIES = parse_families("""
# safe_account sms
- {bank} anti-fraud department: a withdrawal of {amount_big} from your deposit is in progress
  right now. To cancel it, move the money to the reserve account {iban} within 30 minutes.
- [URGENT|Urgent]: a third party is closing your deposit at another branch. To stop the
  operation, withdraw the cash and pay it in at any ATM to account {iban}. Hotline {phone}
- Your savings are being sent to an unknown card as we speak. Only a transfer to the bank's
  reserve account {iban} will block it. Confirm by calling {phone}. {bank}

# safe_account messenger
- Good evening, {name}. This is {surname}, prosecutor of the {city} Prosecutor's Office. We are
  running a covert operation against a [cashier|branch manager] at {bank} who steals clients'
  deposits, and we need your help: withdraw your savings in cash and pay them in through an ATM
  to the control account {iban}.
- Financial police, case no. {order}. An employee of your bank is selling clients' money and
  you are now a witness. Tomorrow take out all your cash, go to the ATM I name and deposit it on
  account {iban}. Not a word to bank staff or family, or the operation fails.
- Economic Investigations Service 👮 You have been chosen to help catch a corrupt bank clerk
  red-handed. Cash out {amount_big} and feed it into the terminal for the marked account {iban};
  you signed a non-disclosure, so tell nobody and keep this chat open.

# sms_code_1414 messenger
- Hello! Seller from {shop} here. The refund of {amount} for order #{order} is ready, just tell
  me the code that came by SMS and the money goes back to your card.
- Courier here, I'm at your entrance with order #{order} 📦 the system won't let me hand it
  over without the code, it just came to your phone, what is it?
- Hi, {shop} marketplace support. Delivery of your {item} has to be confirmed or it gets
  cancelled tonight. We've sent you an SMS, please write the digits here.

# sms_code_1414 sms
- HR {company}: to finalise your employment contract on enbek.kz, send the code you receive
  from 1414 to {phone}.
- Congratulations, you are hired! To register you with the ENPF for pension contributions,
  reply with the code that 1414 sends in a minute. HR manager {name}
- {company} personnel department: your work contract is ready for e-signing. Forward the SMS
  code from 1414 to our HR at {phone} before {time} today.

# investment social
- 🚀 The [Air Astana|Kazatomprom|Tesla] IPO is open to ordinary Kazakhstanis! Buy shares
  before the AIX listing through our broker app from just {amount_small} and get a
  +{pct_small}% bonus on your first deposit 📈 {invest_link}
- Missed the last IPO? Not this time. {company} shares are guaranteed to grow {percent} after
  listing, and our app lets you buy at the pre-IPO price. First deposit bonus ends Friday:
  {invest_link} #IPO #AIX #investing
- Our clients got into Tesla before it took off 💰 Now it's your turn: install the broker app,
  top up {amount_small} and watch the growth, guaranteed. Details on WhatsApp {phone}

# investment messenger
- Hi! I'm the admin of the VIP channel "Crypto Arbitrage KZ". Our P2P arbitrage signals give a
  steady {pct_small}% a day with zero risk. A month of access is {fee}, pay to card {card} and
  I'll add you: {tg_link}
- Our trading bot runs 24/7 on Binance and Bybit, profit is credited every evening 💸 Minimum
  deposit to the bot is {amount}, guaranteed {pct_small}% daily. Start here: {tg_link}
- {name}, a seat in the VIP group has just opened. Yesterday's P2P spread bundle made members
  {amount} each. Pay {fee} for access and you get today's first signal.

# prepayment social
- Coal for the winter, [Ekibastuz|Shubarkol|Karazhyra], {amount} a ton with delivery to {city}
  🔥 Delivery is paid in advance, the truck leaves tomorrow. WhatsApp {phone}
- 🐑 Sheep for Kurban ait, 45-60 kg live weight, cheaper than at the bazaar! To book yours, pay
  the {amount_small} delivery to Kaspi {phone} and we bring it to your door.
- Hay bales and firewood, [birch|saxaul|pine], delivered across the region. 50% prepayment for
  transport to card {card}, the rest when we unload. Orders in DM ✉️ #firewood #coal #{city}

# prepayment messenger
- Hi! iPhones straight from Dubai, original and sealed. The 15 Pro is {amount}, half the
  {city} price. I work on 50% prepayment to card {card}, the rest when you pick it up.
- Good day 🙏 We bring electronics from Korea without customs markup: {item}, Samsung, Dyson.
  Send 50% to Kaspi {phone} and the parcel flies in {days} days, the second half on receipt.
- {item} from Dubai duty free, {amount}, guaranteed original. My cousin brings them on the
  plane, so I need half upfront to lock in your unit. Card {card}, {name}.

# relative_in_trouble messenger
- Mom it's me, I'm at the airport in [Istanbul|Dubai|Antalya], my phone died and I'm writing
  from a girl's phone. They won't let me board because of my luggage, I need {amount} right
  now, send it to this card {card} please
- Dad, my phone is dead, this is a stranger's number. Airport police fined me {amount_small}
  over my visa and if I don't pay I miss the flight. Kaspi {phone}, quick please 🙏
- Hi mum, I lost my phone in [Seoul|Prague|Warsaw] 😢 writing from my roommate's WhatsApp. I
  need {amount} for a new ticket home today, can you send it to her card {card}? don't call,
  her phone is on silent

# relative_in_trouble sms
- Hello, I'm {name}, your son's friend. He was taken to the police station after a fight at a
  cafe. The investigator agrees to close the case today for {amount}, please call {phone}.
- Auntie, it's {name}, your son's friend. He got into a fight and the other guy is in
  hospital. The lawyer says {amount_big} settles everything before evening, send it to card
  {card}.
- Your son has been detained in {city}. I'm his friend, they took his phone so he asked me to
  write. The lawyer needs {amount} today to keep the case out of court. Kaspi: {phone}

# fake_loan sms
- {bank}: a credit card with a {amount_big} limit is pre-approved for you. Pay {fee} for issue
  and courier delivery and the card is yours tomorrow: {loan_link}
- {name}, your Gold credit card is ready! Limit {amount_big}, 100-day grace period. To have it
  sent out, pay the {fee} delivery fee to card {card}.
- Credit card approved with no income certificate needed. To activate the limit, pay the card
  issuance fee of {fee}. Details: {phone}

# fake_loan social
- 💼 Business loans under the Damu programme at 6%, NO collateral! We are an accredited
  broker, approval in {days} days. The agent's fee of {fee} is paid upfront. WhatsApp {phone}
- Entrepreneurs of {city}! Up to {amount_big} for your IP through "Business Roadmap", a
  subsidised rate and no guarantors. Our commission is only {pct_small}%, payable before the
  money arrives. Apply: {loan_link}
- Banks turned your business down? We get state-backed loans approved for IPs and LLPs with
  zero collateral 🙌 To open your file, pay the broker's fee of {fee} to card {card}. #Damu
  #business #loan

# fake_service social
- 🕋 Hajj and Umrah quotas for this season are still available! A guaranteed place in the
  group, flight and hotel included. Reserve yours with a {amount} deposit to card {card}.
- Work visa to South Korea with no language test! E-9 guaranteed, salary from $2,000 a month.
  Processing fee {amount}, pay and we submit your documents today. {phone}
- We guarantee you a US Green Card! Our agency has a "special quota" with the embassy and
  only {num} places are left this month. Registration {fee}: {tg_link}

# fake_service messenger
- Hello! Military ID without service, entered in the register, ready in {days} days. The price
  is {amount}: half to card {card} now, half when you receive it.
- Car inspection without bringing the car 🚗 Send a photo of the registration certificate and
  {amount_small} to Kaspi {phone}, and the inspection will be in the database by evening.
- {name}, about the driving test: we pass theory and practice for you, you don't even have to
  show up. {amount} all in, prepayment to {card}. Need a medical certificate too? Same day.

# mule_recruitment messenger
- Hi! Looking for P2P partners. Buyers pay to your Kaspi, you buy USDT with that money and
  send it to my wallet, and {pct_small}% of every deal stays with you. An easy {amount} a week.
- Want to be a P2P merchant? All you need is a [Kaspi|Halyk|Jusan] card and an hour a day.
  Customers' payments land on your card, you convert them to USDT on the exchange and take
  your percentage.
- {name}, the offer still stands: I send clients to your card, you buy crypto on Binance P2P
  and transfer it to the address I give. {pct_small}% is yours, paid the same day. Write me:
  {tg_link}

# mule_recruitment social
- Easy money for 18+ 💰 Register SIM cards in your name for our company and get
  {amount_small} for each one. Just your ID and 15 minutes. DM us
- A logistics company pays {amount} for opening an IP and a business account in your name. We
  handle the paperwork, you hand over the logins and get paid. {city}, {phone}
- Earn without working! Open accounts in 3-4 banks, pass us the cards and SIM, and receive
  {amount} at once. It's legal, we sign a contract. #income #{city} #parttime

# prize_lottery sms
- {shop} turns 10! Your receipt number has won a {car}. To register the car in your name, pay
  the {fee} fee by {date}: {prize_link}
- {bank} anniversary draw: client {card4} has won a brand-new {car}. The registration fee of
  {fee} must be paid within 48 hours. Info: {phone}
- The main prize of our anniversary draw, a {car}, goes to you! The keys are handed over once
  the {fee} transfer duty is paid to card {card}. {shop}

# prize_lottery messenger
- Hello! This is the producer of the "[Lucky Hour|Golden Question|Big Quiz]" show on Channel
  31. Your number was drawn in the live quiz and you won {amount_big}! Before the transfer,
  the {fee} insurance has to be paid to card {card}.
- Good afternoon, this is the morning show on [Europa Plus|Radio NS|Love Radio] {city}. You
  answered our quiz question correctly and won {amount} 🎉 The bank charges a {pct_small}%
  commission on the transfer, which you pay first to Kaspi {phone}.
- {name}, congratulations again on the TV quiz win! Your prize money is in the studio account
  and only the {fee} insurance remains. Send the receipt here after you pay.

# game_gift social
- FREE Minecraft premium account 🎮 plus all the {game} skins! Comment "+" and we'll DM you.
  Then ask your mom for the code in her SMS and send it to us.
- Giveaway for subscribers: a whole year of Roblox Premium for free! Put your mom's phone
  number on {game_link} and type in the SMS that arrives.
- 🔥 Legendary skins in {game} for the first 500 kids! Just write in the comments what the
  message from the bank on your mom's phone says. Hurry!

# game_gift messenger
- Hi! You won 10,000 TikTok coins 🎁 but you have to be 18+, so enter your mom's card on
  {game_link} to verify your age, nothing will be charged.
- Free Fire diamonds giveaway 💎 To confirm you are over 18, send a photo of your parent's card
  here. It's only an age check, the money stays on the card.
- {name}, your 5000 {gcur} are waiting! The system needs age verification: type your mom's
  card number, expiry date and the 3 digits on the back.

# pyramid messenger
- Girls, the "Flower" 🌸 is opening a new petal! You gift {amount_small} once to the woman in
  the centre, bring two friends, and in a couple of weeks you are the centre and get 8 gifts.
- Hi dear ❤️ I'm inviting you into our "Butterfly" women's circle. One gift of {amount_small}
  to the centre, two girlfriends invited, and then you receive x8. It's not a pyramid, it's
  women helping women
- {name}, I just got my {amount} from the circle, tears of joy 😭 There's a free spot in the
  new flower: gift {amount_small} to the centre via Kaspi {phone} and bring 2 friends.

# pyramid social
- Your own online shop in one day! Buy a franchise starter package for {amount} and earn from
  every partner you bring in, up to 5 levels deep. No goods, no warehouse, just a team 💼
- 🛍 Online store franchise with a ready-made website! Starter pack {amount_small}, then
  {pct_small}% of your partners' packages and of their partners' too. Webinar tonight:
  {tg_link}
- Why work for someone else? Become a partner of our e-commerce franchise, with Silver, Gold
  and Diamond levels and {amount_big} a month passive. You don't sell anything, you build a
  network. {phone} #franchise #business #passiveincome

# phishing_link sms
- KGD MF RK: you have a personal income tax overpayment of {amount}. To receive the refund,
  enter your card details: {egov_link}
- State Revenue Committee: a tax refund of {amount_small} has been approved for your IIN.
  Submit your card number and CVV by {date}: {egov_link}
- salyk.kz: an overpayment of {amount} was found on your tax account. The refund goes to your
  bank card, fill in the form: [{egov_link}|{bank_link}]

# phishing_link messenger
- Hi, I've already paid for your {item} through the safe deal 👍 The money is waiting for you,
  just open the link and enter your card and CVV to receive it: {olx_link}
- Good afternoon! I'm buying the {item}, payment went through Kaspi, here's the confirmation
  page: {kaspi_link}. Enter the card you want the money on, with its CVV, and it's credited
  instantly.
- Paid! 💳 The courier picks it up tomorrow. The site says you must confirm receipt of
  {amount}: card number, expiry date and the three digits on the back, here {olx_link}

# remote_access sms
- {bank}: a critical security update is available for your app. Install it from {apk_link}
  and allow all permissions to keep access to your account.
- Your banking app is exposed to a new virus. Download the official {bank} antivirus:
  {apk_link}. After installing, turn on "Accessibility" for it.
- Security notice: from {date} old versions of the {bank} app stop working. Update via
  {apk_link} and confirm remote access when prompted.

# remote_access messenger
- Hello, ENPF support here. There is an error in your pension savings data. I'll call you on
  WhatsApp video now, turn on screen sharing and I'll fix it in 5 minutes.
- eGov support 👋 Your IIN is linked to incorrect data and the specialist needs to see your
  screen. Accept the video call, tap "Share screen" and open your banking app when asked.
- {name}, about your pension payment: to correct the data, start a WhatsApp video call with
  screen sharing. Our specialist {surname} will guide you through it, the service is free.
""")
