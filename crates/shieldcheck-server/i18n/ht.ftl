# shieldcheck public pages — Haitian Creole

site-name = shieldcheck
site-tagline = Tcheke si yon moun ki di li se "NYPD" se vre.
skip-to-content = Ale nan kontni prensipal la
language-picker-label = Lang
language-picker-submit = Chanje lang
nav-home = Akèy
nav-verify = Tcheke yon ofisye
nav-precincts = Nimewo telefòn pwesen yo
emergency-banner = Ou an danje kounye a? Rele 911.

home-title = Èske moun sa a se NYPD vre?
home-intro = Si yon moun di ou li se NYPD, devan pòt ou, nan lari a oswa nan telefòn, ou ka tcheke sa li di ou. Se gratis, epi ou pa bezwen bay non ou.
home-verify-link = Tcheke yon non ak yon nimewo badj
home-precincts-link = Jwenn vrè nimewo telefòn yon pwesen
home-desk-advice = Pou tcheke nan telefòn, rele biwo resepsyon pwesen an ou menm, avèk yon nimewo ki sou sit sa a. Pa janm itilize yon nimewo telefòn oswa yon lyen moun nan ba ou.

verify-title = Tcheke yon ofisye
verify-intro = Ekri sa moun nan te di ou oswa te montre ou. Ranpli sa ou konnen epi kite rès la vid.
verify-privacy = Nou pa kenbe sa ou ekri la a, epi nou pa anrejistre kiyès ou ye.
verify-submit = Tcheke
field-name = Non
field-name-hint = Pa egzanp: Detective Ana Rivera
field-rank = Grad
field-rank-unknown = Mwen pa konnen
field-shield = Nimewo badj
field-shield-hint = Nimewo ki sou badj la (shield).
field-tax-registry = Nimewo rejis taks (tax registry number)
field-tax-registry-hint = Lyetnan yo ak grad ki pi wo yo pa gen nimewo badj. Mande yo nimewo rejis taks yo (tax registry number).
field-command = Pwesen oswa inite
field-command-hint = Pa egzanp: 34th Precinct, Midtown North, Transit District 4

rank-police-officer = Ofisye Polis (Police Officer)
rank-detective = Detektif (Detective)
rank-sergeant = Sèjan (Sergeant)
rank-lieutenant = Lyetnan (Lieutenant)
rank-captain = Kapitèn (Captain)
rank-deputy-inspector = Enspektè Adjwen (Deputy Inspector)
rank-inspector = Enspektè (Inspector)
rank-chief = Chèf (Chief)
rank-traffic-enforcement-agent = Ajan Kontwòl Trafik (Traffic Enforcement Agent)
rank-school-safety-agent = Ajan Sekirite Lekòl (School Safety Agent)
rank-auxiliary-police = Polis Oksilyè (Auxiliary Police)

result-heading = Rezilta
result-matches_active_member = Wi. Sa a koresponn ak yon manm NYPD ki aktif.
result-matches_active_member-detail = Enfòmasyon ou antre yo se pou yon manm ki aktif. Konpare yo ak badj ak kat idantite moun nan. Si gen yon bagay ki diferan, oswa si ou toujou pa santi ou an sekirite, rele biwo resepsyon pwesen an ou menm.
result-no_match = Non. Sa a pa koresponn ak okenn manm NYPD ki aktif.
result-no_match-detail = Enfòmasyon ou antre yo pa sou lis manm NYPD yo. Moun nan ka pa NYPD. Pa fè konfyans yon nimewo telefòn oswa yon lyen li ba ou.
result-member_not_active = Non. Sa a se pa yon manm NYPD ki aktif.
result-member_not_active-detail = Enfòmasyon ou antre yo pa pou yon manm ki nan sèvis aktif kounye a.
result-unit_not_in_nypd = Non. NYPD pa gen inite konsa.
result-unit_not_in_nypd-detail = NYPD pa aplike lwa imigrasyon, epi li pa gen inite imigrasyon. Yon moun ki di li soti nan yon inite konsa pa soti nan NYPD.
result-insufficient = Nou bezwen plis enfòmasyon pou nou tcheke.
result-insufficient-detail = Antre non fanmi moun nan, ak swa grad li ak nimewo badj li, swa nimewo rejis taks li.

next-steps-heading = Sa pou ou fè apre
next-step-call_911 = Si ou an danje, rele 911.
next-step-call_desk = Rele biwo resepsyon { $command } ou menm:
next-step-call_311 = Pou nenpòt lòt bagay, rele 311.
next-step-precinct_list = Jwenn nimewo telefòn biwo resepsyon nenpòt pwesen sou lis nimewo telefòn pwesen nou an.
next-step-immigration = Polis la pa janm poze viktim, temwen oswa moun k ap chèche èd kesyon sou estati imigrasyon yo.

precincts-title = Nimewo telefòn pwesen yo
precincts-intro = Sa yo se vrè nimewo biwo resepsyon pwesen patwouy NYPD yo. Rele youn ou menm pou tcheke si yon ofisye travay la.
precincts-col-precinct = Pwesen
precincts-col-address = Adrès
precincts-col-phone = Telefòn biwo resepsyon
precincts-no-phone = Rele 311

error-heading = Tanpri korije sa a
error-field_too_long = Sa a twò long.
error-invalid_characters = Sa a gen karaktè nou pa ka aksepte.
error-rate_limited = Gen twòp tchèk kounye a. Tanpri tann yon minit epi eseye ankò.
error-internal = Gen yon bagay ki pa mache bò kote nou. Tanpri eseye ankò, oswa rele 311.
not-found-title = Nou pa jwenn paj la
not-found-body = Paj sa a pa egziste. Retounen nan paj akèy la.

footer-eo41 = Polis la pa janm poze viktim, temwen oswa moun k ap chèche èd kesyon sou estati imigrasyon yo (Lòd Egzekitif 41).
footer-no-tracking = Sit sa a pa swiv ou, epi li pa chaje anyen nan okenn lòt sit entènèt.
