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

## Scanning an officer's credential on /verify
scan-heading = 掃描警員的 QR 碼
scan-intro = 請警員在他自己的手機上出示 shieldcheck QR 碼，然後用您的相機對準它。核實是在您的手機上進行的，沒有網路也能用；您掃描的內容不會傳送到任何地方。
scan-start = 掃描 QR 碼
scan-stop = 關閉相機
scan-looking = 正在尋找 QR 碼…
scan-no-camera = 無法開啟相機。請允許此網頁使用相機，或使用下面的表格。
scan-checking = 正在核實…
scan-valid = 有效：這是真正的 NYPD 證件
scan-invalid = 無效：不要相信這個人說的話
scan-compare = 請把這些資料與對方告訴您的話，以及實體警徽核對。如有任何不同，不要開門，並打電話給分局值班台。
scan-call-desk = 如要確認，請打電話給這個分局或單位的值班台：
scan-precinct-list = 查找分局值班台的真實電話號碼
scan-status-as-of = 證件註銷狀態更新於 { $time }。
scan-again = 再掃描一次
scan-field-name = 姓名
scan-field-rank = 職級
scan-field-number = 警徽號碼或稅務登記號碼
scan-field-command = 分局或單位
scan-challenge-toggle = 請警員輸入一個代碼（更可靠的核實）
scan-challenge-show = 請警員在他的手機上輸入這個代碼：{ $code }
scan-reason-expired = 證件已過期。
scan-reason-not_yet_valid = 證件尚未生效。
scan-reason-revoked = 證件已被註銷。
scan-reason-suspended = 證件已被暫停。
scan-reason-bad_signature = 這個 QR 碼不是 NYPD 發出的：它是偽造的或被改過。
scan-reason-unknown_issuer_key = 這個 QR 碼不是用 shieldcheck 信任的金鑰簽署的。
scan-reason-stale_presentation = 這個 QR 碼是舊的或複製的。真正的 QR 碼是在警員自己的手機上即時產生的，每 30 秒就會改變。
scan-reason-wrong_device = 這個 QR 碼不是來自當初領取證件的那部手機。
scan-reason-malformed = 這不是 shieldcheck 證件。
scan-reason-status_unavailable = 無法核實證件是否已被註銷。請連上網路一次，然後再掃描一次。

## The officer's wallet on /officer
officer-title = 警員證件
officer-intro = 請把您的 shieldcheck 證件保存在這部手機上，當居民問您是誰時，出示它的即時 QR 碼。為證件簽署的金鑰永遠不會離開這部手機。
officer-needs-js = 警員證件需要 JavaScript 和較新的瀏覽器。
officer-code-label = 一次性登記代碼
officer-code-hint = 由證件辦公室提供，例如 K7QF-M2XD-9PRA。
officer-enrol = 登記這部手機
officer-enrolling = 正在登記…
officer-error-invalid_enrolment_code = 這個代碼無效：可能輸入錯誤、已被使用或已過期。請向證件辦公室索取新的代碼。
officer-error-other = 登記失敗。請檢查網路連線，然後再試一次。
officer-qr-alt = 您證件的即時 QR 碼
officer-refresh = QR 碼每 30 秒改變一次。
officer-expires = 有效期至 { $date }。
officer-expired = 這張證件已過期。請向證件辦公室索取新的登記代碼。
officer-challenge-label = 居民出示的代碼（如果對方要求）
officer-forget = 從這部手機移除證件
