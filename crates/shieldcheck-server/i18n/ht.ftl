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

## Scanning an officer's credential on /verify
scan-heading = Eskane kòd QR yon ofisye
scan-intro = Mande ofisye a montre ou kòd QR shieldcheck la sou pwòp telefòn li, epi vire kamera ou sou kòd la. Tchèk la fèt sou telefòn ou, epi li mache san entènèt; sa ou eskane a pa voye okenn kote.
scan-start = Eskane yon kòd QR
scan-stop = Fèmen kamera a
scan-looking = N ap chèche yon kòd QR…
scan-no-camera = Nou pa t ka louvri kamera a. Bay paj sa a pèmisyon pou li itilize kamera a, oswa itilize fòm ki anba a.
scan-checking = N ap tcheke…
scan-valid = VALAB: se yon vrè kat NYPD
scan-invalid = PA VALAB: pa kwè sa moun sa a di ou
scan-compare = Konpare enfòmasyon sa yo ak sa yo te di ou, ak vrè badj la. Si gen yon bagay ki diferan, pa louvri pòt la, epi rele biwo resepsyon pwesen an.
scan-call-desk = Pou ou sèten, rele biwo resepsyon pwesen oswa inite sa a:
scan-precinct-list = Jwenn vrè nimewo telefòn biwo resepsyon pwesen yo
scan-status-as-of = Lis kat ki anile yo, jan li te ye { $time }.
scan-again = Eskane ankò
scan-field-name = Non
scan-field-rank = Grad
scan-field-number = Nimewo badj oswa nimewo rejis taks
scan-field-command = Pwesen oswa inite
scan-challenge-toggle = Mande ofisye a tape yon kòd (yon tchèk ki pi solid)
scan-challenge-show = Mande ofisye a tape kòd sa a sou telefòn li: { $code }
scan-reason-expired = Kat la ekspire.
scan-reason-not_yet_valid = Kat la poko valab.
scan-reason-revoked = Kat la anile.
scan-reason-suspended = Kat la sispann.
scan-reason-bad_signature = Se pa NYPD ki bay kòd sa a: li fo oswa yo chanje li.
scan-reason-unknown_issuer_key = Kòd sa a pa siyen ak yon kle shieldcheck fè konfyans.
scan-reason-stale_presentation = Kòd sa a ansyen oswa se yon kopi. Yon vrè kòd fèt an dirèk sou pwòp telefòn ofisye a, epi li chanje chak 30 segonn.
scan-reason-wrong_device = Kòd sa a pa soti nan telefòn yo te bay kat la pou li a.
scan-reason-malformed = Sa a se pa yon kat shieldcheck.
scan-reason-status_unavailable = Nou pa t ka tcheke si kat la te anile. Konekte sou entènèt yon fwa, epi eskane ankò.

## The officer's wallet on /officer
officer-title = Kat dijital ofisye
officer-intro = Kenbe kat shieldcheck ou sou telefòn sa a, epi montre kòd QR an dirèk li a lè yon rezidan mande ou kiyès ou ye. Kle ki siyen kat la pa janm kite telefòn sa a.
officer-needs-js = Kat dijital ofisye a bezwen JavaScript ak yon navigatè ki ajou.
officer-code-label = Kòd enskripsyon pou yon sèl fwa
officer-code-hint = Se biwo kat yo ki ba ou li, pa egzanp K7QF-M2XD-9PRA.
officer-enrol = Enskri telefòn sa a
officer-enrolling = N ap enskri…
officer-error-invalid_enrolment_code = Kòd sa a pa valab: petèt li mal tape, li deja sèvi oswa li ekspire. Mande biwo kat yo yon lòt.
officer-error-other = Enskripsyon an pa mache. Tcheke koneksyon an epi eseye ankò.
officer-qr-alt = Kòd QR an dirèk kat ou a
officer-refresh = Kòd la chanje chak 30 segonn.
officer-expires = Valab jiska { $date }.
officer-expired = Kat sa a ekspire. Mande biwo kat yo yon nouvo kòd enskripsyon.
officer-challenge-label = Kòd rezidan an montre ou (si li mande youn)
officer-forget = Retire kat la nan telefòn sa a
