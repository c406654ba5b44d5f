# shieldcheck public pages — Bengali

site-name = shieldcheck
site-tagline = যে ব্যক্তি নিজেকে "NYPD" বলেন, তিনি সত্যিই NYPD কিনা তা যাচাই করুন।
skip-to-content = মূল বিষয়বস্তুতে যান
language-picker-label = ভাষা
language-picker-submit = ভাষা পরিবর্তন করুন
nav-home = হোম
nav-verify = একজন অফিসারকে যাচাই করুন
nav-precincts = প্রিসিংক্টের ফোন নম্বর
emergency-banner = এখন বিপদে আছেন? 911-এ কল করুন।

home-title = এই ব্যক্তি কি সত্যিই NYPD?
home-intro = কেউ যদি আপনার দরজায়, রাস্তায় বা ফোনে বলেন যে তিনি NYPD, তাহলে তিনি আপনাকে যা বলেছেন তা আপনি যাচাই করতে পারেন। এটি বিনামূল্যে, এবং আপনার নাম দিতে হবে না।
home-verify-link = নাম ও শিল্ড নম্বর যাচাই করুন
home-precincts-link = প্রিসিংক্টের আসল ফোন নম্বর খুঁজুন
home-desk-advice = ফোনে যাচাই করতে, এই সাইটের একটি নম্বর ব্যবহার করে নিজেই প্রিসিংক্টের ডেস্কে কল করুন। ওই ব্যক্তি আপনাকে যে ফোন নম্বর বা লিংক দেন, তা কখনো ব্যবহার করবেন না।

verify-title = একজন অফিসারকে যাচাই করুন
verify-intro = ওই ব্যক্তি আপনাকে যা বলেছেন বা দেখিয়েছেন তা লিখুন। যা জানেন তা পূরণ করুন, বাকিটা খালি রাখুন।
verify-privacy = আপনি এখানে যা লেখেন তা আমরা রাখি না, এবং আপনি কে তা আমরা রেকর্ড করি না।
verify-submit = যাচাই করুন
field-name = নাম
field-name-hint = যেমন: Detective Ana Rivera
field-rank = পদ
field-rank-unknown = আমি জানি না
field-shield = শিল্ড নম্বর
field-shield-hint = ব্যাজের (শিল্ডের) উপরে লেখা নম্বর।
field-tax-registry = ট্যাক্স রেজিস্ট্রি নম্বর (tax registry number)
field-tax-registry-hint = লেফটেন্যান্ট ও তার উপরের পদের অফিসারদের শিল্ড নম্বর থাকে না। তাদের কাছে ট্যাক্স রেজিস্ট্রি নম্বর (tax registry number) চান।
field-command = প্রিসিংক্ট বা ইউনিট
field-command-hint = যেমন: 34th Precinct, Midtown North, Transit District 4

rank-police-officer = পুলিশ অফিসার (Police Officer)
rank-detective = ডিটেকটিভ (Detective)
rank-sergeant = সার্জেন্ট (Sergeant)
rank-lieutenant = লেফটেন্যান্ট (Lieutenant)
rank-captain = ক্যাপ্টেন (Captain)
rank-deputy-inspector = ডেপুটি ইন্সপেক্টর (Deputy Inspector)
rank-inspector = ইন্সপেক্টর (Inspector)
rank-chief = চিফ (Chief)
rank-traffic-enforcement-agent = ট্রাফিক এনফোর্সমেন্ট এজেন্ট (Traffic Enforcement Agent)
rank-school-safety-agent = স্কুল সেফটি এজেন্ট (School Safety Agent)
rank-auxiliary-police = অক্সিলিয়ারি পুলিশ (Auxiliary Police)

result-heading = ফলাফল
result-matches_active_member = হ্যাঁ। এটি NYPD-এর একজন কর্মরত সদস্যের সাথে মেলে।
result-matches_active_member-detail = আপনি যে তথ্য দিয়েছেন তা একজন কর্মরত সদস্যের। এগুলো ওই ব্যক্তির শিল্ড ও পরিচয়পত্রের সাথে মিলিয়ে দেখুন। কিছু আলাদা হলে, বা এখনও নিরাপদ বোধ না করলে, নিজেই প্রিসিংক্টের ডেস্কে কল করুন।
result-no_match = না। এটি NYPD-এর কোনো কর্মরত সদস্যের সাথে মেলে না।
result-no_match-detail = আপনি যে তথ্য দিয়েছেন তা NYPD-এর সদস্য তালিকায় নেই। ওই ব্যক্তি হয়তো NYPD নন। তিনি যে ফোন নম্বর বা লিংক দেন, তা বিশ্বাস করবেন না।
result-member_not_active = না। ইনি NYPD-এর কর্মরত সদস্য নন।
result-member_not_active-detail = আপনি যে তথ্য দিয়েছেন তা এমন কোনো সদস্যের নয়, যিনি এখন চাকরিতে কর্মরত আছেন।
result-unit_not_in_nypd = না। NYPD-তে এমন কোনো ইউনিট নেই।
result-unit_not_in_nypd-detail = NYPD অভিবাসন আইন প্রয়োগ করে না এবং এর কোনো অভিবাসন ইউনিট নেই। যে ব্যক্তি বলেন তিনি এমন ইউনিট থেকে এসেছেন, তিনি NYPD-এর কেউ নন।
result-insufficient = যাচাই করতে আমাদের আরও তথ্য দরকার।
result-insufficient-detail = ওই ব্যক্তির শেষ নাম লিখুন, আর সাথে তার পদ ও শিল্ড নম্বর, অথবা তার ট্যাক্স রেজিস্ট্রি নম্বর লিখুন।

next-steps-heading = এরপর কী করবেন
next-step-call_911 = আপনি বিপদে থাকলে 911-এ কল করুন।
next-step-call_desk = নিজেই { $command }-এর ডেস্কে কল করুন:
next-step-call_311 = অন্য যেকোনো বিষয়ে 311-এ কল করুন।
next-step-precinct_list = যেকোনো প্রিসিংক্টের ডেস্কের ফোন নম্বর আমাদের প্রিসিংক্টের ফোন নম্বরের তালিকায় খুঁজুন।
next-step-immigration = পুলিশ কখনো ভুক্তভোগী, সাক্ষী বা সাহায্যপ্রার্থী মানুষকে অভিবাসন স্ট্যাটাস সম্পর্কে জিজ্ঞাসা করে না।

precincts-title = প্রিসিংক্টের ফোন নম্বর
precincts-intro = এগুলো NYPD-এর প্যাট্রোল প্রিসিংক্টগুলোর আসল ডেস্ক নম্বর। কোনো অফিসার সেখানে কাজ করেন কিনা তা যাচাই করতে নিজেই একটিতে কল করুন।
precincts-col-precinct = প্রিসিংক্ট
precincts-col-address = ঠিকানা
precincts-col-phone = ডেস্কের ফোন
precincts-no-phone = 311-এ কল করুন

error-heading = অনুগ্রহ করে এটি ঠিক করুন
error-field_too_long = এটি খুব লম্বা।
error-invalid_characters = এতে এমন অক্ষর আছে যা আমরা গ্রহণ করতে পারি না।
error-rate_limited = এই মুহূর্তে অনেক বেশি যাচাই হচ্ছে। অনুগ্রহ করে এক মিনিট অপেক্ষা করে আবার চেষ্টা করুন।
error-internal = আমাদের দিকে একটি সমস্যা হয়েছে। অনুগ্রহ করে আবার চেষ্টা করুন, অথবা 311-এ কল করুন।
not-found-title = পৃষ্ঠাটি পাওয়া যায়নি
not-found-body = এই পৃষ্ঠাটি নেই। হোম পৃষ্ঠায় ফিরে যান।

footer-eo41 = পুলিশ কখনো ভুক্তভোগী, সাক্ষী বা সাহায্যপ্রার্থী মানুষকে তাদের অভিবাসন স্ট্যাটাস সম্পর্কে জিজ্ঞাসা করে না (এক্সিকিউটিভ অর্ডার 41)।
footer-no-tracking = এই সাইট আপনাকে ট্র্যাক করে না এবং অন্য কোনো ওয়েবসাইট থেকে কিছুই লোড করে না।

## Scanning an officer's credential on /verify
scan-heading = অফিসারের QR কোড স্ক্যান করুন
scan-intro = অফিসারকে তার নিজের ফোনে shieldcheck QR কোড দেখাতে বলুন, তারপর আপনার ক্যামেরা সেই কোডের দিকে ধরুন। যাচাই আপনার ফোনেই হয় এবং ইন্টারনেট ছাড়াই কাজ করে; আপনি যা স্ক্যান করেন তা কোথাও পাঠানো হয় না।
scan-start = QR কোড স্ক্যান করুন
scan-stop = ক্যামেরা বন্ধ করুন
scan-looking = QR কোড খোঁজা হচ্ছে…
scan-no-camera = ক্যামেরা খোলা যায়নি। এই পৃষ্ঠাকে ক্যামেরা ব্যবহারের অনুমতি দিন, অথবা নিচের ফর্মটি ব্যবহার করুন।
scan-checking = যাচাই করা হচ্ছে…
scan-valid = বৈধ: এটি NYPD-এর আসল পরিচয়পত্র
scan-invalid = বৈধ নয়: এই ব্যক্তির কথায় ভরসা করবেন না
scan-compare = এই তথ্যগুলো আপনাকে যা বলা হয়েছে তার সাথে এবং আসল ধাতব শিল্ডের সাথে মিলিয়ে দেখুন। কিছু আলাদা হলে দরজা খুলবেন না, এবং প্রিসিংক্টের ডেস্কে কল করুন।
scan-call-desk = নিশ্চিত হতে, এই প্রিসিংক্ট বা ইউনিটের ডেস্কে কল করুন:
scan-precinct-list = প্রিসিংক্টের ডেস্কের আসল ফোন নম্বর খুঁজুন
scan-status-as-of = বাতিল হওয়া পরিচয়পত্রের তথ্য { $time } পর্যন্ত।
scan-again = আবার স্ক্যান করুন
scan-field-name = নাম
scan-field-rank = পদ
scan-field-number = শিল্ড নম্বর বা ট্যাক্স রেজিস্ট্রি নম্বর
scan-field-command = প্রিসিংক্ট বা ইউনিট
scan-challenge-toggle = অফিসারকে একটি কোড টাইপ করতে বলুন (আরও নিশ্চিত যাচাই)
scan-challenge-show = অফিসারকে তার ফোনে এই কোডটি টাইপ করতে বলুন: { $code }
scan-reason-expired = পরিচয়পত্রের মেয়াদ শেষ হয়ে গেছে।
scan-reason-not_yet_valid = পরিচয়পত্রটি এখনও বৈধ হয়নি।
scan-reason-revoked = পরিচয়পত্রটি বাতিল করা হয়েছে।
scan-reason-suspended = পরিচয়পত্রটি স্থগিত আছে।
scan-reason-bad_signature = এই কোড NYPD দেয়নি: এটি জাল বা বদলানো।
scan-reason-unknown_issuer_key = shieldcheck যে কী বিশ্বাস করে, সেই কী দিয়ে এই কোডে স্বাক্ষর করা হয়নি।
scan-reason-stale_presentation = এই কোডটি পুরোনো বা কপি করা। আসল কোড অফিসারের নিজের ফোনে তখনই তৈরি হয় এবং প্রতি 30 সেকেন্ডে বদলায়।
scan-reason-wrong_device = এই কোডটি যে ফোনের জন্য পরিচয়পত্র দেওয়া হয়েছিল, সেই ফোন থেকে আসেনি।
scan-reason-malformed = এটি shieldcheck পরিচয়পত্র নয়।
scan-reason-status_unavailable = পরিচয়পত্রটি বাতিল হয়েছে কিনা তা যাচাই করা যায়নি। একবার ইন্টারনেটে যুক্ত হয়ে আবার স্ক্যান করুন।

## The officer's wallet on /officer
officer-title = অফিসারের ডিজিটাল পরিচয়পত্র
officer-intro = আপনার shieldcheck পরিচয়পত্র এই ফোনে রাখুন, এবং কোনো বাসিন্দা আপনি কে জানতে চাইলে এর লাইভ QR কোড দেখান। যে কী দিয়ে এতে স্বাক্ষর হয়, তা কখনো এই ফোনের বাইরে যায় না।
officer-needs-js = অফিসারের ডিজিটাল পরিচয়পত্রের জন্য JavaScript এবং একটি আধুনিক ব্রাউজার দরকার।
officer-code-label = একবার ব্যবহারের নিবন্ধন কোড
officer-code-hint = পরিচয়পত্র অফিস থেকে দেওয়া, যেমন K7QF-M2XD-9PRA।
officer-enrol = এই ফোন নিবন্ধন করুন
officer-enrolling = নিবন্ধন হচ্ছে…
officer-error-invalid_enrolment_code = এই কোডটি বৈধ নয়: হয়তো ভুল টাইপ হয়েছে, আগে ব্যবহার হয়েছে বা মেয়াদ শেষ হয়ে গেছে। পরিচয়পত্র অফিস থেকে নতুন কোড চান।
officer-error-other = নিবন্ধন হয়নি। সংযোগ দেখে আবার চেষ্টা করুন।
officer-qr-alt = আপনার পরিচয়পত্রের লাইভ QR কোড
officer-refresh = কোডটি প্রতি 30 সেকেন্ডে বদলায়।
officer-expires = { $date } পর্যন্ত বৈধ।
officer-expired = এই পরিচয়পত্রের মেয়াদ শেষ হয়ে গেছে। পরিচয়পত্র অফিস থেকে নতুন নিবন্ধন কোড চান।
officer-challenge-label = বাসিন্দার দেখানো কোড (যদি তিনি চান)
officer-forget = এই ফোন থেকে পরিচয়পত্র সরিয়ে দিন
