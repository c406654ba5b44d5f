# shieldcheck public pages — Korean

site-name = shieldcheck
site-tagline = "NYPD"라고 말하는 사람이 정말 NYPD인지 확인하세요.
skip-to-content = 본문으로 건너뛰기
language-picker-label = 언어
language-picker-submit = 언어 변경
nav-home = 홈
nav-verify = 경찰관 확인하기
nav-precincts = 경찰서 전화번호
emergency-banner = 지금 위험하신가요? 911에 전화하세요.

home-title = 이 사람은 정말 NYPD인가요?
home-intro = 누군가 집 문 앞에서, 길에서 또는 전화로 자신이 NYPD라고 하면, 그 사람이 한 말을 확인할 수 있습니다. 무료이며, 이름을 밝히지 않아도 됩니다.
home-verify-link = 이름과 배지 번호 확인하기
home-precincts-link = 경찰서의 진짜 전화번호 찾기
home-desk-advice = 전화로 확인하려면, 이 사이트에 있는 번호로 경찰서 데스크에 직접 전화하세요. 그 사람이 준 전화번호나 링크는 절대 사용하지 마세요.

verify-title = 경찰관 확인하기
verify-intro = 그 사람이 말하거나 보여 준 것을 입력하세요. 아는 것만 채우고 나머지는 비워 두세요.
verify-privacy = 여기에 입력한 내용은 저장하지 않으며, 누가 입력했는지도 기록하지 않습니다.
verify-submit = 확인
field-name = 이름
field-name-hint = 예: Detective Ana Rivera
field-rank = 계급
field-rank-unknown = 모르겠습니다
field-shield = 배지 번호
field-shield-hint = 배지(shield)에 적힌 번호입니다.
field-tax-registry = 세금 등록 번호 (tax registry number)
field-tax-registry-hint = 경위(Lieutenant) 이상 계급은 배지 번호가 없습니다. 세금 등록 번호(tax registry number)를 물어보세요.
field-command = 경찰서 또는 부서
field-command-hint = 예: 34th Precinct, Midtown North, Transit District 4

rank-police-officer = 경찰관 (Police Officer)
rank-detective = 형사 (Detective)
rank-sergeant = 경사 (Sergeant)
rank-lieutenant = 경위 (Lieutenant)
rank-captain = 경감 (Captain)
rank-deputy-inspector = 경정 (Deputy Inspector)
rank-inspector = 총경 (Inspector)
rank-chief = 경무관 (Chief)
rank-traffic-enforcement-agent = 교통 단속 요원 (Traffic Enforcement Agent)
rank-school-safety-agent = 학교 안전 요원 (School Safety Agent)
rank-auxiliary-police = 보조 경찰 (Auxiliary Police)

result-heading = 결과
result-matches_active_member = 예. 현직 NYPD 직원과 일치합니다.
result-matches_active_member-detail = 입력하신 정보는 현직 직원의 정보입니다. 그 사람의 배지와 신분증을 이 정보와 비교해 보세요. 다른 점이 있거나 여전히 불안하다면, 경찰서 데스크에 직접 전화하세요.
result-no_match = 아니요. 일치하는 현직 NYPD 직원이 없습니다.
result-no_match-detail = 입력하신 정보는 NYPD 명단에 없습니다. 그 사람은 NYPD가 아닐 수 있습니다. 그 사람이 주는 전화번호나 링크를 믿지 마세요.
result-member_not_active = 아니요. 현직 NYPD 직원이 아닙니다.
result-member_not_active-detail = 입력하신 정보는 지금 현직으로 근무하는 직원의 정보가 아닙니다.
result-unit_not_in_nypd = 아니요. NYPD에는 그런 부서가 없습니다.
result-unit_not_in_nypd-detail = NYPD는 이민법을 집행하지 않으며, 이민 관련 부서도 없습니다. 그런 부서에서 왔다고 하는 사람은 NYPD가 아닙니다.
result-insufficient = 확인하려면 정보가 더 필요합니다.
result-insufficient-detail = 그 사람의 성을 입력하고, 계급과 배지 번호 또는 세금 등록 번호 중 하나를 입력하세요.

next-steps-heading = 다음에 할 일
next-step-call_911 = 위험하다면 911에 전화하세요.
next-step-call_desk = { $command } 데스크에 직접 전화하세요:
next-step-call_311 = 그 밖의 일은 311에 전화하세요.
next-step-precinct_list = 저희 경찰서 전화번호 목록에서 모든 경찰서의 데스크 전화번호를 찾을 수 있습니다.
next-step-immigration = 경찰은 피해자, 목격자 또는 도움을 요청하는 사람에게 절대 이민 신분을 묻지 않습니다.

precincts-title = 경찰서 전화번호
precincts-intro = NYPD 순찰 경찰서의 실제 데스크 전화번호입니다. 경찰관이 그곳에서 일하는지 직접 전화해서 확인하세요.
precincts-col-precinct = 경찰서
precincts-col-address = 주소
precincts-col-phone = 데스크 전화
precincts-no-phone = 311에 전화하세요

error-heading = 다음을 고쳐 주세요
error-field_too_long = 너무 깁니다.
error-invalid_characters = 받을 수 없는 문자가 들어 있습니다.
error-rate_limited = 지금 확인 요청이 너무 많습니다. 1분 후에 다시 시도해 주세요.
error-internal = 저희 쪽에 문제가 생겼습니다. 다시 시도하시거나 311에 전화하세요.
not-found-title = 페이지를 찾을 수 없습니다
not-found-body = 이 페이지는 없습니다. 홈페이지로 돌아가세요.

footer-eo41 = 경찰은 피해자, 목격자 또는 도움을 요청하는 사람에게 절대 이민 신분을 묻지 않습니다(행정명령 41호).
footer-no-tracking = 이 사이트는 사용자를 추적하지 않으며 다른 웹사이트에서 아무것도 불러오지 않습니다.

## Scanning an officer's credential on /verify
scan-heading = 경찰관의 QR 코드 스캔하기
scan-intro = 경찰관에게 자기 휴대폰에 있는 shieldcheck QR 코드를 보여 달라고 한 다음, 카메라를 그 코드에 맞추세요. 확인은 이 휴대폰 안에서 이루어지며 인터넷 없이도 됩니다. 스캔한 내용은 어디에도 보내지 않습니다.
scan-start = QR 코드 스캔하기
scan-stop = 카메라 끄기
scan-looking = QR 코드를 찾는 중…
scan-no-camera = 카메라를 열 수 없습니다. 이 페이지에서 카메라 사용을 허용하거나, 아래 양식을 사용하세요.
scan-checking = 확인하는 중…
scan-valid = 유효함: 진짜 NYPD 신분증입니다
scan-invalid = 유효하지 않음: 이 사람의 말을 믿지 마세요
scan-compare = 이 정보를 그 사람이 한 말, 그리고 실제 배지와 비교해 보세요. 다른 점이 있으면 문을 열지 말고 경찰서 데스크에 전화하세요.
scan-call-desk = 확실히 하려면 이 경찰서 또는 부서의 데스크에 전화하세요:
scan-precinct-list = 경찰서 데스크의 진짜 전화번호 찾기
scan-status-as-of = { $time } 기준 신분증 취소 여부 정보입니다.
scan-again = 다시 스캔하기
scan-field-name = 이름
scan-field-rank = 계급
scan-field-number = 배지 번호 또는 세금 등록 번호
scan-field-command = 경찰서 또는 부서
scan-challenge-toggle = 경찰관에게 코드를 입력해 달라고 하기 (더 확실한 확인)
scan-challenge-show = 경찰관에게 자기 휴대폰에 이 코드를 입력해 달라고 하세요: { $code }
scan-reason-expired = 신분증의 유효 기간이 지났습니다.
scan-reason-not_yet_valid = 신분증이 아직 유효하지 않습니다.
scan-reason-revoked = 신분증이 취소되었습니다.
scan-reason-suspended = 신분증이 정지되었습니다.
scan-reason-bad_signature = 이 코드는 NYPD가 발급한 것이 아닙니다. 위조되었거나 변경되었습니다.
scan-reason-unknown_issuer_key = 이 코드는 shieldcheck가 신뢰하는 키로 서명되지 않았습니다.
scan-reason-stale_presentation = 이 코드는 오래되었거나 복사된 것입니다. 진짜 코드는 경찰관 본인의 휴대폰에서 그 자리에서 만들어지며 30초마다 바뀝니다.
scan-reason-wrong_device = 이 코드는 신분증을 발급받은 휴대폰에서 나온 것이 아닙니다.
scan-reason-malformed = shieldcheck 신분증이 아닙니다.
scan-reason-status_unavailable = 신분증이 취소되었는지 확인할 수 없었습니다. 인터넷에 한 번 연결한 뒤 다시 스캔하세요.

## The officer's wallet on /officer
officer-title = 경찰관 신분증
officer-intro = shieldcheck 신분증을 이 휴대폰에 보관하고, 주민이 누구냐고 물으면 실시간 QR 코드를 보여 주세요. 신분증에 서명하는 키는 절대 이 휴대폰 밖으로 나가지 않습니다.
officer-needs-js = 경찰관 신분증을 사용하려면 JavaScript와 최신 브라우저가 필요합니다.
officer-code-label = 일회용 등록 코드
officer-code-hint = 신분증 담당 부서에서 받은 코드입니다. 예: K7QF-M2XD-9PRA
officer-enrol = 이 휴대폰 등록하기
officer-enrolling = 등록하는 중…
officer-error-invalid_enrolment_code = 유효하지 않은 코드입니다. 잘못 입력했거나, 이미 사용했거나, 기간이 지났을 수 있습니다. 신분증 담당 부서에 새 코드를 요청하세요.
officer-error-other = 등록하지 못했습니다. 연결을 확인하고 다시 시도하세요.
officer-qr-alt = 내 신분증의 실시간 QR 코드
officer-refresh = 코드는 30초마다 바뀝니다.
officer-expires = { $date }까지 유효합니다.
officer-expired = 이 신분증은 유효 기간이 지났습니다. 신분증 담당 부서에 새 등록 코드를 요청하세요.
officer-challenge-label = 주민이 보여 준 코드 (주민이 요청한 경우)
officer-forget = 이 휴대폰에서 신분증 삭제하기
