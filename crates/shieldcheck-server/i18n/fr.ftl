# shieldcheck public pages — French

site-name = shieldcheck
site-tagline = Vérifiez si une personne qui dit être du « NYPD » l'est vraiment.
skip-to-content = Aller au contenu principal
language-picker-label = Langue
language-picker-submit = Changer de langue
nav-home = Accueil
nav-verify = Vérifier un policier
nav-precincts = Numéros des commissariats
emergency-banner = En danger maintenant ? Appelez le 911.

home-title = Cette personne est-elle vraiment du NYPD ?
home-intro = Si quelqu'un dit être du NYPD, à votre porte, dans la rue ou au téléphone, vous pouvez vérifier ce qu'il vous a dit. C'est gratuit, et vous n'avez pas besoin de donner votre nom.
home-verify-link = Vérifier un nom et un numéro de badge
home-precincts-link = Trouver le vrai numéro de téléphone d'un commissariat
home-desk-advice = Pour vérifier par téléphone, appelez vous-même l'accueil du commissariat, avec un numéro de ce site. N'utilisez jamais un numéro de téléphone ou un lien donné par cette personne.

verify-title = Vérifier un policier
verify-intro = Entrez ce que la personne vous a dit ou montré. Remplissez ce que vous savez et laissez le reste vide.
verify-privacy = Nous ne gardons pas ce que vous tapez ici, et nous n'enregistrons pas qui vous êtes.
verify-submit = Vérifier
field-name = Nom
field-name-hint = Par exemple : Detective Ana Rivera
field-rank = Grade
field-rank-unknown = Je ne sais pas
field-shield = Numéro de badge
field-shield-hint = Le numéro sur le badge (shield).
field-tax-registry = Numéro de registre fiscal (tax registry number)
field-tax-registry-hint = Les lieutenants et les grades plus élevés n'ont pas de numéro de badge. Demandez-leur leur numéro de registre fiscal (tax registry number).
field-command = Commissariat ou unité
field-command-hint = Par exemple : 34th Precinct, Midtown North, Transit District 4

rank-police-officer = Agent de police (Police Officer)
rank-detective = Détective (Detective)
rank-sergeant = Sergent (Sergeant)
rank-lieutenant = Lieutenant
rank-captain = Capitaine (Captain)
rank-deputy-inspector = Inspecteur adjoint (Deputy Inspector)
rank-inspector = Inspecteur (Inspector)
rank-chief = Chef (Chief)
rank-traffic-enforcement-agent = Agent de la circulation (Traffic Enforcement Agent)
rank-school-safety-agent = Agent de sécurité scolaire (School Safety Agent)
rank-auxiliary-police = Police auxiliaire (Auxiliary Police)

result-heading = Résultat
result-matches_active_member = Oui. Cela correspond à un membre actif du NYPD.
result-matches_active_member-detail = Les informations que vous avez entrées sont celles d'un membre actif. Comparez-les avec le badge et la carte d'identité de la personne. Si quelque chose est différent, ou si vous ne vous sentez toujours pas en sécurité, appelez vous-même l'accueil du commissariat.
result-no_match = Non. Cela ne correspond à aucun membre actif du NYPD.
result-no_match-detail = Les informations que vous avez entrées ne sont pas sur la liste du personnel du NYPD. Cette personne n'est peut-être pas du NYPD. Ne faites pas confiance à un numéro de téléphone ou à un lien qu'elle vous donne.
result-member_not_active = Non. Ce n'est pas un membre actif du NYPD.
result-member_not_active-detail = Les informations que vous avez entrées ne sont pas celles d'un membre en service actif aujourd'hui.
result-unit_not_in_nypd = Non. Le NYPD n'a pas d'unité de ce type.
result-unit_not_in_nypd-detail = Le NYPD n'applique pas les lois sur l'immigration et n'a pas d'unité d'immigration. Une personne qui dit venir d'une telle unité ne fait pas partie du NYPD.
result-insufficient = Il nous faut plus d'informations pour vérifier.
result-insufficient-detail = Entrez le nom de famille de la personne, et soit son grade et son numéro de badge, soit son numéro de registre fiscal.

next-steps-heading = Que faire maintenant
next-step-call_911 = Si vous êtes en danger, appelez le 911.
next-step-call_desk = Appelez vous-même l'accueil de { $command } :
next-step-call_311 = Pour tout le reste, appelez le 311.
next-step-precinct_list = Trouvez le téléphone de l'accueil de chaque commissariat dans notre liste des numéros des commissariats.
next-step-immigration = La police ne demande jamais leur statut d'immigration aux victimes, aux témoins ni aux personnes qui demandent de l'aide.

precincts-title = Numéros des commissariats
precincts-intro = Voici les vrais numéros de l'accueil des commissariats de patrouille du NYPD. Appelez-en un vous-même pour vérifier si un policier y travaille.
precincts-col-precinct = Commissariat
precincts-col-address = Adresse
precincts-col-phone = Téléphone de l'accueil
precincts-no-phone = Appelez le 311

error-heading = Veuillez corriger ceci
error-field_too_long = C'est trop long.
error-invalid_characters = Ceci contient des caractères que nous ne pouvons pas accepter.
error-rate_limited = Trop de vérifications en ce moment. Veuillez attendre une minute et réessayer.
error-internal = Un problème est survenu de notre côté. Veuillez réessayer, ou appelez le 311.
not-found-title = Page introuvable
not-found-body = Cette page n'existe pas. Retournez à la page d'accueil.

footer-eo41 = La police ne demande jamais leur statut d'immigration aux victimes, aux témoins ni aux personnes qui demandent de l'aide (Décret exécutif 41).
footer-no-tracking = Ce site ne vous suit pas et ne charge rien depuis d'autres sites web.

## Scanning an officer's credential on /verify
scan-heading = Scanner le code QR d'un policier
scan-intro = Demandez au policier de vous montrer le code QR shieldcheck sur son propre téléphone, puis dirigez votre caméra vers ce code. La vérification se fait sur votre téléphone et fonctionne sans internet ; ce que vous scannez n'est envoyé nulle part.
scan-start = Scanner un code QR
scan-stop = Arrêter la caméra
scan-looking = Recherche d'un code QR…
scan-no-camera = Impossible d'ouvrir la caméra. Autorisez l'accès à la caméra pour cette page, ou utilisez le formulaire ci-dessous.
scan-checking = Vérification…
scan-valid = VALIDE : une vraie carte du NYPD
scan-invalid = NON VALIDE : ne croyez pas ce que dit cette personne
scan-compare = Comparez ces informations avec ce qu'on vous a dit et avec le vrai badge en métal. Si quelque chose est différent, n'ouvrez pas la porte et appelez l'accueil du commissariat.
scan-call-desk = Pour être sûr, appelez l'accueil de ce commissariat ou de cette unité :
scan-precinct-list = Trouver les vrais numéros de l'accueil des commissariats
scan-status-as-of = Liste des cartes annulées mise à jour le { $time }.
scan-again = Scanner à nouveau
scan-field-name = Nom
scan-field-rank = Grade
scan-field-number = Numéro de badge ou de registre fiscal
scan-field-command = Commissariat ou unité
scan-challenge-toggle = Demander au policier de taper un code (une vérification plus sûre)
scan-challenge-show = Demandez au policier de taper ce code sur son téléphone : { $code }
scan-reason-expired = La carte a expiré.
scan-reason-not_yet_valid = La carte n'est pas encore valide.
scan-reason-revoked = La carte a été annulée.
scan-reason-suspended = La carte est suspendue.
scan-reason-bad_signature = Ce code n'a pas été émis par le NYPD : il est faux ou modifié.
scan-reason-unknown_issuer_key = Ce code n'a pas été signé avec une clé reconnue par shieldcheck.
scan-reason-stale_presentation = Ce code est ancien ou copié. Un vrai code est créé en direct sur le téléphone du policier lui-même et change toutes les 30 secondes.
scan-reason-wrong_device = Ce code ne vient pas du téléphone pour lequel il a été émis.
scan-reason-malformed = Ce n'est pas une carte shieldcheck.
scan-reason-status_unavailable = Impossible de vérifier si la carte a été annulée. Connectez-vous une fois à internet et scannez à nouveau.

## The officer's wallet on /officer
officer-title = Carte numérique de policier
officer-intro = Gardez votre carte shieldcheck sur ce téléphone et montrez son code QR en direct quand un habitant vous demande qui vous êtes. La clé qui la signe ne quitte jamais ce téléphone.
officer-needs-js = La carte numérique de policier a besoin de JavaScript et d'un navigateur à jour.
officer-code-label = Code d'inscription à usage unique
officer-code-hint = Donné par le bureau des cartes, par exemple K7QF-M2XD-9PRA.
officer-enrol = Inscrire ce téléphone
officer-enrolling = Inscription…
officer-error-invalid_enrolment_code = Ce code n'est pas valide : il est peut-être mal tapé, déjà utilisé ou expiré. Demandez-en un nouveau au bureau des cartes.
officer-error-other = L'inscription a échoué. Vérifiez la connexion et réessayez.
officer-qr-alt = Code QR en direct de votre carte
officer-refresh = Le code change toutes les 30 secondes.
officer-expires = Valable jusqu'au { $date }.
officer-expired = Cette carte a expiré. Demandez un nouveau code d'inscription au bureau des cartes.
officer-challenge-label = Code montré par l'habitant (s'il en demande un)
officer-forget = Retirer la carte de ce téléphone
