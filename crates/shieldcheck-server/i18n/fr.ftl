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
