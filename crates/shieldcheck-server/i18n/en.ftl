# shieldcheck public pages — English (the base catalogue).
# Every other language file must define exactly these message ids (a test checks it).
# Keep sentences short and plain: many readers are frightened, on a small phone, and
# reading in a second language.

site-name = shieldcheck
site-tagline = Check whether a person who says "NYPD" really is one.
skip-to-content = Skip to main content
language-picker-label = Language
language-picker-submit = Change language
nav-home = Home
nav-verify = Check an officer
nav-precincts = Precinct phone numbers
emergency-banner = In danger now? Call 911.

home-title = Is this person really NYPD?
home-intro = If someone says they are NYPD, at your door, on the street or on the phone, you can check what they told you. It is free, and you do not need to give your name.
home-verify-link = Check a name and shield number
home-precincts-link = Find the real phone number of a precinct
home-desk-advice = To check by phone, call the precinct desk yourself, using a number from this site. Never use a phone number or link that the person gives you.

verify-title = Check an officer
verify-intro = Enter what the person told you or showed you. Fill in what you know and leave the rest empty.
verify-privacy = We do not keep what you type here, and we do not record who you are.
verify-submit = Check
field-name = Name
field-name-hint = For example: Detective Ana Rivera
field-rank = Rank
field-rank-unknown = I don't know
field-shield = Shield number
field-shield-hint = The number on the badge (shield).
field-tax-registry = Tax registry number
field-tax-registry-hint = Lieutenants and higher ranks have no shield number. Ask for their tax registry number.
field-command = Precinct or unit
field-command-hint = For example: 34th Precinct, Midtown North, Transit District 4

rank-police-officer = Police Officer
rank-detective = Detective
rank-sergeant = Sergeant
rank-lieutenant = Lieutenant
rank-captain = Captain
rank-deputy-inspector = Deputy Inspector
rank-inspector = Inspector
rank-chief = Chief
rank-traffic-enforcement-agent = Traffic Enforcement Agent
rank-school-safety-agent = School Safety Agent
rank-auxiliary-police = Auxiliary Police

result-heading = Result
result-matches_active_member = Yes. This matches an active NYPD member.
result-matches_active_member-detail = The details you entered belong to an active member. Compare them with the person's shield and ID card. If anything is different, or you still feel unsafe, call the precinct desk yourself.
result-no_match = No. This does not match any active NYPD member.
result-no_match-detail = The details you entered are not on the NYPD roster. The person may not be NYPD. Do not trust a phone number or link that they give you.
result-member_not_active = No. This is not an active NYPD member.
result-member_not_active-detail = The details you entered do not belong to a member who is on active duty now.
result-unit_not_in_nypd = No. The NYPD has no such unit.
result-unit_not_in_nypd-detail = The NYPD does not enforce immigration law and has no immigration unit. A person who says they are from such a unit is not from the NYPD.
result-insufficient = We need more details to check.
result-insufficient-detail = Enter the person's last name and either their rank and shield number, or their tax registry number.

next-steps-heading = What to do next
next-step-call_911 = If you are in danger, call 911.
next-step-call_desk = Call the desk of the { $command } yourself:
next-step-call_311 = For anything else, call 311.
next-step-precinct_list = Find any precinct's desk phone on our list of precinct phone numbers.
next-step-immigration = The police never ask victims, witnesses or people seeking help about immigration status.

precincts-title = Precinct phone numbers
precincts-intro = These are the real desk numbers of the NYPD's patrol precincts. Call one yourself to check whether an officer works there.
precincts-col-precinct = Precinct
precincts-col-address = Address
precincts-col-phone = Desk phone
precincts-no-phone = Call 311

error-heading = Please correct this
error-field_too_long = This is too long.
error-invalid_characters = This contains characters we cannot accept.
error-rate_limited = Too many checks right now. Please wait a minute and try again.
error-internal = Something went wrong on our side. Please try again, or call 311.
not-found-title = Page not found
not-found-body = This page does not exist. Go back to the home page.

footer-eo41 = The police never ask victims, witnesses or people seeking help about their immigration status (Executive Order 41).
footer-no-tracking = This site does not track you and loads nothing from any other website.

## Scanning an officer's credential on /verify
scan-heading = Scan an officer's QR code
scan-intro = Ask the officer to show the shieldcheck QR code on their own phone, then point your camera at it. The check happens on your phone and works without internet; what you scan is not sent anywhere.
scan-start = Scan a QR code
scan-stop = Stop the camera
scan-looking = Looking for a QR code…
scan-no-camera = The camera could not be opened. Allow camera access for this page, or use the form below.
scan-checking = Checking…
scan-valid = VALID: a real NYPD credential
scan-invalid = NOT VALID: do not rely on this person's word
scan-compare = Compare these details with what you were told and with the physical shield. If anything differs, do not open the door and call the precinct desk.
scan-call-desk = To be sure, call this command's desk:
scan-precinct-list = Find real precinct desk phone numbers
scan-status-as-of = Revocation status as of { $time }.
scan-again = Scan again
scan-field-name = Name
scan-field-rank = Rank
scan-field-number = Shield or tax registry number
scan-field-command = Command
scan-challenge-toggle = Ask the officer to type a code (a stronger check)
scan-challenge-show = Ask the officer to type this code on their phone: { $code }
scan-reason-expired = The credential has expired.
scan-reason-not_yet_valid = The credential is not valid yet.
scan-reason-revoked = The credential has been revoked.
scan-reason-suspended = The credential is suspended.
scan-reason-bad_signature = This code was not issued by the NYPD: it is forged or altered.
scan-reason-unknown_issuer_key = This code was not signed by a key shieldcheck trusts.
scan-reason-stale_presentation = This code is old or copied. A real code is made live on the officer's own phone and changes every 30 seconds.
scan-reason-wrong_device = This code does not come from the phone it was issued to.
scan-reason-malformed = This is not a shieldcheck credential.
scan-reason-status_unavailable = Whether the credential was revoked could not be checked. Connect to the internet once and scan again.

## The officer's wallet on /officer
officer-title = Officer credential
officer-intro = Keep your shieldcheck credential on this phone and show its live QR code when a resident asks who you are. The key that signs it never leaves this phone.
officer-needs-js = The officer credential needs JavaScript and a current browser.
officer-code-label = One-time enrolment code
officer-code-hint = From the credential office, for example K7QF-M2XD-9PRA.
officer-enrol = Enrol this phone
officer-enrolling = Enrolling…
officer-error-invalid_enrolment_code = That code is not valid: it may be mistyped, used or expired. Ask the credential office for a new one.
officer-error-other = Enrolment failed. Check the connection and try again.
officer-qr-alt = Live QR code of your credential
officer-refresh = The code changes every 30 seconds.
officer-expires = Valid until { $date }.
officer-expired = This credential has expired. Ask the credential office for a new enrolment code.
officer-challenge-label = Code shown by the resident (if they ask for one)
officer-forget = Remove the credential from this phone
