# shieldcheck public pages — Urdu

site-name = shieldcheck
site-tagline = چیک کریں کہ جو شخص خود کو "NYPD" کہتا ہے، کیا وہ واقعی NYPD سے ہے۔
skip-to-content = مرکزی مواد پر جائیں
language-picker-label = زبان
language-picker-submit = زبان تبدیل کریں
nav-home = ہوم
nav-verify = کسی افسر کو چیک کریں
nav-precincts = پریسنکٹ کے فون نمبر
emergency-banner = کیا آپ ابھی خطرے میں ہیں؟ 911 پر کال کریں۔

home-title = کیا یہ شخص واقعی NYPD سے ہے؟
home-intro = اگر کوئی آپ کے دروازے پر، سڑک پر یا فون پر کہے کہ وہ NYPD سے ہے، تو اس نے آپ کو جو بتایا ہے آپ اسے چیک کر سکتے ہیں۔ یہ مفت ہے، اور آپ کو اپنا نام بتانے کی ضرورت نہیں۔
home-verify-link = نام اور شیلڈ نمبر چیک کریں
home-precincts-link = کسی پریسنکٹ کا اصلی فون نمبر تلاش کریں
home-desk-advice = فون پر چیک کرنے کے لیے، اس سائٹ پر دیے گئے نمبر سے خود پریسنکٹ کے ڈیسک پر کال کریں۔ وہ شخص جو فون نمبر یا لنک دے، اسے کبھی استعمال نہ کریں۔

verify-title = کسی افسر کو چیک کریں
verify-intro = اس شخص نے آپ کو جو بتایا یا دکھایا، وہ لکھیں۔ جو آپ جانتے ہیں وہ بھریں اور باقی خالی چھوڑ دیں۔
verify-privacy = آپ یہاں جو لکھتے ہیں ہم اسے محفوظ نہیں کرتے، اور ہم یہ ریکارڈ نہیں کرتے کہ آپ کون ہیں۔
verify-submit = چیک کریں
field-name = نام
field-name-hint = مثال کے طور پر: Detective Ana Rivera
field-rank = عہدہ
field-rank-unknown = مجھے معلوم نہیں
field-shield = شیلڈ نمبر
field-shield-hint = بیج (شیلڈ) پر لکھا ہوا نمبر۔
field-tax-registry = ٹیکس رجسٹری نمبر (tax registry number)
field-tax-registry-hint = لیفٹیننٹ اور اس سے اونچے عہدوں کے پاس شیلڈ نمبر نہیں ہوتا۔ ان سے ان کا ٹیکس رجسٹری نمبر (tax registry number) مانگیں۔
field-command = پریسنکٹ یا یونٹ
field-command-hint = مثال کے طور پر: 34th Precinct، Midtown North، Transit District 4

rank-police-officer = پولیس افسر (Police Officer)
rank-detective = ڈیٹیکٹو (Detective)
rank-sergeant = سارجنٹ (Sergeant)
rank-lieutenant = لیفٹیننٹ (Lieutenant)
rank-captain = کیپٹن (Captain)
rank-deputy-inspector = ڈپٹی انسپکٹر (Deputy Inspector)
rank-inspector = انسپکٹر (Inspector)
rank-chief = چیف (Chief)
rank-traffic-enforcement-agent = ٹریفک انفورسمنٹ ایجنٹ (Traffic Enforcement Agent)
rank-school-safety-agent = اسکول سیفٹی ایجنٹ (School Safety Agent)
rank-auxiliary-police = معاون پولیس (Auxiliary Police)

result-heading = نتیجہ
result-matches_active_member = ہاں۔ یہ NYPD کے ایک حاضر سروس رکن سے ملتا ہے۔
result-matches_active_member-detail = آپ نے جو تفصیلات لکھیں وہ ایک حاضر سروس رکن کی ہیں۔ انہیں اس شخص کی شیلڈ اور شناختی کارڈ سے ملا کر دیکھیں۔ اگر کچھ مختلف ہو، یا آپ اب بھی خود کو غیر محفوظ محسوس کریں، تو خود پریسنکٹ کے ڈیسک پر کال کریں۔
result-no_match = نہیں۔ یہ NYPD کے کسی حاضر سروس رکن سے نہیں ملتا۔
result-no_match-detail = آپ نے جو تفصیلات لکھیں وہ NYPD کی فہرست میں نہیں ہیں۔ ہو سکتا ہے یہ شخص NYPD سے نہ ہو۔ وہ جو فون نمبر یا لنک دے، اس پر بھروسہ نہ کریں۔
result-member_not_active = نہیں۔ یہ NYPD کا حاضر سروس رکن نہیں ہے۔
result-member_not_active-detail = آپ نے جو تفصیلات لکھیں وہ کسی ایسے رکن کی نہیں ہیں جو اس وقت حاضر سروس ہو۔
result-unit_not_in_nypd = نہیں۔ NYPD میں ایسا کوئی یونٹ نہیں ہے۔
result-unit_not_in_nypd-detail = NYPD امیگریشن کے قوانین نافذ نہیں کرتا اور اس کا کوئی امیگریشن یونٹ نہیں ہے۔ جو شخص کہے کہ وہ ایسے یونٹ سے ہے، وہ NYPD سے نہیں ہے۔
result-insufficient = چیک کرنے کے لیے ہمیں مزید تفصیلات چاہئیں۔
result-insufficient-detail = اس شخص کا خاندانی نام لکھیں، اور ساتھ میں یا تو اس کا عہدہ اور شیلڈ نمبر، یا اس کا ٹیکس رجسٹری نمبر۔

next-steps-heading = اب کیا کریں
next-step-call_911 = اگر آپ خطرے میں ہیں تو 911 پر کال کریں۔
next-step-call_desk = خود { $command } کے ڈیسک پر کال کریں:
next-step-call_311 = کسی اور کام کے لیے 311 پر کال کریں۔
next-step-precinct_list = کسی بھی پریسنکٹ کے ڈیسک کا فون نمبر ہماری پریسنکٹ فون نمبروں کی فہرست میں تلاش کریں۔
next-step-immigration = پولیس کبھی بھی متاثرین، گواہوں یا مدد مانگنے والوں سے امیگریشن اسٹیٹس کے بارے میں نہیں پوچھتی۔

precincts-title = پریسنکٹ کے فون نمبر
precincts-intro = یہ NYPD کے گشتی پریسنکٹس (تھانوں) کے ڈیسک کے اصلی نمبر ہیں۔ کوئی افسر وہاں کام کرتا ہے یا نہیں، یہ چیک کرنے کے لیے خود کسی ایک پر کال کریں۔
precincts-col-precinct = پریسنکٹ
precincts-col-address = پتہ
precincts-col-phone = ڈیسک کا فون
precincts-no-phone = 311 پر کال کریں

error-heading = براہ کرم اسے درست کریں
error-field_too_long = یہ بہت لمبا ہے۔
error-invalid_characters = اس میں ایسے حروف ہیں جو ہم قبول نہیں کر سکتے۔
error-rate_limited = اس وقت بہت زیادہ چیک ہو رہے ہیں۔ براہ کرم ایک منٹ انتظار کریں اور دوبارہ کوشش کریں۔
error-internal = ہماری طرف کوئی خرابی ہو گئی۔ براہ کرم دوبارہ کوشش کریں، یا 311 پر کال کریں۔
not-found-title = صفحہ نہیں ملا
not-found-body = یہ صفحہ موجود نہیں ہے۔ ہوم پیج پر واپس جائیں۔

footer-eo41 = پولیس کبھی بھی متاثرین، گواہوں یا مدد مانگنے والوں سے ان کے امیگریشن اسٹیٹس کے بارے میں نہیں پوچھتی (ایگزیکٹو آرڈر 41)۔
footer-no-tracking = یہ سائٹ آپ کو ٹریک نہیں کرتی اور کسی دوسری ویب سائٹ سے کچھ بھی لوڈ نہیں کرتی۔

## Scanning an officer's credential on /verify
scan-heading = افسر کا QR کوڈ اسکین کریں
scan-intro = افسر سے کہیں کہ وہ اپنے فون پر shieldcheck کا QR کوڈ دکھائے، پھر اپنا کیمرہ اس کوڈ کی طرف کریں۔ چیک آپ کے فون پر ہوتا ہے اور انٹرنیٹ کے بغیر کام کرتا ہے؛ آپ جو اسکین کرتے ہیں وہ کہیں نہیں بھیجا جاتا۔
scan-start = QR کوڈ اسکین کریں
scan-stop = کیمرہ بند کریں
scan-looking = QR کوڈ تلاش کیا جا رہا ہے…
scan-no-camera = کیمرہ نہیں کھل سکا۔ اس صفحے کو کیمرہ استعمال کرنے کی اجازت دیں، یا نیچے دیا گیا فارم استعمال کریں۔
scan-checking = چیک ہو رہا ہے…
scan-valid = درست: یہ NYPD کا اصلی کارڈ ہے
scan-invalid = درست نہیں: اس شخص کی بات پر بھروسہ نہ کریں
scan-compare = ان تفصیلات کو اس بات سے ملا کر دیکھیں جو آپ کو بتائی گئی، اور اصلی دھات والی شیلڈ سے بھی۔ اگر کچھ مختلف ہو تو دروازہ نہ کھولیں اور پریسنکٹ کے ڈیسک پر کال کریں۔
scan-call-desk = یقین کرنے کے لیے اس پریسنکٹ یا یونٹ کے ڈیسک پر کال کریں:
scan-precinct-list = پریسنکٹ کے ڈیسک کے اصلی فون نمبر تلاش کریں
scan-status-as-of = منسوخ شدہ کارڈز کی معلومات { $time } تک کی ہیں۔
scan-again = دوبارہ اسکین کریں
scan-field-name = نام
scan-field-rank = عہدہ
scan-field-number = شیلڈ نمبر یا ٹیکس رجسٹری نمبر
scan-field-command = پریسنکٹ یا یونٹ
scan-challenge-toggle = افسر سے ایک کوڈ ٹائپ کروائیں (زیادہ پکا چیک)
scan-challenge-show = افسر سے کہیں کہ یہ کوڈ اپنے فون پر ٹائپ کرے: { $code }
scan-reason-expired = اس کارڈ کی میعاد ختم ہو چکی ہے۔
scan-reason-not_yet_valid = یہ کارڈ ابھی درست نہیں ہے۔
scan-reason-revoked = یہ کارڈ منسوخ کر دیا گیا ہے۔
scan-reason-suspended = یہ کارڈ معطل ہے۔
scan-reason-bad_signature = یہ کوڈ NYPD نے جاری نہیں کیا: یہ جعلی ہے یا اس میں تبدیلی کی گئی ہے۔
scan-reason-unknown_issuer_key = اس کوڈ پر ایسی کلید کے دستخط نہیں ہیں جس پر shieldcheck بھروسہ کرتا ہے۔
scan-reason-stale_presentation = یہ کوڈ پرانا ہے یا کاپی کیا ہوا ہے۔ اصلی کوڈ افسر کے اپنے فون پر اسی وقت بنتا ہے اور ہر 30 سیکنڈ میں بدل جاتا ہے۔
scan-reason-wrong_device = یہ کوڈ اس فون سے نہیں آیا جس کے لیے یہ کارڈ جاری کیا گیا تھا۔
scan-reason-malformed = یہ shieldcheck کا کارڈ نہیں ہے۔
scan-reason-status_unavailable = یہ چیک نہیں ہو سکا کہ کارڈ منسوخ ہوا ہے یا نہیں۔ ایک بار انٹرنیٹ سے جڑیں اور دوبارہ اسکین کریں۔

## The officer's wallet on /officer
officer-title = افسر کا ڈیجیٹل کارڈ
officer-intro = اپنا shieldcheck کارڈ اس فون پر رکھیں، اور جب کوئی رہائشی پوچھے کہ آپ کون ہیں تو اس کا لائیو QR کوڈ دکھائیں۔ اس پر دستخط کرنے والی کلید کبھی اس فون سے باہر نہیں جاتی۔
officer-needs-js = افسر کے ڈیجیٹل کارڈ کے لیے JavaScript اور نیا براؤزر ضروری ہے۔
officer-code-label = ایک بار استعمال ہونے والا اندراج کوڈ
officer-code-hint = کارڈ آفس سے ملتا ہے، مثال کے طور پر K7QF-M2XD-9PRA۔
officer-enrol = اس فون کا اندراج کریں
officer-enrolling = اندراج ہو رہا ہے…
officer-error-invalid_enrolment_code = یہ کوڈ درست نہیں: ہو سکتا ہے غلط لکھا گیا ہو، پہلے استعمال ہو چکا ہو یا اس کی میعاد ختم ہو گئی ہو۔ کارڈ آفس سے نیا کوڈ مانگیں۔
officer-error-other = اندراج نہیں ہو سکا۔ کنکشن چیک کریں اور دوبارہ کوشش کریں۔
officer-qr-alt = آپ کے کارڈ کا لائیو QR کوڈ
officer-refresh = کوڈ ہر 30 سیکنڈ میں بدل جاتا ہے۔
officer-expires = { $date } تک درست۔
officer-expired = اس کارڈ کی میعاد ختم ہو چکی ہے۔ کارڈ آفس سے نیا اندراج کوڈ مانگیں۔
officer-challenge-label = رہائشی کا دکھایا ہوا کوڈ (اگر وہ مانگے)
officer-forget = اس فون سے کارڈ ہٹا دیں
