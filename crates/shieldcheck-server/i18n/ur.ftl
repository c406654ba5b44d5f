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
