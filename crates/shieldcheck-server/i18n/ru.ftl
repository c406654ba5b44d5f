# shieldcheck public pages — Russian

site-name = shieldcheck
site-tagline = Проверьте, правда ли человек, который говорит «NYPD», работает в полиции.
skip-to-content = Перейти к основному содержанию
language-picker-label = Язык
language-picker-submit = Сменить язык
nav-home = Главная
nav-verify = Проверить полицейского
nav-precincts = Телефоны участков
emergency-banner = Вам грозит опасность? Звоните 911.

home-title = Этот человек правда из NYPD?
home-intro = Если кто-то говорит, что он из NYPD, у вашей двери, на улице или по телефону, вы можете проверить то, что он вам сказал. Это бесплатно, и называть своё имя не нужно.
home-verify-link = Проверить имя и номер жетона
home-precincts-link = Найти настоящий номер телефона участка
home-desk-advice = Чтобы проверить по телефону, сами позвоните дежурному участка по номеру с этого сайта. Никогда не звоните по номеру и не открывайте ссылку, которые дал вам этот человек.

verify-title = Проверить полицейского
verify-intro = Введите то, что человек вам сказал или показал. Заполните то, что знаете, а остальное оставьте пустым.
verify-privacy = Мы не сохраняем то, что вы здесь вводите, и не записываем, кто вы.
verify-submit = Проверить
field-name = Имя
field-name-hint = Например: Detective Ana Rivera
field-rank = Звание
field-rank-unknown = Не знаю
field-shield = Номер жетона
field-shield-hint = Номер на жетоне (shield).
field-tax-registry = Налоговый регистрационный номер (tax registry number)
field-tax-registry-hint = У лейтенантов и более высоких званий нет номера жетона. Попросите их налоговый регистрационный номер (tax registry number).
field-command = Участок или подразделение
field-command-hint = Например: 34th Precinct, Midtown North, Transit District 4

rank-police-officer = Полицейский (Police Officer)
rank-detective = Детектив (Detective)
rank-sergeant = Сержант (Sergeant)
rank-lieutenant = Лейтенант (Lieutenant)
rank-captain = Капитан (Captain)
rank-deputy-inspector = Заместитель инспектора (Deputy Inspector)
rank-inspector = Инспектор (Inspector)
rank-chief = Начальник (Chief)
rank-traffic-enforcement-agent = Агент дорожного контроля (Traffic Enforcement Agent)
rank-school-safety-agent = Агент школьной безопасности (School Safety Agent)
rank-auxiliary-police = Вспомогательная полиция (Auxiliary Police)

result-heading = Результат
result-matches_active_member = Да. Эти данные совпадают с действующим сотрудником NYPD.
result-matches_active_member-detail = Введённые вами данные принадлежат действующему сотруднику. Сравните их с жетоном и удостоверением этого человека. Если что-то не совпадает или вам всё ещё тревожно, сами позвоните дежурному участка.
result-no_match = Нет. Эти данные не совпадают ни с одним действующим сотрудником NYPD.
result-no_match-detail = Введённых вами данных нет в списке сотрудников NYPD. Возможно, этот человек не из NYPD. Не доверяйте номеру телефона или ссылке, которые он вам даёт.
result-member_not_active = Нет. Это не действующий сотрудник NYPD.
result-member_not_active-detail = Введённые вами данные не принадлежат сотруднику, который сейчас состоит на действительной службе.
result-unit_not_in_nypd = Нет. В NYPD нет такого подразделения.
result-unit_not_in_nypd-detail = NYPD не занимается иммиграционными законами, и в нём нет иммиграционного подразделения. Человек, который говорит, что он из такого подразделения, не из NYPD.
result-insufficient = Для проверки нужно больше данных.
result-insufficient-detail = Введите фамилию человека и либо его звание и номер жетона, либо его налоговый регистрационный номер.

next-steps-heading = Что делать дальше
next-step-call_911 = Если вам грозит опасность, звоните 911.
next-step-call_desk = Сами позвоните дежурному в { $command }:
next-step-call_311 = По всем другим вопросам звоните 311.
next-step-precinct_list = Телефон дежурного любого участка есть в нашем списке телефонов участков.
next-step-immigration = Полиция никогда не спрашивает пострадавших, свидетелей и людей, которые просят о помощи, об иммиграционном статусе.

precincts-title = Телефоны участков
precincts-intro = Это настоящие номера дежурных патрульных участков NYPD. Позвоните сами, чтобы проверить, работает ли там полицейский.
precincts-col-precinct = Участок
precincts-col-address = Адрес
precincts-col-phone = Телефон дежурного
precincts-no-phone = Звоните 311

error-heading = Пожалуйста, исправьте
error-field_too_long = Слишком длинный текст.
error-invalid_characters = Здесь есть символы, которые мы не можем принять.
error-rate_limited = Сейчас слишком много проверок. Подождите минуту и попробуйте снова.
error-internal = У нас что-то пошло не так. Попробуйте снова или позвоните 311.
not-found-title = Страница не найдена
not-found-body = Такой страницы нет. Вернитесь на главную страницу.

footer-eo41 = Полиция никогда не спрашивает пострадавших, свидетелей и людей, которые просят о помощи, об их иммиграционном статусе (Исполнительный указ 41).
footer-no-tracking = Этот сайт не следит за вами и ничего не загружает с других сайтов.

## Scanning an officer's credential on /verify
scan-heading = Отсканируйте QR-код полицейского
scan-intro = Попросите полицейского показать QR-код shieldcheck на его собственном телефоне, затем наведите на этот код камеру. Проверка идёт на вашем телефоне и работает без интернета; то, что вы сканируете, никуда не отправляется.
scan-start = Сканировать QR-код
scan-stop = Выключить камеру
scan-looking = Ищем QR-код…
scan-no-camera = Не удалось открыть камеру. Разрешите этой странице доступ к камере или воспользуйтесь формой ниже.
scan-checking = Проверяем…
scan-valid = ДЕЙСТВИТЕЛЬНО: это настоящее удостоверение NYPD
scan-invalid = НЕДЕЙСТВИТЕЛЬНО: не верьте словам этого человека
scan-compare = Сравните эти данные с тем, что вам сказали, и с настоящим металлическим жетоном. Если что-то не совпадает, не открывайте дверь и позвоните дежурному участка.
scan-call-desk = Чтобы убедиться, позвоните дежурному этого участка или подразделения:
scan-precinct-list = Найти настоящие телефоны дежурных участков
scan-status-as-of = Список отозванных удостоверений на { $time }.
scan-again = Сканировать ещё раз
scan-field-name = Имя
scan-field-rank = Звание
scan-field-number = Номер жетона или налоговый регистрационный номер
scan-field-command = Участок или подразделение
scan-challenge-toggle = Попросить полицейского ввести код (более надёжная проверка)
scan-challenge-show = Попросите полицейского ввести этот код на своём телефоне: { $code }
scan-reason-expired = Срок действия удостоверения истёк.
scan-reason-not_yet_valid = Удостоверение ещё не действует.
scan-reason-revoked = Удостоверение отозвано.
scan-reason-suspended = Действие удостоверения приостановлено.
scan-reason-bad_signature = Этот код выдан не NYPD: он поддельный или изменённый.
scan-reason-unknown_issuer_key = Этот код не подписан ключом, которому доверяет shieldcheck.
scan-reason-stale_presentation = Этот код старый или скопированный. Настоящий код создаётся прямо на телефоне самого полицейского и меняется каждые 30 секунд.
scan-reason-wrong_device = Этот код пришёл не с того телефона, для которого он был выдан.
scan-reason-malformed = Это не удостоверение shieldcheck.
scan-reason-status_unavailable = Не удалось проверить, не отозвано ли удостоверение. Один раз подключитесь к интернету и отсканируйте снова.

## The officer's wallet on /officer
officer-title = Удостоверение полицейского
officer-intro = Храните своё удостоверение shieldcheck на этом телефоне и показывайте его обновляемый QR-код, когда житель спрашивает, кто вы. Ключ, которым оно подписывается, никогда не покидает этот телефон.
officer-needs-js = Для удостоверения полицейского нужны JavaScript и современный браузер.
officer-code-label = Одноразовый код регистрации
officer-code-hint = Его выдаёт отдел удостоверений, например K7QF-M2XD-9PRA.
officer-enrol = Зарегистрировать этот телефон
officer-enrolling = Регистрируем…
officer-error-invalid_enrolment_code = Этот код недействителен: возможно, он введён с ошибкой, уже использован или просрочен. Попросите новый в отделе удостоверений.
officer-error-other = Регистрация не удалась. Проверьте подключение и попробуйте снова.
officer-qr-alt = Обновляемый QR-код вашего удостоверения
officer-refresh = Код меняется каждые 30 секунд.
officer-expires = Действительно до { $date }.
officer-expired = Срок действия этого удостоверения истёк. Попросите в отделе удостоверений новый код регистрации.
officer-challenge-label = Код, который показывает житель (если он попросит)
officer-forget = Удалить удостоверение с этого телефона
