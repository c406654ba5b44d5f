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
