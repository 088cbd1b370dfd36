"""English scam families, part one: safe account to fake services."""

from __future__ import annotations

from saqbol.synth.messages.family import parse_families

FAMILIES = parse_families("""
# safe_account sms
- {bank} Security: a suspicious transfer of {amount} was attempted from your card. To protect
  your funds, move them to a [protected|secure] account: {iban}. Call us: {phone}
- [ALERT|Warning]: someone tried to log in to your {bank} account from an unknown device. Your
  money is at risk. Move your balance to the reserve account {iban} now.
- Dear customer, your card may be compromised. Transfer your remaining balance to a
  [safe|temporary] account today or the bank cannot guarantee your funds. Specialist: {phone}

# safe_account messenger
- Good afternoon. This is Senior Investigator {surname}, {city} Police Department. Fraudsters
  are trying to take out a loan in your name. To assist the investigation, transfer your
  savings to the National Bank's special account {iban}. This is confidential, tell no one.
- This is officer {surname} from the National Security Committee. Your bank details have been
  sold to criminals and someone inside the bank is involved. Do not go to a branch. Send the
  money to card {card} and we will hold it until the check is over.
- This is the Financial Monitoring Agency. Payments to a terrorist group went through your
  account. To prove you are not involved, move all funds to the verification account {iban}.
  Questions: {phone}

# safe_account sms
- National Bank of Kazakhstan: to insure your deposits, your funds must be moved to a
  [protected|insured] account {iban} by the end of today.
- Dear depositor, the National Bank and {bank} are running a joint audit. Your funds will be
  frozen. To keep them, transfer them to account {iban}, recipient: NBK.
- National Bank notice: under the new law all deposits must be re-registered. Move your money
  to the state protected account or it will be blocked. {phone}

# safe_account messenger
- {name}, a loan application for {amount_big} has been filed in your name at {bank}. To cancel
  it you need to open a "mirror loan" and move the money to a safe account. Our specialist will
  call you: {phone}
- An online loan was taken out with your ID. To cancel it, follow the specialist's steps: take
  a new loan in your app and send it to card {card}. The money comes back within 24 hours.
- Bank fraud control: did you apply for a loan of {amount_big}? If not, transfer the amount to
  account {iban} so we can return it to the bank and close the application.

# sms_code_1414 sms
- eGov: your personal data must be updated. Forward the code from 1414 to {phone} or your
  digital documents will be suspended.
- Hello, I'm calling from the Public Service Center. To extend your ID card, please read me the
  [six-digit|6-digit] code you just got from 1414.
- [Attention|Important]: your digital signature (EDS) expires today. To renew it remotely, give
  the confirmation code from the SMS to our specialist: {phone}

# sms_code_1414 messenger
- A parcel from {city} is waiting for you. To confirm delivery, type the code from the SMS
  into this chat.
- Kazpost: parcel {track} is at the post office. To collect it, send us the login code for
  your account, it will arrive by SMS in a moment.
- Hi, I'm the courier with your order. To close the delivery in the system, tell me the code
  you just received, otherwise the order goes back to the warehouse.

# sms_code_1414 messenger
- Congratulations! You earned a {amount} bonus for taking the {bank} survey. To get it on your
  card, send us the code that is about to arrive.
- The city akimat is running a social survey and pays {amount_small} to each participant. To
  confirm, tell us the code from the SMS.
- Hello! You were selected for a pension fund survey. To receive your {amount_small} reward,
  type here the code sent by 1414.

# sms_code_1414 messenger
- Hey! Sorry, I typed your number by mistake, did you get a code? Please send it to me, it's
  urgent
- {name}, hi! A code from 1414 went to you by accident, can you forward [those 4|those 6]
  digits?
- Hi, it's {name}. My WhatsApp won't move to the new phone and the verification code went to
  you. Can you screenshot it for me?

# sms_code_1414 messenger
- Dear parents! To register in the school's new e-diary, send the SMS code to the class
  teacher at {phone}.
- Parents' chat: we are voting on CCTV for the school. To vote, enter the SMS code at
  {egov_link}
- Dear parent, your child's Kundelik page has been locked. To restore it, forward the code
  from 1414 to the school office: {phone}

# investment social
- Invest {amount_small} in {company} shares and earn {amount_big} a month! Backed by the
  state. Sign up: {invest_link}
- New {company} program: shares of national companies for every citizen. Start with just
  {amount_small}, returns of {percent} a day. Limited places: {invest_link}
- [A new opportunity|Exclusive offer] for Kazakhstan residents: get a share of {company}
  profits, up to {percent} a month. Leave a request and a manager will call from {phone}.

# investment social
- {celeb} has launched a new investment platform for every Kazakhstani! Watch the video and
  register: {invest_link}. Earn {amount_big} in your first week.
- Breaking: {celeb} revealed a passive income project on live TV. Minimum deposit
  {amount_small}. Registration closes today: {invest_link}
- "I put my own money into this project," says {celeb}. Watch the video and sign up at
  {invest_link}, an advisor will call you.

# investment messenger
- Hello, I'm a crypto analyst. My team makes {percent} profit a day. I can help you start,
  you only need to invest {amount}. See our results: {tg_link}
- With our exchange signals you double your deposit in {days} days. Convert your money to USDT
  and send it to my wallet, I'll do the trading.
- {name}, your account has {amount} in profit! To withdraw it, first pay the {fee} tax to card
  {card}. Your manager, {surname}.

# investment social
- National Fund dividends for every citizen! To claim your share, register at {invest_link}
  and pay the {fee} registration fee.
- Nazarbayev Fund investment program: put in {amount_small} and receive {amount} every month.
  Advisor: {phone}
- The state "People's Investment" program is live. Every participant gets a guaranteed
  {percent} return. Registration today only: {invest_link}

# prepayment messenger
- Hi, the {item} is still available, but lots of people are asking. If you send a
  {amount_small} deposit I'll hold it for you. Card: {card}
- {item} in stock, brand new, boxed. I'll ship from {city}, but I need full payment upfront to
  {card}, name {name}. You'll get a tracking number after payment.
- Yes, I have the {item}. It's {amount}. Send it to my Kaspi {phone} and I'll send it by
  courier today.

# prepayment messenger
- The flat is free, {city}, two bedrooms, {amount} a month. I'm out of town, so I'll send the
  keys by courier. Please transfer one month's rent to {card} as a deposit.
- Hello, about the Krisha listing. There's a queue for viewings, so to reserve you pay
  {amount_small} upfront, it goes toward the contract. Card: {card}
- Daily rental in central {city}. Booking only with 50% prepayment to Kaspi {phone}. I'll send
  the address and door code after payment.

# prepayment messenger
- Selling a {car} below market, I'm moving urgently. The car is in {city}. Send a {amount}
  deposit and I won't sell it to anyone else. Kaspi: {phone}
- You asked about the {car} on Kolesa? It's held at customs. To release it I need {amount} for
  the duty, pay that and I'll drive it over tomorrow.
- Used wheels and parts for a {car}. Price {amount_small}, full payment first to {card}, then
  I ship.

# prepayment social
- Concert tickets still available! Price {amount_small}, pay to Kaspi {phone} and I'll send the
  ticket as a PDF on WhatsApp.
- Last-minute tour to Turkey! 7 days all-inclusive for just {amount}. To book your place,
  prepay 50% to card {card}.
- {item} at 60% off in our Instagram shop! Free delivery, full prepayment only. Kaspi transfer:
  {phone}

# relative_in_trouble messenger
- Mom, this is my new number, my phone broke. I urgently need {amount}, send it to card {card},
  I'll explain later
- Mum, it's me. I'm in big trouble, please don't tell anyone. Quickly transfer {amount} to this
  card: {card}
- Dad, it's me, new number. I need {amount_small} right now, send it to [Kaspi|card] {phone},
  I'll call tonight

# relative_in_trouble messenger
- Your son was in a car accident and hit a pedestrian. To avoid a criminal case you must pay
  the victim {amount_big}. I'm the investigator, my number is {phone}.
- Your child is in hospital and needs urgent surgery, it costs {amount}. Transfer it to the
  doctor's card: {card}. There is no time!
- Hello, your daughter was in an accident and is at the police station. To close the case
  {amount_big} is needed. Tell no one or the case goes to court. Contact: {phone}

# relative_in_trouble messenger
- Hi! Could you lend me {amount_small} until tomorrow? My card is blocked, send it to this one:
  {card}
- Mate, I need help fast. I need {amount} by tomorrow, my Kaspi isn't working, send it to
  {phone}.
- {name}, how are you? Awkward to ask, but could you lend me {amount_small}? It's my wife's
  card: {card}. I'll pay you back tonight

# relative_in_trouble messenger
- Grandpa, it's me, your grandson. I got picked up by the police, the investigator says if we
  give {amount} the case will be dropped. Don't tell Dad, send it to this number: {phone}
- Grandma, hi. I'm in hospital without my phone, writing from a friend's number. I need
  {amount_small} for medicine, card {card}.
- Mom, I'm at the army base, barely got a phone. If I give the commander {amount}, they'll let
  me go home. Send it to this card: {card}

# fake_loan social
- Loans up to {amount_big} regardless of credit history! Approval in 1 hour. Only the {fee}
  insurance fee is paid upfront. WhatsApp: {phone}
- Need a loan? We lend even with overdue debts! No collateral, no paperwork. Processing fee {fee}
  to card {card}
- Loans for everyone: pensioners, students, the unemployed. Just pay {fee} for the contract.
  Apply: {loan_link}

# fake_loan sms
- {name}, your loan of {amount_big} is approved! To receive it on your card, activate your
  account by paying {fee}: {loan_link}
- Congratulations! Your loan is approved. The funds are on hold: pay the {fee} insurance policy
  and get your money today. Manager: {phone}
- Your loan is ready but the card number was entered incorrectly. Re-verification costs {fee},
  transfer it to card {card}.

# fake_loan social
- 0% microloan! First loan interest-free, up to {amount}. Apply: {loan_link}. 100% approval!
- Pay only {amount_small} a month! A {amount_big} loan in 5 minutes. As a guarantee you
  transfer the first payment in advance, we handle the rest.
- Banks said no? We approve 99%! A personal broker will get you a loan up to {amount_big},
  service fee {fee} paid upfront. Telegram: {tg_link}

# fake_loan messenger
- State support for borrowers! We merge all your debts into one low-interest loan. Paperwork
  fee {fee}. Free consultation: {phone}
- Hello, we're writing on behalf of {bank}. You've been approved for a {amount_big}
  preferential loan, you only need to pay {fee} for notarisation to card {card}
- Mortgage with no down payment! We collect all documents for the state program. Prepayment
  {fee}, guaranteed result.

# fake_service social
- State social payment! A one-off 42,500 tenge for every citizen. Apply here: {egov_link}
- By government decision every family receives 42500 tenge. To get it, add yourself to the
  list and pay the {fee} service fee. Contact: {phone}
- Extra allowance of {amount} for large families! Applications only through this site:
  {egov_link}. Don't forget to enter your card details.

# fake_service messenger
- Guaranteed admission on a state grant! Even with a low UNT score we'll place you on a grant
  at {uni}. Service fee {amount}, 50% upfront.
- Free study abroad! We handle the grant program paperwork. Registration fee {fee}, contact:
  {phone}
- {uni} admissions: your documents are approved. To keep your place, transfer the {fee}
  guarantee deposit to card {card}.

# fake_service social
- Driver's licence without the exam! Ready in 3 days, in the official database. Price
  {amount}, prepayment to {card}
- Medical certificates, form 086, work clearance — in one day, no clinic visit. Kaspi transfer
  to {phone}.
- Diplomas and certificates entered in the official register. Price {amount}, half upfront.
  Message us: {tg_link}

# fake_service messenger
- {amount_big} grant under the "Business Roadmap"! We write the business plan, 100% approval.
  Prepayment {fee}.
- State grant for young entrepreneurs. To check your application, enter your EDS password and
  card details at {egov_link}.
- We'll wipe your fine at 50% off and remove it from the database for good. Service fee {fee},
  Kaspi transfer to {phone}.
""")
