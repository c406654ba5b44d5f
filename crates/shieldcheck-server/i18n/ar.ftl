# shieldcheck public pages — Arabic

site-name = shieldcheck
site-tagline = تحقّق إن كان الشخص الذي يقول إنه من "NYPD" شرطيًا حقًا.
skip-to-content = انتقل إلى المحتوى الرئيسي
language-picker-label = اللغة
language-picker-submit = تغيير اللغة
nav-home = الصفحة الرئيسية
nav-verify = تحقّق من شرطي
nav-precincts = أرقام هواتف مراكز الشرطة
emergency-banner = هل أنت في خطر الآن؟ اتصل بالرقم 911.

home-title = هل هذا الشخص من NYPD حقًا؟
home-intro = إذا قال لك شخص إنه من NYPD، عند بابك أو في الشارع أو على الهاتف، يمكنك التحقق مما قاله لك. الخدمة مجانية، ولا تحتاج إلى ذكر اسمك.
home-verify-link = تحقّق من اسم ورقم شارة
home-precincts-link = اعثر على رقم الهاتف الحقيقي لمركز شرطة
home-desk-advice = للتحقق عبر الهاتف، اتصل بنفسك بمكتب الاستقبال في مركز الشرطة، باستخدام رقم من هذا الموقع. لا تستخدم أبدًا رقم هاتف أو رابطًا يعطيك إياه ذلك الشخص.

verify-title = تحقّق من شرطي
verify-intro = اكتب ما قاله لك الشخص أو ما أراك إياه. املأ ما تعرفه واترك الباقي فارغًا.
verify-privacy = لا نحتفظ بما تكتبه هنا، ولا نسجّل من أنت.
verify-submit = تحقّق
field-name = الاسم
field-name-hint = مثلًا: Detective Ana Rivera
field-rank = الرتبة
field-rank-unknown = لا أعرف
field-shield = رقم الشارة
field-shield-hint = الرقم المكتوب على الشارة (shield).
field-tax-registry = رقم السجل الضريبي (tax registry number)
field-tax-registry-hint = الملازمون ومن هم في رتب أعلى ليس لديهم رقم شارة. اطلب منهم رقم السجل الضريبي (tax registry number).
field-command = مركز الشرطة أو الوحدة
field-command-hint = مثلًا: 34th Precinct، Midtown North، Transit District 4

rank-police-officer = ضابط شرطة (Police Officer)
rank-detective = محقق (Detective)
rank-sergeant = رقيب (Sergeant)
rank-lieutenant = ملازم (Lieutenant)
rank-captain = نقيب (Captain)
rank-deputy-inspector = نائب مفتش (Deputy Inspector)
rank-inspector = مفتش (Inspector)
rank-chief = قائد (Chief)
rank-traffic-enforcement-agent = موظف تنظيم المرور (Traffic Enforcement Agent)
rank-school-safety-agent = موظف أمن المدارس (School Safety Agent)
rank-auxiliary-police = الشرطة المساعدة (Auxiliary Police)

result-heading = النتيجة
result-matches_active_member = نعم. هذه البيانات تطابق عضوًا عاملًا في NYPD.
result-matches_active_member-detail = البيانات التي أدخلتها تخص عضوًا عاملًا. قارنها بشارة الشخص وبطاقة هويته. إذا كان هناك أي اختلاف، أو كنت لا تزال لا تشعر بالأمان، اتصل بنفسك بمكتب الاستقبال في مركز الشرطة.
result-no_match = لا. هذه البيانات لا تطابق أي عضو عامل في NYPD.
result-no_match-detail = البيانات التي أدخلتها غير موجودة في قائمة أفراد NYPD. قد لا يكون هذا الشخص من NYPD. لا تثق برقم هاتف أو رابط يعطيك إياه.
result-member_not_active = لا. هذا ليس عضوًا عاملًا في NYPD.
result-member_not_active-detail = البيانات التي أدخلتها لا تخص عضوًا في الخدمة الفعلية الآن.
result-unit_not_in_nypd = لا. لا توجد في NYPD وحدة كهذه.
result-unit_not_in_nypd-detail = لا تطبّق NYPD قوانين الهجرة، وليس لديها وحدة للهجرة. الشخص الذي يقول إنه من وحدة كهذه ليس من NYPD.
result-insufficient = نحتاج إلى بيانات أكثر لكي نتحقق.
result-insufficient-detail = اكتب اسم عائلة الشخص، ومعه إما رتبته ورقم شارته، أو رقم سجله الضريبي.

next-steps-heading = ماذا تفعل بعد ذلك
next-step-call_911 = إذا كنت في خطر، اتصل بالرقم 911.
next-step-call_desk = اتصل بنفسك بمكتب الاستقبال في { $command }:
next-step-call_311 = لأي أمر آخر، اتصل بالرقم 311.
next-step-precinct_list = اعثر على هاتف مكتب الاستقبال لأي مركز شرطة في قائمتنا لأرقام هواتف مراكز الشرطة.
next-step-immigration = الشرطة لا تسأل أبدًا الضحايا أو الشهود أو من يطلبون المساعدة عن وضع الهجرة.

precincts-title = أرقام هواتف مراكز الشرطة
precincts-intro = هذه هي الأرقام الحقيقية لمكاتب الاستقبال في مراكز دوريات NYPD. اتصل بأحدها بنفسك لتتحقق إن كان الشرطي يعمل هناك.
precincts-col-precinct = مركز الشرطة
precincts-col-address = العنوان
precincts-col-phone = هاتف مكتب الاستقبال
precincts-no-phone = اتصل بالرقم 311

error-heading = يرجى تصحيح هذا
error-field_too_long = هذا طويل جدًا.
error-invalid_characters = هذا يحتوي على رموز لا يمكننا قبولها.
error-rate_limited = هناك طلبات تحقق كثيرة جدًا الآن. يرجى الانتظار دقيقة ثم المحاولة مرة أخرى.
error-internal = حدث خطأ من جهتنا. يرجى المحاولة مرة أخرى، أو الاتصال بالرقم 311.
not-found-title = الصفحة غير موجودة
not-found-body = هذه الصفحة غير موجودة. ارجع إلى الصفحة الرئيسية.

footer-eo41 = الشرطة لا تسأل أبدًا الضحايا أو الشهود أو من يطلبون المساعدة عن وضع الهجرة الخاص بهم (الأمر التنفيذي 41).
footer-no-tracking = هذا الموقع لا يتتبعك ولا يحمّل أي شيء من أي موقع آخر.

## Scanning an officer's credential on /verify
scan-heading = امسح رمز QR الخاص بالشرطي
scan-intro = اطلب من الشرطي أن يُريك رمز QR الخاص بـ shieldcheck على هاتفه هو، ثم وجّه كاميرا هاتفك نحو الرمز. التحقق يتم على هاتفك ويعمل بدون إنترنت، ولا يُرسَل ما تمسحه إلى أي مكان.
scan-start = امسح رمز QR
scan-stop = أوقف الكاميرا
scan-looking = جارٍ البحث عن رمز QR…
scan-no-camera = تعذّر فتح الكاميرا. اسمح لهذه الصفحة باستخدام الكاميرا، أو استخدم النموذج أدناه.
scan-checking = جارٍ التحقق…
scan-valid = صالحة: هذه بطاقة حقيقية من NYPD
scan-invalid = غير صالحة: لا تصدّق كلام هذا الشخص
scan-compare = قارن هذه البيانات بما قيل لك وبالشارة المعدنية الحقيقية. إذا كان هناك أي اختلاف، لا تفتح الباب واتصل بمكتب الاستقبال في مركز الشرطة.
scan-call-desk = للتأكد، اتصل بمكتب الاستقبال في هذا المركز أو هذه الوحدة:
scan-precinct-list = اعثر على الأرقام الحقيقية لهواتف مكاتب الاستقبال في مراكز الشرطة
scan-status-as-of = معلومات البطاقات الملغاة محدّثة حتى { $time }.
scan-again = امسح مرة أخرى
scan-field-name = الاسم
scan-field-rank = الرتبة
scan-field-number = رقم الشارة أو رقم السجل الضريبي
scan-field-command = مركز الشرطة أو الوحدة
scan-challenge-toggle = اطلب من الشرطي أن يكتب رمزًا (تحقق أقوى)
scan-challenge-show = اطلب من الشرطي أن يكتب هذا الرمز على هاتفه: { $code }
scan-reason-expired = انتهت صلاحية البطاقة.
scan-reason-not_yet_valid = البطاقة ليست صالحة بعد.
scan-reason-revoked = تم إلغاء البطاقة.
scan-reason-suspended = البطاقة موقوفة.
scan-reason-bad_signature = هذا الرمز لم تُصدره NYPD: إنه مزوّر أو معدَّل.
scan-reason-unknown_issuer_key = هذا الرمز غير موقَّع بمفتاح يثق به shieldcheck.
scan-reason-stale_presentation = هذا الرمز قديم أو منسوخ. الرمز الحقيقي يُنشأ مباشرةً على هاتف الشرطي نفسه ويتغيّر كل 30 ثانية.
scan-reason-wrong_device = هذا الرمز لا يأتي من الهاتف الذي صدرت له البطاقة.
scan-reason-malformed = هذه ليست بطاقة shieldcheck.
scan-reason-status_unavailable = تعذّر التحقق مما إذا كانت البطاقة قد أُلغيت. اتصل بالإنترنت مرة واحدة ثم امسح مرة أخرى.

## The officer's wallet on /officer
officer-title = البطاقة الرقمية للشرطي
officer-intro = احتفظ ببطاقة shieldcheck الخاصة بك على هذا الهاتف، وأظهر رمز QR المباشر الخاص بها عندما يسألك أحد السكان من أنت. المفتاح الذي يوقّعها لا يغادر هذا الهاتف أبدًا.
officer-needs-js = تحتاج البطاقة الرقمية للشرطي إلى JavaScript ومتصفح حديث.
officer-code-label = رمز تسجيل لمرة واحدة
officer-code-hint = من مكتب البطاقات، مثلًا K7QF-M2XD-9PRA.
officer-enrol = سجّل هذا الهاتف
officer-enrolling = جارٍ التسجيل…
officer-error-invalid_enrolment_code = هذا الرمز غير صالح: ربما كُتب بشكل خاطئ أو استُخدم من قبل أو انتهت صلاحيته. اطلب رمزًا جديدًا من مكتب البطاقات.
officer-error-other = فشل التسجيل. تحقق من الاتصال وحاول مرة أخرى.
officer-qr-alt = رمز QR المباشر لبطاقتك
officer-refresh = يتغيّر الرمز كل 30 ثانية.
officer-expires = صالحة حتى { $date }.
officer-expired = انتهت صلاحية هذه البطاقة. اطلب رمز تسجيل جديدًا من مكتب البطاقات.
officer-challenge-label = الرمز الذي يعرضه الساكن (إذا طلب ذلك)
officer-forget = احذف البطاقة من هذا الهاتف
