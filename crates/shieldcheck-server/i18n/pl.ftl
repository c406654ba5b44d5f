# shieldcheck public pages — Polish

site-name = shieldcheck
site-tagline = Sprawdź, czy osoba, która mówi, że jest z „NYPD”, naprawdę jest policjantem.
skip-to-content = Przejdź do głównej treści
language-picker-label = Język
language-picker-submit = Zmień język
nav-home = Strona główna
nav-verify = Sprawdź policjanta
nav-precincts = Telefony komisariatów
emergency-banner = Grozi ci niebezpieczeństwo? Zadzwoń pod 911.

home-title = Czy ta osoba naprawdę jest z NYPD?
home-intro = Jeśli ktoś mówi, że jest z NYPD, pod twoimi drzwiami, na ulicy lub przez telefon, możesz sprawdzić, co ci powiedział. To nic nie kosztuje i nie musisz podawać swojego nazwiska.
home-verify-link = Sprawdź nazwisko i numer odznaki
home-precincts-link = Znajdź prawdziwy numer telefonu komisariatu
home-desk-advice = Aby sprawdzić przez telefon, samodzielnie zadzwoń do dyżurnego komisariatu pod numer z tej strony. Nigdy nie używaj numeru telefonu ani linku, który da ci ta osoba.

verify-title = Sprawdź policjanta
verify-intro = Wpisz to, co ta osoba ci powiedziała lub pokazała. Wypełnij to, co wiesz, a resztę zostaw pustą.
verify-privacy = Nie przechowujemy tego, co tu wpisujesz, i nie zapisujemy, kim jesteś.
verify-submit = Sprawdź
field-name = Imię i nazwisko
field-name-hint = Na przykład: Detective Ana Rivera
field-rank = Stopień
field-rank-unknown = Nie wiem
field-shield = Numer odznaki
field-shield-hint = Numer na odznace (shield).
field-tax-registry = Numer rejestru podatkowego (tax registry number)
field-tax-registry-hint = Porucznicy i wyższe stopnie nie mają numeru odznaki. Poproś o ich numer rejestru podatkowego (tax registry number).
field-command = Komisariat lub jednostka
field-command-hint = Na przykład: 34th Precinct, Midtown North, Transit District 4

rank-police-officer = Policjant (Police Officer)
rank-detective = Detektyw (Detective)
rank-sergeant = Sierżant (Sergeant)
rank-lieutenant = Porucznik (Lieutenant)
rank-captain = Kapitan (Captain)
rank-deputy-inspector = Zastępca inspektora (Deputy Inspector)
rank-inspector = Inspektor (Inspector)
rank-chief = Komendant (Chief)
rank-traffic-enforcement-agent = Agent kontroli ruchu (Traffic Enforcement Agent)
rank-school-safety-agent = Agent bezpieczeństwa szkolnego (School Safety Agent)
rank-auxiliary-police = Policja pomocnicza (Auxiliary Police)

result-heading = Wynik
result-matches_active_member = Tak. To pasuje do aktywnego funkcjonariusza NYPD.
result-matches_active_member-detail = Wpisane dane należą do aktywnego funkcjonariusza. Porównaj je z odznaką i legitymacją tej osoby. Jeśli coś się nie zgadza albo nadal nie czujesz się bezpiecznie, samodzielnie zadzwoń do dyżurnego komisariatu.
result-no_match = Nie. To nie pasuje do żadnego aktywnego funkcjonariusza NYPD.
result-no_match-detail = Wpisanych danych nie ma na liście funkcjonariuszy NYPD. Ta osoba może nie być z NYPD. Nie ufaj numerowi telefonu ani linkowi, które ci daje.
result-member_not_active = Nie. To nie jest aktywny funkcjonariusz NYPD.
result-member_not_active-detail = Wpisane dane nie należą do funkcjonariusza, który teraz pełni czynną służbę.
result-unit_not_in_nypd = Nie. NYPD nie ma takiej jednostki.
result-unit_not_in_nypd-detail = NYPD nie egzekwuje prawa imigracyjnego i nie ma jednostki do spraw imigracji. Osoba, która mówi, że jest z takiej jednostki, nie jest z NYPD.
result-insufficient = Potrzebujemy więcej danych, aby sprawdzić.
result-insufficient-detail = Wpisz nazwisko tej osoby oraz jej stopień i numer odznaki albo jej numer rejestru podatkowego.

next-steps-heading = Co zrobić dalej
next-step-call_911 = Jeśli grozi ci niebezpieczeństwo, zadzwoń pod 911.
next-step-call_desk = Samodzielnie zadzwoń do dyżurnego w { $command }:
next-step-call_311 = W innych sprawach zadzwoń pod 311.
next-step-precinct_list = Telefon dyżurnego każdego komisariatu znajdziesz na naszej liście telefonów komisariatów.
next-step-immigration = Policja nigdy nie pyta ofiar, świadków ani osób szukających pomocy o status imigracyjny.

precincts-title = Telefony komisariatów
precincts-intro = To są prawdziwe numery dyżurnych komisariatów patrolowych NYPD. Zadzwoń samodzielnie, aby sprawdzić, czy dany policjant tam pracuje.
precincts-col-precinct = Komisariat
precincts-col-address = Adres
precincts-col-phone = Telefon dyżurnego
precincts-no-phone = Zadzwoń pod 311

error-heading = Popraw to
error-field_too_long = To jest za długie.
error-invalid_characters = To zawiera znaki, których nie możemy przyjąć.
error-rate_limited = W tej chwili jest za dużo sprawdzeń. Poczekaj minutę i spróbuj ponownie.
error-internal = Coś poszło nie tak po naszej stronie. Spróbuj ponownie albo zadzwoń pod 311.
not-found-title = Nie znaleziono strony
not-found-body = Ta strona nie istnieje. Wróć na stronę główną.

footer-eo41 = Policja nigdy nie pyta ofiar, świadków ani osób szukających pomocy o ich status imigracyjny (Zarządzenie wykonawcze 41).
footer-no-tracking = Ta strona cię nie śledzi i nie wczytuje niczego z innych stron internetowych.

## Scanning an officer's credential on /verify
scan-heading = Zeskanuj kod QR policjanta
scan-intro = Poproś policjanta, żeby pokazał kod QR shieldcheck na swoim własnym telefonie, a potem skieruj na ten kod aparat. Sprawdzenie odbywa się na twoim telefonie i działa bez internetu; to, co zeskanujesz, nie jest nigdzie wysyłane.
scan-start = Zeskanuj kod QR
scan-stop = Wyłącz aparat
scan-looking = Szukam kodu QR…
scan-no-camera = Nie udało się włączyć aparatu. Zezwól tej stronie na dostęp do aparatu albo użyj formularza poniżej.
scan-checking = Sprawdzam…
scan-valid = WAŻNA: to prawdziwa legitymacja NYPD
scan-invalid = NIEWAŻNA: nie ufaj słowom tej osoby
scan-compare = Porównaj te dane z tym, co ci powiedziano, i z prawdziwą metalową odznaką. Jeśli coś się nie zgadza, nie otwieraj drzwi i zadzwoń do dyżurnego komisariatu.
scan-call-desk = Dla pewności zadzwoń do dyżurnego tego komisariatu lub jednostki:
scan-precinct-list = Znajdź prawdziwe numery telefonów dyżurnych komisariatów
scan-status-as-of = Lista unieważnionych legitymacji z { $time }.
scan-again = Skanuj ponownie
scan-field-name = Imię i nazwisko
scan-field-rank = Stopień
scan-field-number = Numer odznaki lub rejestru podatkowego
scan-field-command = Komisariat lub jednostka
scan-challenge-toggle = Poproś policjanta o wpisanie kodu (pewniejsze sprawdzenie)
scan-challenge-show = Poproś policjanta, żeby wpisał ten kod na swoim telefonie: { $code }
scan-reason-expired = Legitymacja straciła ważność.
scan-reason-not_yet_valid = Legitymacja nie jest jeszcze ważna.
scan-reason-revoked = Legitymacja została unieważniona.
scan-reason-suspended = Legitymacja jest zawieszona.
scan-reason-bad_signature = Tego kodu nie wydało NYPD: jest podrobiony albo zmieniony.
scan-reason-unknown_issuer_key = Ten kod nie został podpisany kluczem, któremu ufa shieldcheck.
scan-reason-stale_presentation = Ten kod jest stary albo skopiowany. Prawdziwy kod powstaje na żywo na telefonie samego policjanta i zmienia się co 30 sekund.
scan-reason-wrong_device = Ten kod nie pochodzi z telefonu, dla którego został wydany.
scan-reason-malformed = To nie jest legitymacja shieldcheck.
scan-reason-status_unavailable = Nie udało się sprawdzić, czy legitymacja została unieważniona. Połącz się raz z internetem i zeskanuj ponownie.

## The officer's wallet on /officer
officer-title = Legitymacja policjanta
officer-intro = Trzymaj swoją legitymację shieldcheck na tym telefonie i pokazuj jej kod QR na żywo, gdy mieszkaniec zapyta, kim jesteś. Klucz, który ją podpisuje, nigdy nie opuszcza tego telefonu.
officer-needs-js = Legitymacja policjanta wymaga JavaScriptu i aktualnej przeglądarki.
officer-code-label = Jednorazowy kod rejestracyjny
officer-code-hint = Z biura legitymacji, na przykład K7QF-M2XD-9PRA.
officer-enrol = Zarejestruj ten telefon
officer-enrolling = Rejestruję…
officer-error-invalid_enrolment_code = Ten kod jest nieważny: może być źle wpisany, już użyty albo wygasły. Poproś biuro legitymacji o nowy.
officer-error-other = Rejestracja się nie udała. Sprawdź połączenie i spróbuj ponownie.
officer-qr-alt = Kod QR twojej legitymacji na żywo
officer-refresh = Kod zmienia się co 30 sekund.
officer-expires = Ważna do { $date }.
officer-expired = Ta legitymacja straciła ważność. Poproś biuro legitymacji o nowy kod rejestracyjny.
officer-challenge-label = Kod pokazany przez mieszkańca (jeśli o niego poprosi)
officer-forget = Usuń legitymację z tego telefonu
