# shieldcheck public pages — Chinese (Traditional)

site-name = shieldcheck
site-tagline = 核實自稱「NYPD」的人是不是真的警察。
skip-to-content = 跳至主要內容
language-picker-label = 語言
language-picker-submit = 更改語言
nav-home = 首頁
nav-verify = 核實警員身份
nav-precincts = 分局電話號碼
emergency-banner = 現在有危險嗎？請撥打 911。

home-title = 這個人真的是 NYPD 嗎？
home-intro = 如果有人在您家門口、在街上或在電話中說自己是 NYPD，您可以核實對方告訴您的資料。這是免費的，您不需要提供姓名。
home-verify-link = 核實姓名和警徽號碼
home-precincts-link = 查找分局的真實電話號碼
home-desk-advice = 如要用電話核實，請使用本網站上的號碼，親自打電話給分局值班台。切勿使用對方給您的電話號碼或連結。

verify-title = 核實警員身份
verify-intro = 請輸入對方告訴您或給您看的資料。填寫您知道的部分，其餘留空即可。
verify-privacy = 我們不會保存您在這裡輸入的內容，也不會記錄您是誰。
verify-submit = 核實
field-name = 姓名
field-name-hint = 例如：Detective Ana Rivera
field-rank = 職級
field-rank-unknown = 我不知道
field-shield = 警徽號碼
field-shield-hint = 警徽 (shield) 上的號碼。
field-tax-registry = 稅務登記號碼 (tax registry number)
field-tax-registry-hint = 警督 (Lieutenant) 及更高職級沒有警徽號碼。請向對方索取稅務登記號碼 (tax registry number)。
field-command = 分局或單位
field-command-hint = 例如：34th Precinct、Midtown North、Transit District 4

rank-police-officer = 警員 (Police Officer)
rank-detective = 警探 (Detective)
rank-sergeant = 警長 (Sergeant)
rank-lieutenant = 警督 (Lieutenant)
rank-captain = 警監 (Captain)
rank-deputy-inspector = 副督察 (Deputy Inspector)
rank-inspector = 督察 (Inspector)
rank-chief = 總警監 (Chief)
rank-traffic-enforcement-agent = 交通執法員 (Traffic Enforcement Agent)
rank-school-safety-agent = 學校安全員 (School Safety Agent)
rank-auxiliary-police = 輔警 (Auxiliary Police)

result-heading = 結果
result-matches_active_member = 是的。這與一名現役 NYPD 人員相符。
result-matches_active_member-detail = 您輸入的資料屬於一名現役人員。請與對方的警徽和證件核對。如有任何不同，或您仍然感到不安全，請親自打電話給分局值班台。
result-no_match = 不是。這與任何現役 NYPD 人員都不相符。
result-no_match-detail = 您輸入的資料不在 NYPD 的人員名冊上。對方可能不是 NYPD。請不要相信對方給您的電話號碼或連結。
result-member_not_active = 不是。這不是現役 NYPD 人員。
result-member_not_active-detail = 您輸入的資料不屬於目前仍在職的現役人員。
result-unit_not_in_nypd = 不是。NYPD 沒有這個單位。
result-unit_not_in_nypd-detail = NYPD 不執行移民法，也沒有移民單位。自稱來自這種單位的人，不是 NYPD 的人。
result-insufficient = 我們需要更多資料才能核實。
result-insufficient-detail = 請輸入對方的姓氏，再加上對方的職級和警徽號碼，或者稅務登記號碼。

next-steps-heading = 下一步怎麼做
next-step-call_911 = 如果您有危險，請撥打 911。
next-step-call_desk = 請親自打電話給 { $command } 的值班台：
next-step-call_311 = 其他任何事情，請撥打 311。
next-step-precinct_list = 在我們的分局電話號碼清單上，可以找到每個分局值班台的電話。
next-step-immigration = 警察絕不會詢問受害者、證人或求助者的移民身份。

precincts-title = 分局電話號碼
precincts-intro = 這些是 NYPD 各巡邏分局值班台的真實號碼。請親自打電話，核實某位警員是否在那裡工作。
precincts-col-precinct = 分局
precincts-col-address = 地址
precincts-col-phone = 值班台電話
precincts-no-phone = 請撥打 311

error-heading = 請更正以下內容
error-field_too_long = 內容太長。
error-invalid_characters = 內容含有我們無法接受的字元。
error-rate_limited = 目前核實次數太多。請等一分鐘後再試。
error-internal = 我們這邊出了問題。請再試一次，或撥打 311。
not-found-title = 找不到網頁
not-found-body = 此網頁不存在。請返回首頁。

footer-eo41 = 警察絕不會詢問受害者、證人或求助者的移民身份（第 41 號行政命令）。
footer-no-tracking = 本網站不會追蹤您，也不會從任何其他網站載入內容。
